"""Forms of consultations: input cleaning only; views hand cleaned data to services."""

"""Views of consultations, one module per audience: the public, focal points and the secretariat, stakeholders."""

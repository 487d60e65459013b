"""Who may do what with consultations (django-rules predicates)."""

import rules

from stakeholders.geography import countries_of_commission
from stakeholders.queries import focal_point_countries
from stakeholders.rules import is_secretariat


@rules.predicate
def is_focal_point_for(user, consultation):
    """A focal point manages the consultations of their own country or commission region only."""
    if consultation is None:
        return False
    countries = focal_point_countries(user)
    if consultation.country:
        return consultation.country.code in countries
    return bool(countries) and set(countries_of_commission(consultation.commission)) <= countries


rules.add_perm("consultations.change_consultation", is_secretariat | is_focal_point_for)
rules.add_perm("consultations.publish", is_secretariat)

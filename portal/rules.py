"""Who may use the staff home (django-rules predicates)."""

import rules

from consultations.models import Consultation
from stakeholders.rules import is_focal_point, is_reviewer, is_secretariat

# The staff roles: read from the person's grants, fetched once per request, so that every page's
# navigation may ask without a query of its own.
is_staff_member = is_secretariat | is_focal_point | is_reviewer


@rules.predicate
def is_a_rapporteur(user):
    """The stakeholder rapporteur of at least one consultation: they write its summary."""
    return user.is_authenticated and Consultation.objects.filter(rapporteur=user).exists()


# Staff land on their home page after signing in, and find it in the navigation of every page.
rules.add_perm("portal.work_as_staff", is_staff_member)
# What waits for them; a rapporteur without a staff role finds there the summary to write.
rules.add_perm("portal.view_staff_home", is_staff_member | is_a_rapporteur)

"""Who may do what with answers to calls (django-rules predicates)."""

import rules

from consultations.rules import is_focal_point_for
from stakeholders.rules import is_reviewer, is_secretariat


@rules.predicate
def is_own(user, answer):
    return answer is not None and user.is_authenticated and answer.person_id == user.pk


rules.add_perm("registrations.answer", rules.is_authenticated)
rules.add_perm("registrations.view_own", rules.is_authenticated)
rules.add_perm("registrations.change_answer", is_own)
# Organizers see who registered to their own consultations (never optional personal attributes).
rules.add_perm("registrations.view_registrations", is_secretariat | is_focal_point_for)


@rules.predicate
def is_reviewer_of(user, call):
    from registrations.queries.reviews import is_assigned  # rules come before the writes that use them

    return call is not None and user.is_authenticated and is_assigned(user, call.consultation_id)


rules.add_perm("registrations.review", is_secretariat | is_reviewer_of)
rules.add_perm("registrations.select", is_secretariat)
rules.add_perm("registrations.see_reviews", is_secretariat | is_reviewer)

"""Who may do what with answers to calls (django-rules predicates)."""

import rules

from consultations.rules import is_focal_point_for, is_focal_point_for_call
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
# Side events: those who manage the call's consultation accept, decline and schedule the proposals.
rules.add_perm("registrations.decide_side_events", is_secretariat | is_focal_point_for_call)


@rules.predicate
def is_confirmed_participant(user, material):
    """A confirmed place (in the room or online) at the consultation the material belongs to."""
    from registrations.queries.materials import has_confirmed_place  # rules come before the reads that use them

    return material is not None and user.is_authenticated and has_confirmed_place(user, material.consultation_id)


@rules.predicate
def is_organizer_of_material(user, material):
    return material is not None and (is_secretariat(user) or is_focal_point_for(user, material.consultation))


@rules.predicate
def is_public_material(user, material):
    """Public material of a published consultation: everyone reads it."""
    return material is not None and material.is_public and material.consultation.is_published


# Session materials: public ones for everyone; the others for confirmed participants and the organizers.
rules.add_perm("registrations.view_material", is_public_material | is_confirmed_participant | is_organizer_of_material)

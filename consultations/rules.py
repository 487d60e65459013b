"""Who may do what with consultations (django-rules predicates)."""

import rules

from consultations.enums import PublicationStatus, SubmissionStatus
from stakeholders.enums import Commission
from stakeholders.geography import countries_of_commission
from stakeholders.queries import focal_point_countries
from stakeholders.rules import is_focal_point, is_secretariat

# A focal point may change what the secretariat has not yet accepted; the secretariat may change anything.
EDITABLE_BY_FOCAL_POINT = (PublicationStatus.DRAFT, PublicationStatus.RETURNED)


def commissions_covered(countries: set[str]) -> list[str]:
    """The regional commissions all of whose member countries a focal point answers for."""
    return [code for code in Commission.values if countries and set(countries_of_commission(code)) <= countries]


@rules.predicate
def is_focal_point_for(user, consultation):
    """A focal point manages the consultations of their own country or commission region only."""
    if consultation is None:
        return False
    countries = focal_point_countries(user)
    if consultation.country:
        return consultation.country.code in countries
    return consultation.commission in commissions_covered(countries)


@rules.predicate
def is_focal_point_for_call(user, call):
    return call is not None and is_focal_point_for(user, call.consultation)


@rules.predicate
def is_awaiting_changes(user, item):
    return item is not None and item.status in EDITABLE_BY_FOCAL_POINT


@rules.predicate
def is_rapporteur_of(user, consultation):
    return consultation is not None and user.is_authenticated and consultation.rapporteur_id == user.pk


rules.add_perm("consultations.manage", is_secretariat | is_focal_point)
rules.add_perm("consultations.view_draft", is_secretariat | is_focal_point_for)
rules.add_perm("consultations.change_consultation", is_secretariat | (is_focal_point_for & is_awaiting_changes))
rules.add_perm("consultations.add_call", is_secretariat | is_focal_point_for)
rules.add_perm("consultations.view_draft_call", is_secretariat | is_focal_point_for_call)
rules.add_perm("consultations.change_call", is_secretariat | (is_focal_point_for_call & is_awaiting_changes))
rules.add_perm("consultations.publish", is_secretariat)
rules.add_perm("consultations.write_summary", is_secretariat | is_rapporteur_of)
# Documents and links of the programme: those who manage the consultation, at any time (also once published).
rules.add_perm("consultations.manage_materials", is_secretariat | is_focal_point_for)
# The link to join online is often known only days before: its organizers give it at any time.
rules.add_perm("consultations.manage_joining", is_secretariat | is_focal_point_for)


@rules.predicate
def is_submission_author(user, submission):
    return submission is not None and user.is_authenticated and submission.author_id == user.pk


@rules.predicate
def is_published_submission(user, submission):
    return submission is not None and submission.status == SubmissionStatus.PUBLISHED


rules.add_perm("consultations.send_submission", rules.is_authenticated)
rules.add_perm("consultations.view_own_submissions", rules.is_authenticated)
rules.add_perm("consultations.moderate_submissions", is_secretariat)
# Anyone reads a published submission; before that only its author and the secretariat.
rules.add_perm("consultations.view_submission", is_published_submission | is_submission_author | is_secretariat)

"""Reviews of expressions of interest on the agreed rubric: writes and reads.

A reviewer never scores an expression of interest from their own organization. Scores are
normalised per reviewer (z-scores of their weighted scores), so that a harsh or a generous reviewer
does not decide the outcome; the secretariat sees where reviewers disagree.

The secretariat's settings, rubric, rules and reviewers are recorded in the activity log as they
change: briefly in from → to, in full in the note when the brief form had to be cut.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.services import brief, record
from registrations.models import (
    DiversityRule,
    Review,
    ReviewCriterion,
    ReviewerAssignment,
)
from registrations.queries.reviews import SCORE_RANGE, criteria_of, has_conflict, is_assigned, settings_of

ASSIGNED, REMOVED = "assigned", "removed"


def record_change(subject, *, by, field: str, before: str, after: str) -> None:
    """Record a change described in words; the full description goes to the note when it is cut."""
    if before == after:
        return
    cut = brief(before) != before or brief(after) != after
    note = f"{before or '—'} → {after or '—'}" if cut else ""
    record(subject, by=by, field=field, before=before, after=after, note=note)


def describe_rubric(criteria) -> str:
    return " · ".join(f"{name} ({weight})" for name, weight in criteria)


def describe_rules(rules) -> str:
    return " · ".join(sorted(str(rule) for rule in rules))


@transaction.atomic
def set_rubric(call, *, by, criteria: list[tuple[str, int]]) -> list[ReviewCriterion]:
    """The secretariat's weighted rubric for a call to speak; the weights sum to 100."""
    if sum(weight for _name, weight in criteria) != 100:
        raise ValidationError(_("The weights of the criteria must add up to 100."))
    if Review.objects.filter(interest__call=call).exists():
        raise ValidationError(_("Reviews have started: the rubric can no longer change."))
    settings = settings_of(call)
    before = describe_rubric((criterion.name, criterion.weight) for criterion in settings.criteria.all())
    settings.criteria.all().delete()
    created = ReviewCriterion.objects.bulk_create(
        ReviewCriterion(selection_settings=settings, name=name, weight=weight, position=position)
        for position, (name, weight) in enumerate(criteria)
    )
    record_change(settings, by=by, field="rubric", before=before, after=describe_rubric(criteria))
    return created


@transaction.atomic
def assign_reviewer(consultation, *, by, reviewer) -> ReviewerAssignment:
    assignment, created = ReviewerAssignment.objects.get_or_create(consultation=consultation, reviewer=reviewer)
    if created:
        record(assignment, by=by, field="reviewer", after=ASSIGNED)
    return assignment


@transaction.atomic
def save_review(interest, *, reviewer, scores: dict, comment: str = "") -> Review:
    if not is_assigned(reviewer, interest.call.consultation_id):
        raise PermissionDenied(_("You are not a reviewer of this consultation."))
    if has_conflict(reviewer, interest):
        raise PermissionDenied(_("You cannot review an expression of interest from your own organization."))
    criteria = {str(criterion.pk) for criterion in criteria_of(interest.call)}
    if set(map(str, scores)) != criteria or any(int(value) not in SCORE_RANGE for value in scores.values()):
        raise ValidationError(_("Give every criterion a score from 0 to 5."))
    review, _created = Review.objects.update_or_create(
        interest=interest,
        reviewer=reviewer,
        defaults={"scores": {str(key): int(value) for key, value in scores.items()}, "comment": comment},
    )
    return review


@transaction.atomic
def save_selection_settings(call, *, by, settings: dict, criteria: list[tuple[str, int]], rules: list[dict]):
    """The secretariat's settings of a call to speak or for funding: numbers, rubric and rules."""
    current = settings_of(call)
    changed = {name: (getattr(current, name), value) for name, value in settings.items()}
    for name, value in settings.items():
        setattr(current, name, value)
    current.save()
    for name, (before, after) in changed.items():
        if before != after:
            record_change(current, by=by, field=name, before=_text(before), after=_text(after))
    if [(criterion.name, criterion.weight) for criterion in current.criteria.all()] != list(criteria) and criteria:
        set_rubric(call, by=by, criteria=criteria)
    rules_before = describe_rules(current.rules.all())
    current.rules.all().delete()
    created = DiversityRule.objects.bulk_create(DiversityRule(selection_settings=current, **rule) for rule in rules)
    record_change(current, by=by, field="rules", before=rules_before, after=describe_rules(created))
    return current


def _text(value) -> str:
    return "" if value is None else str(value)


@transaction.atomic
def remove_reviewer(consultation, *, by, reviewer_id) -> None:
    assignments = ReviewerAssignment.objects.filter(consultation=consultation, reviewer_id=reviewer_id)
    for assignment in assignments.select_related("reviewer", "consultation"):
        record(assignment, by=by, field="reviewer", before=ASSIGNED, after=REMOVED)
        assignment.delete()

"""Reviews of expressions of interest on the agreed rubric: writes and reads.

A reviewer never scores an expression of interest from their own organization. Scores are
normalised per reviewer (z-scores of their weighted scores), so that a harsh or a generous reviewer
does not decide the outcome; the secretariat sees where reviewers disagree.

The secretariat's settings, rubric, rules and reviewers are recorded in the activity log as they
change: briefly in from → to, in full in the note when the brief form had to be cut.
"""

from django.conf import settings as conf
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activity.services import brief, record
from consultations.enums import Provenance
from consultations.services import next_provenance, texts_by_language
from registrations.models import (
    DiversityRule,
    Review,
    ReviewCriterion,
    ReviewerAssignment,
)
from registrations.queries.reviews import SCORE_RANGE, criteria_of, has_conflict, is_assigned, settings_of
from stakeholders.models import in_language

ASSIGNED, REMOVED = "assigned", "removed"
CODES = [code for code, _name in conf.LANGUAGES]
ORIGINAL = str(Provenance.ORIGINAL)


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


def rubric_rows(criteria) -> list[dict]:
    """Each criterion as {"names": {column: text}, "provenance": {code: mark}, "weight": n}, every
    language's column present. A plain (name, weight) pair is named in the active language, its original."""
    rows = []
    for criterion in criteria:
        if not isinstance(criterion, dict):
            name, weight = criterion
            code = get_language() or conf.LANGUAGE_CODE
            criterion = {"names": {in_language("name", code): name}, "provenance": {code: ORIGINAL}, "weight": weight}
        names = {in_language("name", code): criterion["names"].get(in_language("name", code)) or "" for code in CODES}
        chosen = {code: mark for code, mark in (criterion.get("provenance") or {}).items() if mark}
        rows.append({"names": names, "provenance": chosen, "weight": criterion["weight"]})
    return rows


def stored_rows(criteria) -> list[dict]:
    """The criteria as they are stored, in the shape of rubric_rows."""
    return rubric_rows(
        {"names": texts_of(criterion), "provenance": criterion.provenance, "weight": criterion.weight}
        for criterion in criteria
    )


def texts_of(criterion) -> dict:
    return {in_language("name", code): getattr(criterion, in_language("name", code)) or "" for code in CODES}


def original_name(row: dict) -> str:
    """A criterion's name in its original language, for the log (which is read in any language)."""
    names, marks = row["names"], row["provenance"]
    originals = [code for code in CODES if marks.get(code) == ORIGINAL and names[in_language("name", code)]]
    return next(filter(None, (names[in_language("name", code)] for code in originals + CODES)), "")


def _originals_kept(criterion, row) -> bool:
    """After reviews start, a criterion's original wording stays: only its translations may change."""
    return all(
        row["names"][in_language("name", code)] == getattr(criterion, in_language("name", code))
        and row["provenance"].get(code, ORIGINAL) == ORIGINAL
        for code, mark in (criterion.provenance or {}).items()
        if mark == ORIGINAL
    )


@transaction.atomic
def set_rubric(call, *, by, criteria: list) -> list[ReviewCriterion]:
    """The secretariat's weighted rubric for a call to speak; the weights sum to 100. Each criterion
    is named in one or more languages (see rubric_rows). Once reviews have started, the criteria
    and their weights stay, and only their translations may be added or corrected."""
    rows = rubric_rows(criteria)
    if sum(row["weight"] for row in rows) != 100:
        raise ValidationError(_("The weights of the criteria must add up to 100."))
    selection = settings_of(call)
    current = list(selection.criteria.all())
    same_criteria = [criterion.weight for criterion in current] == [row["weight"] for row in rows]
    if Review.objects.filter(interest__call=call).exists():
        if not same_criteria:
            raise ValidationError(_("Reviews have started: the rubric can no longer change."))
        if not all(_originals_kept(criterion, row) for criterion, row in zip(current, rows, strict=True)):
            raise ValidationError(_("Reviews have started: only the translations of the criteria can still change."))
    before = describe_rubric((original_name(row), row["weight"]) for row in stored_rows(current))
    if same_criteria:  # the same criteria, reworded or translated: scores given stay attached to them
        for criterion, row in zip(current, rows, strict=True):
            _name_criterion(criterion, row)
            criterion.save()
        created = current
    else:
        selection.criteria.all().delete()
        created = []
        for position, row in enumerate(rows):
            criterion = ReviewCriterion(selection_settings=selection, weight=row["weight"], position=position)
            _name_criterion(criterion, row)
            created.append(criterion)
        created = ReviewCriterion.objects.bulk_create(created)
    after = describe_rubric((original_name(row), row["weight"]) for row in rows)
    record_change(selection, by=by, field="rubric", before=before, after=after)
    return created


def _name_criterion(criterion, row) -> None:
    """Set a criterion's names, carrying the provenance of each language version forward as for calls."""
    before = texts_by_language(criterion, ("name",)) if criterion.pk else {}
    for column, value in row["names"].items():
        setattr(criterion, column, value)
    after = texts_by_language(criterion, ("name",))
    criterion.provenance = next_provenance(
        before=before, after=after, previous=criterion.provenance or {}, chosen=row["provenance"]
    )


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
def save_selection_settings(call, *, by, settings: dict, criteria: list, rules: list[dict]):
    """The secretariat's settings of a call to speak or for funding: numbers, rubric and rules."""
    current = settings_of(call)
    changed = {name: (getattr(current, name), value) for name, value in settings.items()}
    for name, value in settings.items():
        setattr(current, name, value)
    current.save()
    for name, (before, after) in changed.items():
        if before != after:
            record_change(current, by=by, field=name, before=_text(before), after=_text(after))
    if criteria and stored_rows(current.criteria.all()) != rubric_rows(criteria):
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

"""Reads of reviews: who reviews what, the rubric, and the scores normalised per reviewer.

A reviewer never scores an expression of interest from their own organization. With several
reviewers, scores are normalised per reviewer (z-scores of their weighted scores), so that a harsh
or a generous reviewer does not decide the outcome; the secretariat sees where reviewers disagree.
With a single reviewer there is nobody to compare with: the scores stay on the reviewer's scale,
which ranks everyone the same way."""

import statistics
from collections import defaultdict

from django.db.models import Exists, OuterRef

from consultations.enums import CallKind, PublicationStatus
from consultations.models import OpenCall, SpeakerSlot
from consultations.queries import in_one_language
from registrations.enums import InterestStatus
from registrations.models import (
    ExpressionOfInterest,
    Review,
    ReviewCriterion,
    ReviewerAssignment,
    SelectionSettings,
)
from stakeholders.models import Membership
from stakeholders.rules import is_secretariat

SCORE_RANGE = range(6)  # 0 (not at all) to 5 (fully)
TOP_SCORE = SCORE_RANGE[-1]


def settings_of(call) -> SelectionSettings:
    """A call to speak's settings, made with defaults (as many speakers as slots) when first needed."""
    slots = SpeakerSlot.objects.filter(session__consultation_id=call.consultation_id).count()
    settings, _created = SelectionSettings.objects.get_or_create(call=call, defaults={"speakers": max(slots, 1)})
    return settings


def criteria_of(call) -> list[ReviewCriterion]:
    return list(ReviewCriterion.objects.filter(selection_settings__call=call))


def criteria_to_read(call, language: str) -> list[ReviewCriterion]:
    """The rubric as a reviewer reads it: each criterion in their language when it has a version in
    it, else wholly in its original, with that language's code and direction (shown_language,
    shown_direction) for the lang and dir of its label."""
    return [in_one_language(criterion, language, ("name",)) for criterion in criteria_of(call)]


def is_assigned(reviewer, consultation) -> bool:
    return ReviewerAssignment.objects.filter(consultation=consultation, reviewer=reviewer).exists()


def own_organizations(person) -> set[int]:
    return set(Membership.objects.filter(person=person).values_list("organization_id", flat=True))


def has_conflict(reviewer, interest) -> bool:
    """Their own application, or one on behalf of an organization they belong to."""
    return interest.person_id == reviewer.pk or interest.organization_id in own_organizations(reviewer)


def to_review(reviewer, call):
    """The expressions of interest a reviewer may score: never their own organization's."""
    interests = ExpressionOfInterest.objects.filter(call=call).exclude(status=InterestStatus.WITHDRAWN)
    return (
        interests.exclude(organization_id__in=own_organizations(reviewer))
        .exclude(person=reviewer)
        .select_related("person", "organization", "session")
        .order_by("arrival")
    )


def unscored_by(reviewer, call):
    """What a reviewer may score and has not scored yet, in order of arrival: the first is the next
    to score. `call` may be an OuterRef, for a count per call in one query (the staff home)."""
    scored = Review.objects.filter(interest=OuterRef("pk"), reviewer=reviewer)
    return (
        ExpressionOfInterest.objects.filter(call=call)
        .exclude(status=InterestStatus.WITHDRAWN)
        .exclude(person=reviewer)
        .exclude(organization__in=Membership.objects.filter(person=reviewer).values("organization"))
        .exclude(Exists(scored))
        .order_by("arrival")
    )


def weighted(review, weights: dict[str, int]) -> float:
    """0 to 5: the rubric's weighted mean of one review."""
    return sum(weights[key] * value for key, value in review.scores.items() if key in weights) / 100


def normalised_scores(call) -> dict[int, dict]:
    """For each reviewed expression of interest: its `score` for the selection, its mean raw
    weighted score (0 to 5), how far its reviewers disagree (the spread of their raw scores), and
    whether the score is `normalised`: the mean of its z-scores when several people reviewed the
    call, the raw score itself when only one did (a z-score of -1 would tell them nothing)."""
    weights = {str(criterion.pk): criterion.weight for criterion in criteria_of(call)}
    reviews = list(Review.objects.filter(interest__call=call).exclude(interest__status=InterestStatus.WITHDRAWN))
    by_reviewer = defaultdict(list)
    for review in reviews:
        by_reviewer[review.reviewer_id].append(review)
    z_scores, raw = defaultdict(list), defaultdict(list)
    for reviewer_reviews in by_reviewer.values():
        values = [weighted(review, weights) for review in reviewer_reviews]
        mean = statistics.fmean(values)
        spread = statistics.pstdev(values) if len(values) > 1 else 0
        for review, value in zip(reviewer_reviews, values, strict=True):
            z_scores[review.interest_id].append((value - mean) / spread if spread else 0.0)
            raw[review.interest_id].append(value)
    normalised = len(by_reviewer) > 1
    return {
        interest: {
            "score": statistics.fmean(z_scores[interest] if normalised else raw[interest]),
            "normalised": normalised,
            "raw": statistics.fmean(raw[interest]),
            "disagreement": statistics.pstdev(raw[interest]) if len(raw[interest]) > 1 else 0.0,
            "reviews": len(raw[interest]),
        }
        for interest in z_scores
    }


def progress(call) -> list[dict]:
    """Per assigned reviewer: how many they scored of those they may score."""
    assignments = ReviewerAssignment.objects.filter(consultation_id=call.consultation_id).select_related("reviewer")
    done = defaultdict(int)
    for reviewer_id in Review.objects.filter(interest__call=call).values_list("reviewer_id", flat=True):
        done[reviewer_id] += 1
    return [
        {
            "reviewer": assignment.reviewer,
            "done": done[assignment.reviewer_id],
            "total": to_review(assignment.reviewer, call).count(),
        }
        for assignment in assignments
    ]


def calls_to_review(person):
    """Calls to speak of the consultations a reviewer is assigned to, or every one for the secretariat."""
    calls = OpenCall.objects.filter(kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED)
    if not is_secretariat(person):
        calls = calls.filter(consultation__reviewer_assignments__reviewer=person)
    return calls.select_related("consultation").order_by("closes_at")

"""Reviews on the agreed rubric: conflicts of interest, the rubric's weights, and scores normalised per
reviewer so that a harsh reviewer does not decide the outcome."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations.enums import CallKind, PublicationStatus
from registrations.queries.reviews import normalised_scores, progress, to_review
from registrations.queries.selection import applicants_of
from registrations.services.answers import express_interest
from registrations.services.reviews import assign_reviewer, save_review, set_rubric
from stakeholders.enums import StaffRole
from tests.factories import OrganizationFactory, UserFactory, admin_of, call, consultation, grant

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)


@pytest.fixture
def speak():
    held = consultation(status=PublicationStatus.PUBLISHED)
    return call(
        consultation=held,
        kind=CallKind.SPEAK,
        status=PublicationStatus.PUBLISHED,
        opens_at=NOW - timedelta(days=1),
        closes_at=NOW + timedelta(days=10),
    )


def reviewer_of(speak):
    person = UserFactory()
    grant(person, StaffRole.REVIEWER)
    assign_reviewer(speak.consultation, by=None, reviewer=person)
    return person


def interest(speak, organization=None):
    person = admin_of(organization) if organization else UserFactory()
    return express_interest(speak, by=person, statement="My views.", organization=organization)


def score(review_criteria, relevance, expertise):
    relevance_criterion, expertise_criterion = review_criteria
    return {str(relevance_criterion.pk): relevance, str(expertise_criterion.pk): expertise}


def test_the_weights_of_the_rubric_add_up_to_100(speak):
    with pytest.raises(ValidationError, match="add up to 100"):
        set_rubric(speak, by=None, criteria=[("Relevance", 60), ("Expertise", 30)])


def test_a_reviewer_never_scores_their_own_organizations_interest(speak):
    union = OrganizationFactory()
    reviewer = reviewer_of(speak)
    admin_of(union, reviewer)
    theirs, other = interest(speak, union), interest(speak)
    criteria = set_rubric(speak, by=None, criteria=[("Relevance", 60), ("Expertise", 40)])

    assert list(to_review(reviewer, speak)) == [other]
    with pytest.raises(PermissionDenied):
        save_review(theirs, reviewer=reviewer, scores=score(criteria, 5, 5))


def test_someone_not_assigned_cannot_review(speak):
    criteria = set_rubric(speak, by=None, criteria=[("Relevance", 60), ("Expertise", 40)])

    with pytest.raises(PermissionDenied):
        save_review(interest(speak), reviewer=UserFactory(), scores=score(criteria, 3, 3))


def test_every_criterion_needs_a_score_from_0_to_5(speak):
    criteria = set_rubric(speak, by=None, criteria=[("Relevance", 60), ("Expertise", 40)])

    with pytest.raises(ValidationError, match="from 0 to 5"):
        save_review(interest(speak), reviewer=reviewer_of(speak), scores=score(criteria, 6, 3))


def test_a_harsh_reviewer_does_not_decide_the_outcome(speak):
    criteria = set_rubric(speak, by=None, criteria=[("Relevance", 60), ("Expertise", 40)])
    first, second, third = interest(speak), interest(speak), interest(speak)
    harsh, generous = reviewer_of(speak), reviewer_of(speak)
    # The harsh reviewer scores only the first two, low; the generous one the last two, high.
    save_review(first, reviewer=harsh, scores=score(criteria, 2, 2))
    save_review(second, reviewer=harsh, scores=score(criteria, 1, 1))
    save_review(second, reviewer=generous, scores=score(criteria, 4, 4))
    save_review(third, reviewer=generous, scores=score(criteria, 5, 5))

    result = normalised_scores(speak)

    # Raw means would rank third (5) over second (2.5) over first (2); per reviewer, first is the
    # harsh reviewer's best and third the generous one's best: both come out equal, above second.
    assert result[first.pk]["score"] == pytest.approx(1.0)
    assert result[third.pk]["score"] == pytest.approx(1.0)
    assert result[second.pk]["score"] == pytest.approx(-1.0)
    assert result[second.pk]["disagreement"] == pytest.approx(1.5)


def test_progress_counts_what_each_reviewer_scored(speak):
    criteria = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    first, _second = interest(speak), interest(speak)
    reviewer = reviewer_of(speak)
    save_review(first, reviewer=reviewer, scores={str(criteria[0].pk): 4})

    assert [(row["done"], row["total"]) for row in progress(speak)] == [(1, 2)]


def test_the_rubric_is_fixed_once_reviews_start(speak):
    criteria = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    save_review(interest(speak), reviewer=reviewer_of(speak), scores={str(criteria[0].pk): 4})

    with pytest.raises(ValidationError, match="can no longer change"):
        set_rubric(speak, by=None, criteria=[("Relevance", 50), ("Expertise", 50)])


@pytest.mark.parametrize("count", [2, 8])
def test_the_engines_applicants_are_read_in_a_fixed_number_of_queries(speak, django_assert_num_queries, count):
    criteria = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    reviewer = reviewer_of(speak)
    for _ in range(count):
        save_review(interest(speak), reviewer=reviewer, scores={str(criteria[0].pk): 3})

    with django_assert_num_queries(4):
        assert len(applicants_of(speak)) == count

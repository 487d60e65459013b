"""The builders of tests/factories make rows the database accepts, each one distinct from the last."""

import pytest

from tests.factories import (
    ExpressionOfInterestFactory,
    FundingApplicationFactory,
    RegistrationFactory,
    ReviewFactory,
    SideEventProposalFactory,
    SpeakerSlotFactory,
    call,
    consultation,
    submission,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "build",
    [
        consultation,
        call,
        submission,
        SpeakerSlotFactory,
        RegistrationFactory,
        ExpressionOfInterestFactory,
        SideEventProposalFactory,
        FundingApplicationFactory,
        ReviewFactory,
    ],
    ids=lambda build: getattr(build, "__name__", str(build)),
)
def test_a_builder_called_twice_makes_two_valid_rows(build):
    first, second = build(), build()

    assert type(first).objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_answers_of_one_call_arrive_in_order():
    speak = call()

    first, second = ExpressionOfInterestFactory(call=speak), ExpressionOfInterestFactory(call=speak)

    assert second.arrival == first.arrival + 1

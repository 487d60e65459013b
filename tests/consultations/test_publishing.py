"""Publishing rules: advance notice and its override, state by the clock, focal point scope."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from consultations import services
from consultations.enums import CallState, PublicationStatus
from consultations.models import advance_notice
from stakeholders.enums import StaffRole
from tests.factories import UserFactory, call, consultation, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_consultation():
    return consultation(
        status=PublicationStatus.PUBLISHED,
        starts_at=datetime(2030, 3, 10, tzinfo=UTC),
        ends_at=datetime(2030, 3, 11, tzinfo=UTC),
    )


def test_a_call_with_the_advance_notice_is_published(published_consultation):
    now = datetime.now(UTC)
    open_call = call(
        consultation=published_consultation, opens_at=now, closes_at=now + advance_notice() + timedelta(hours=1)
    )

    services.publish_call(open_call, by=UserFactory())

    assert open_call.status == PublicationStatus.PUBLISHED
    assert open_call.published_at is not None


def test_short_notice_is_refused_without_a_reason(published_consultation):
    now = datetime.now(UTC)
    open_call = call(
        consultation=published_consultation, opens_at=now, closes_at=now + advance_notice() - timedelta(days=4)
    )

    with pytest.raises(ValidationError) as refused:
        services.publish_call(open_call, by=UserFactory())

    assert f"at least {advance_notice().days} days" in str(refused.value)
    assert open_call.status == PublicationStatus.DRAFT


def test_short_notice_is_allowed_with_the_secretariats_reason_on_record(published_consultation):
    now = datetime.now(UTC)
    open_call = call(
        consultation=published_consultation, opens_at=now, closes_at=now + advance_notice() - timedelta(days=4)
    )

    services.publish_call(open_call, by=UserFactory(), short_notice_reason="The meeting date moved forward.")

    open_call.refresh_from_db()
    assert open_call.status == PublicationStatus.PUBLISHED
    assert open_call.short_notice_reason == "The meeting date moved forward."


def test_a_call_of_an_unpublished_consultation_waits(published_consultation):
    now = datetime.now(UTC)
    open_call = call(opens_at=now, closes_at=now + timedelta(days=30))

    with pytest.raises(ValidationError):
        services.publish_call(open_call, by=UserFactory())


def test_call_state_follows_the_clock_across_time_zones():
    closes_at = datetime(2027, 2, 28, 23, 59, tzinfo=ZoneInfo("America/Mexico_City"))  # 05:59 UTC on 1 March
    open_call = call(opens_at=closes_at - timedelta(days=30), closes_at=closes_at)

    assert open_call.state_at(datetime(2027, 3, 1, 5, 58, tzinfo=UTC)) == CallState.OPEN
    assert open_call.state_at(datetime(2027, 3, 1, 5, 59, tzinfo=UTC)) == CallState.CLOSED
    assert open_call.state_at(closes_at - timedelta(days=31)) == CallState.UPCOMING


def test_a_returned_item_needs_a_comment_and_can_be_submitted_again():
    draft = consultation()
    services.submit_for_approval(draft, by=UserFactory())

    with pytest.raises(ValidationError):
        services.return_with_comment(draft, by=UserFactory(), comment=" ")
    services.return_with_comment(draft, by=UserFactory(), comment="Add the interpretation languages.")
    services.submit_for_approval(draft, by=UserFactory())

    assert draft.status == PublicationStatus.SUBMITTED


@pytest.mark.parametrize(
    ("scope", "consultation_place", "allowed"),
    [
        ({"country": "JO"}, {"country": "JO", "commission": ""}, True),
        ({"country": "JO"}, {"country": "LB", "commission": ""}, False),
        ({"country": "JO"}, {"country": "", "commission": "ESCWA"}, False),
        ({"commission": "ESCWA"}, {"country": "", "commission": "ESCWA"}, True),
        ({"commission": "ESCWA"}, {"country": "LB", "commission": ""}, True),
        ({"commission": "ESCWA"}, {"country": "", "commission": "ECA"}, False),
    ],
)
def test_a_focal_point_manages_only_their_own_country_or_region(scope, consultation_place, allowed):
    focal_point = UserFactory()
    grant(focal_point, StaffRole.FOCAL_POINT, **scope)

    assert focal_point.has_perm("consultations.change_consultation", consultation(**consultation_place)) is allowed

"""A focal point submits a consultation with its calls in one step; the secretariat publishes or returns
them together (one form, one comment) or one by one. Each item keeps its own row in the log."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import Activity
from consultations import services
from consultations.enums import PublicationStatus
from consultations.models import advance_notice
from stakeholders.enums import StaffRole
from tests.factories import UserFactory, call, consultation, grant, log_of

pytestmark = pytest.mark.django_db

DRAFT, SUBMITTED, RETURNED, PUBLISHED = (
    PublicationStatus.DRAFT,
    PublicationStatus.SUBMITTED,
    PublicationStatus.RETURNED,
    PublicationStatus.PUBLISHED,
)
NOW = datetime.now(UTC)


@pytest.fixture
def kenya_focal_point():
    person = UserFactory()
    grant(person, StaffRole.FOCAL_POINT, country="KE")
    return person


@pytest.fixture
def secretariat():
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    return person


def kenya(**fields):
    """A national consultation of Kenya two months ahead."""
    starts_at = NOW + timedelta(days=60)
    return consultation(
        country="KE", commission="", starts_at=starts_at, ends_at=starts_at + timedelta(hours=8), **fields
    )


def call_of(place, *, days_open=30, **fields):
    """A call of `place` that opens now and stays open `days_open` days."""
    return call(consultation=place, opens_at=NOW, closes_at=NOW + timedelta(days=days_open), **fields)


def reloaded(*items):
    for item in items:
        item.refresh_from_db()
    return [item.status for item in items]


def decision_url(place):
    return f"/en/manage/approvals/consultations/{place.slug}/"


# A focal point submits together


def test_the_workspace_offers_to_submit_the_consultation_with_its_draft_and_returned_calls(client, kenya_focal_point):
    place = kenya()
    call_of(place)
    call_of(place, status=RETURNED)
    call_of(place, status=SUBMITTED)
    client.force_login(kenya_focal_point)

    html = client.get(f"/en/manage/consultations/{place.slug}/").content.decode()

    assert "Submit the consultation and its 2 calls" in html


def test_one_post_submits_the_consultation_and_its_calls_each_with_its_row_in_the_log(client, kenya_focal_point):
    place = kenya()
    draft, returned = call_of(place), call_of(place, days_open=40, status=RETURNED)
    client.force_login(kenya_focal_point)

    response = client.post(f"/en/manage/consultations/{place.slug}/submit-with-calls/")

    assert response.status_code == 302
    assert reloaded(place, draft, returned) == [SUBMITTED, SUBMITTED, SUBMITTED]
    assert Activity.objects.filter(field="status", after=SUBMITTED).count() == 3
    assert log_of(place) == [(kenya_focal_point, "status", DRAFT, SUBMITTED, "")]
    assert log_of(draft) == [(kenya_focal_point, "status", DRAFT, SUBMITTED, "")]
    assert log_of(returned) == [(kenya_focal_point, "status", RETURNED, SUBMITTED, "")]


def test_when_one_call_cannot_be_submitted_nothing_is(kenya_focal_point):
    place = kenya()
    fine = call_of(place)
    closed = call(consultation=place, opens_at=NOW - timedelta(days=10), closes_at=NOW - timedelta(days=1))

    with pytest.raises(ValidationError) as refused:
        services.submit_with_calls(place, by=kenya_focal_point)

    assert "The call closes before it would be published." in str(refused.value)
    assert reloaded(place, fine, closed) == [DRAFT, DRAFT, DRAFT]
    assert Activity.objects.count() == 0


def test_only_a_focal_point_of_the_place_submits_together():
    place = kenya()
    elsewhere = UserFactory()
    grant(elsewhere, StaffRole.FOCAL_POINT, country="MX")

    with pytest.raises(PermissionDenied):
        services.submit_with_calls(place, by=elsewhere)


# The secretariat decides together, or one by one


def test_the_approval_queue_shows_each_consultation_with_the_calls_submitted_with_it(client, secretariat):
    place = kenya(status=SUBMITTED)
    with_it = call_of(place, status=SUBMITTED)
    alone = call_of(kenya(status=PUBLISHED), status=SUBMITTED)
    client.force_login(secretariat)

    context = client.get("/en/manage/approvals/").context

    assert [(item, item.submitted_calls) for item in context["consultations"]] == [(place, [with_it])]
    assert list(context["calls"]) == [alone]


def test_the_secretariat_publishes_the_consultation_and_its_calls_in_one_decision(client, secretariat):
    place = kenya(status=SUBMITTED)
    calls = [call_of(place, status=SUBMITTED), call_of(place, days_open=45, status=SUBMITTED)]
    client.force_login(secretariat)
    form = client.get(decision_url(place)).context["form"]
    assert form["calls"].initial == [item.pk for item in calls]  # ticked: together unless said otherwise

    response = client.post(decision_url(place), {"decision": "publish", "calls": [item.pk for item in calls]})

    assert response.status_code == 302
    assert reloaded(place, *calls) == [PUBLISHED, PUBLISHED, PUBLISHED]
    for item in (place, *calls):
        assert log_of(item) == [(secretariat, "status", SUBMITTED, PUBLISHED, "")]


def test_the_secretariat_returns_them_together_with_one_comment(client, secretariat):
    place = kenya(status=SUBMITTED)
    calls = [call_of(place, status=SUBMITTED), call_of(place, status=SUBMITTED)]
    client.force_login(secretariat)

    client.post(
        decision_url(place),
        {"decision": "return", "comment": "Add the venue.", "calls": [item.pk for item in calls]},
    )

    assert reloaded(place, *calls) == [RETURNED, RETURNED, RETURNED]
    for item in (place, *calls):
        assert item.return_comment == "Add the venue."
        assert log_of(item) == [(secretariat, "status", SUBMITTED, RETURNED, "Add the venue.")]


def test_an_unticked_call_waits_for_its_own_decision(client, secretariat):
    place = kenya(status=SUBMITTED)
    together, later = call_of(place, status=SUBMITTED), call_of(place, status=SUBMITTED)
    client.force_login(secretariat)

    client.post(decision_url(place), {"decision": "publish", "calls": [together.pk]})
    assert reloaded(place, together, later) == [PUBLISHED, PUBLISHED, SUBMITTED]

    client.post(f"/en/manage/approvals/calls/{later.pk}/", {"decision": "return", "comment": "Say who may attend."})
    assert reloaded(later) == [RETURNED]


def test_one_by_one_the_consultation_first_then_its_call(client, secretariat):
    place = kenya(status=SUBMITTED)
    submitted = call_of(place, status=SUBMITTED)
    client.force_login(secretariat)

    client.post(decision_url(place), {"decision": "publish"})
    assert reloaded(place, submitted) == [PUBLISHED, SUBMITTED]

    client.post(f"/en/manage/approvals/calls/{submitted.pk}/", {"decision": "publish"})
    assert reloaded(submitted) == [PUBLISHED]


def test_publishing_together_is_refused_when_a_short_notice_call_has_no_reason(client, secretariat):
    place = kenya(status=SUBMITTED)
    long_notice = call_of(place, status=SUBMITTED)
    short = call_of(place, days_open=advance_notice().days - 4, status=SUBMITTED)
    client.force_login(secretariat)
    field = f"short_notice_reason_{short.pk}"
    assert list(client.get(decision_url(place)).context["form"].fields).count(field) == 1

    refused = client.post(decision_url(place), {"decision": "publish", "calls": [long_notice.pk, short.pk]})

    errors = refused.context["form"].errors
    assert list(errors) == [field]
    assert "or the secretariat must record why not" in errors[field][0]
    assert reloaded(place, long_notice, short) == [SUBMITTED, SUBMITTED, SUBMITTED]
    assert Activity.objects.count() == 0


def test_publishing_together_keeps_each_short_notice_reason_with_its_call(client, secretariat):
    place = kenya(status=SUBMITTED)
    short = call_of(place, days_open=advance_notice().days - 4, status=SUBMITTED)
    client.force_login(secretariat)

    client.post(
        decision_url(place),
        {
            "decision": "publish",
            "calls": [short.pk],
            f"short_notice_reason_{short.pk}": "The venue was confirmed late.",
        },
    )

    assert reloaded(place, short) == [PUBLISHED, PUBLISHED]
    assert short.short_notice_reason == "The venue was confirmed late."
    assert log_of(short) == [(secretariat, "status", SUBMITTED, PUBLISHED, "The venue was confirmed late.")]


def test_only_the_secretariat_decides_together(kenya_focal_point):
    place = kenya(status=SUBMITTED)

    with pytest.raises(PermissionDenied):
        services.decide_with_calls(place, by=kenya_focal_point, publish=True)

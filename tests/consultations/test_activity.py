"""Every change of a state in consultations/ is on record (who, from → to, why) in the transaction of
the change; the rules it answers to have one home each (advance notice, "is this call open?")."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from activity.models import Activity
from consultations import models, services
from consultations.enums import CallKind, PublicationStatus, SubmissionStatus
from consultations.forms.publishing import CallDecisionForm
from consultations.models import OpenCall
from consultations.signals import seats_changed
from stakeholders.enums import StaffRole
from tests.factories import (
    Failed,
    UserFactory,
    call,
    consultation,
    grant,
    log_of,
    published_call,
    submission,
    then_fail,
)

pytestmark = pytest.mark.django_db

NOW = datetime.now(UTC)


@pytest.fixture
def secretariat():
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    return person


@pytest.fixture
def focal_point():
    person = UserFactory()
    grant(person, StaffRole.FOCAL_POINT, country="KE")
    return person


@pytest.fixture
def place():
    return consultation(
        status=PublicationStatus.PUBLISHED,
        starts_at=NOW + timedelta(days=60),
        ends_at=NOW + timedelta(days=61),
    )


def draft_call(place, *, days_open=30):
    return call(consultation=place, opens_at=NOW, closes_at=NOW + timedelta(days=days_open))


# Publication


def test_submitting_a_draft_records_who_handed_it_to_the_secretariat(focal_point):
    draft = consultation()

    services.submit_for_approval(draft, by=focal_point)

    assert log_of(draft) == [(focal_point, "status", PublicationStatus.DRAFT, PublicationStatus.SUBMITTED, "")]


def test_returning_records_the_comment_as_the_reason(secretariat):
    submitted = consultation(status=PublicationStatus.SUBMITTED)

    services.return_with_comment(submitted, by=secretariat, comment="Add the venue.")

    assert log_of(submitted) == [
        (secretariat, "status", PublicationStatus.SUBMITTED, PublicationStatus.RETURNED, "Add the venue.")
    ]


def test_publishing_a_consultation_is_recorded(secretariat):
    submitted = consultation(status=PublicationStatus.SUBMITTED)

    services.publish_consultation(submitted, by=secretariat)

    assert log_of(submitted) == [(secretariat, "status", PublicationStatus.SUBMITTED, PublicationStatus.PUBLISHED, "")]


def test_publishing_a_call_at_short_notice_records_the_reason(secretariat, place):
    short = draft_call(place, days_open=5)

    services.publish_call(short, by=secretariat, short_notice_reason="The venue was confirmed late.")

    assert log_of(short) == [
        (secretariat, "status", PublicationStatus.DRAFT, PublicationStatus.PUBLISHED, "The venue was confirmed late.")
    ]


def test_publishing_a_call_with_enough_notice_records_no_reason(secretariat, place):
    timely = draft_call(place)

    services.publish_call(timely, by=secretariat, short_notice_reason="Not needed.")

    assert log_of(timely) == [(secretariat, "status", PublicationStatus.DRAFT, PublicationStatus.PUBLISHED, "")]


def test_a_refused_publication_leaves_no_record(secretariat, place):
    short = draft_call(place, days_open=5)

    with pytest.raises(ValidationError):
        services.publish_call(short, by=secretariat)

    assert log_of(short) == []


def test_a_publication_rolled_back_leaves_no_record(secretariat):
    submitted = consultation(status=PublicationStatus.SUBMITTED)
    before = Activity.objects.count()

    with pytest.raises(Failed):
        then_fail(lambda: services.publish_consultation(submitted, by=secretariat))

    submitted.refresh_from_db()
    assert submitted.status == PublicationStatus.SUBMITTED
    assert Activity.objects.count() == before


def test_a_new_consultation_enters_the_log_as_a_draft_by_its_author(focal_point):
    new = models.Consultation(
        kind="national",
        country="KE",
        time_zone="Africa/Nairobi",
        starts_at=NOW + timedelta(days=60),
        ends_at=NOW + timedelta(days=61),
        modality="online",
        capacity_online=100,
    )

    services.save_consultation(new, by=focal_point, data={"title_en": "Kenya national consultation"}, provenance={})

    assert log_of(new) == [(focal_point, "status", "", PublicationStatus.DRAFT, "")]


# Seats


def test_a_change_of_seats_is_signalled_with_the_consultation_and_who_changed_it(secretariat):
    place = consultation(modality="hybrid", capacity_in_person=20, capacity_online=50)
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    seats_changed.connect(listener)
    try:
        services.save_consultation(place, by=secretariat, data={"capacity_in_person": 30}, provenance={})
        services.save_consultation(place, by=secretariat, data={"venue": "UN House"}, provenance={})
    finally:
        seats_changed.disconnect(listener)

    assert [(kwargs["consultation"], kwargs["by"]) for kwargs in received] == [(place, secretariat)]


# Written submissions and summaries


def test_moderating_a_submission_records_the_decision_for_its_author(secretariat):
    sent = submission(may_publish=True)

    services.moderate_submission(sent, by=secretariat, publish=True)

    assert log_of(sent) == [(secretariat, "status", SubmissionStatus.RECEIVED, SubmissionStatus.PUBLISHED, "")]
    assert Activity.objects.get().concerns == sent.author


def test_a_moderation_rolled_back_leaves_no_record(secretariat):
    sent = submission(may_publish=True)

    with pytest.raises(Failed):
        then_fail(lambda: services.moderate_submission(sent, by=secretariat, publish=False))

    assert Activity.objects.count() == 0


def test_publishing_and_taking_down_a_summary_is_recorded(secretariat):
    place = consultation(
        status=PublicationStatus.PUBLISHED, starts_at=NOW - timedelta(days=2), ends_at=NOW - timedelta(days=1)
    )
    services.save_summary(place, by=secretariat, data={"body_en": "What we heard."}, provenance={}, publish=True)
    summary = place.summary
    published = summary.published_at.isoformat(timespec="minutes")
    services.save_summary(place, by=secretariat, data={"body_en": "What we heard."}, provenance={}, publish=True)
    services.save_summary(place, by=secretariat, data={"body_en": "What we heard."}, provenance={}, publish=False)

    assert log_of(summary) == [
        (secretariat, "published_at", "", published, ""),
        (secretariat, "published_at", published, "", ""),
    ]


# "Is this call open?": one answer for every kind of answer


@pytest.mark.parametrize("kind", list(CallKind), ids=[kind.value for kind in CallKind])
def test_a_published_call_of_an_unpublished_consultation_takes_no_answer(kind):
    unpublished = consultation(status=PublicationStatus.SUBMITTED)
    published = published_call(consultation=unpublished, kind=kind, opens_at=NOW - timedelta(days=1))

    with pytest.raises(ValidationError) as refused:
        services.check_call_is_open(published, kind=kind)

    assert refused.value.messages == ["This call is not published."]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": CallKind.SPEAK}, "This call does not take this kind of answer."),
        ({"status": PublicationStatus.SUBMITTED}, "This call is not published."),
        ({"opens_at": NOW + timedelta(days=1)}, "This call is not open yet; come back when it opens."),
        (
            {"opens_at": NOW - timedelta(days=30), "closes_at": NOW - timedelta(minutes=1)},
            "This call closed before your answer arrived; it can no longer be accepted.",
        ),
    ],
    ids=["another kind", "not published", "upcoming", "closed"],
)
def test_a_call_that_is_not_open_says_why(overrides, message):
    fields = {"kind": CallKind.ATTEND, "opens_at": NOW - timedelta(days=1), **overrides}

    with pytest.raises(ValidationError) as refused:
        services.check_call_is_open(published_call(**fields), kind=CallKind.ATTEND)

    assert refused.value.messages == [message]


def test_a_call_is_judged_at_the_moment_given():
    attend = published_call(kind=CallKind.ATTEND, opens_at=NOW - timedelta(days=1), closes_at=NOW + timedelta(days=1))

    services.check_call_is_open(attend, kind=CallKind.ATTEND, at=NOW)
    with pytest.raises(ValidationError):
        services.check_call_is_open(attend, kind=CallKind.ATTEND, at=NOW + timedelta(days=2))


# Advance notice: one home, everything follows it


@pytest.fixture
def three_weeks(monkeypatch):
    monkeypatch.setattr(models, "ADVANCE_NOTICE", timedelta(days=21))


def test_the_form_and_the_model_follow_the_advance_notice(three_weeks):
    assert CallDecisionForm().fields["short_notice_reason"].label == "Reason for a notice shorter than 21 days"
    assert str(OpenCall._meta.get_field("short_notice_reason").help_text) == (
        "Needed when the call closes less than 21 days after it is published."
    )


def test_the_rule_follows_the_advance_notice(three_weeks, place, secretariat):
    fifteen_days = draft_call(place, days_open=15)

    with pytest.raises(ValidationError) as refused:
        services.publish_call(fifteen_days, by=secretariat)

    assert "at least 21 days" in str(refused.value)


def test_the_call_form_and_the_decision_page_follow_the_advance_notice(three_weeks, client, secretariat, place):
    submitted = call(
        consultation=place, status=PublicationStatus.SUBMITTED, opens_at=NOW, closes_at=NOW + timedelta(days=15)
    )
    client.force_login(secretariat)

    form = client.get(f"/en/manage/consultations/{place.slug}/calls/new/").content.decode()
    decision = client.get(f"/en/manage/approvals/calls/{submitted.pk}/").content.decode()

    assert "a call should stay open at least 21 days after it is published" in form
    assert "would stay open less than 21 days" in decision
    assert "Reason for a notice shorter than 21 days" in decision

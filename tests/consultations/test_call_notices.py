"""Notices about calls: who hears of a published call, in which language and time zone, reminders
and their timing, subscriptions with double opt-in, and one-click unsubscribing."""

import email
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from icalendar import Calendar

from consultations import services
from consultations.enums import CallKind, PublicationStatus
from consultations.models import CallEligibility, CallSubscription
from consultations.notices import reminder_due
from portal import notices
from portal.l10n import zone_label
from portal.models import Notice, NoticeState
from portal.tasks import task_sweep_notices
from tests.factories import ProfileFactory, UserFactory, call, consultation

pytestmark = pytest.mark.django_db

NOW = datetime.now(UTC)
# Claim (with the recipient's profile), the call and its consultation, the sent mark; the savepoints of
# the two short transactions.
QUERIES_PER_NOTICE = 7


def subscription(email_address="amina@example.org", **overrides):
    fields = {"email": email_address, "language": "en", "confirmed_at": NOW}
    return CallSubscription.objects.create(**{**fields, **overrides})


def submitted_call(consultation_titles=None, **overrides):
    held = consultation(
        **(consultation_titles or {}),
        status=PublicationStatus.PUBLISHED,
        commission="ECA",
        time_zone="Africa/Nairobi",
        starts_at=NOW + timedelta(days=60),
        ends_at=NOW + timedelta(days=60, hours=8),
    )
    fields = {
        "consultation": held,
        "kind": CallKind.SPEAK,
        "status": PublicationStatus.SUBMITTED,
        "opens_at": NOW - timedelta(hours=1),
        "closes_at": NOW + timedelta(days=20),
        "title_en": "Call for speakers",
        "text_en": "Express your interest to speak.",
    }
    return call(**{**fields, **overrides})


def published(consultation_titles=None, **overrides):
    open_call = submitted_call(consultation_titles, **overrides)
    services.publish_call(open_call, by=UserFactory())
    return open_call


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_a_published_call_tells_the_matching_subscribers_only(django_capture_on_commit_callbacks):
    subscription("africa@example.org", commissions=["ECA"])
    subscription("anyone@example.org")
    subscription("asia@example.org", commissions=["ESCAP"])
    subscription("youth@example.org", categories=["children-youth"])
    subscription("unconfirmed@example.org", confirmed_at=None)
    subscription("ended@example.org", ended_at=NOW)

    with django_capture_on_commit_callbacks(execute=True):
        open_call = published()
        CallEligibility.objects.create(call=open_call, category="trade-unions")

    assert sorted(message.to[0] for message in mail.outbox) == [
        "africa@example.org",
        "anyone@example.org",
        "youth@example.org",  # the call was open to every category when it was published
    ]


@pytest.mark.parametrize("count", [3, 30])
def test_the_fan_out_runs_a_fixed_number_of_queries(django_assert_num_queries, count):
    for number in range(count):
        subscription(f"person{number}@example.org")
    open_call = submitted_call()
    ContentType.objects.get_for_model(open_call)  # Django caches it for the process's life, as in production

    with django_assert_num_queries(10):  # the tenth: the publication's row in the activity log
        services.publish_call(open_call, by=None)

    assert Notice.objects.filter(kind="call-published").count() == count


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Call for speakers"), ("ar", "دعوة المتحدثين"), ("zh-hans", "征集发言人")]
)
def test_a_notice_is_in_the_recipients_language_with_times_in_their_time_zone(
    django_capture_on_commit_callbacks, language, title
):
    subscription(language=language, time_zone="Asia/Tokyo")
    closes_at = datetime(2031, 3, 10, 14, 0, tzinfo=UTC)  # 23:00 in Tokyo, 17:00 in Nairobi

    with django_capture_on_commit_callbacks(execute=True):
        published(
            consultation_titles={"title_ar": "المشاورة الإقليمية لأفريقيا", "title_zh_hans": "非洲区域磋商"},
            closes_at=closes_at,
            title_ar="دعوة المتحدثين",
            text_ar="أعرب عن اهتمامك بالتحدث.",
            title_zh_hans="征集发言人",
            text_zh_hans="表达发言意向。",
        )

    (message,) = mail.outbox
    with translation.override(language):
        in_tokyo = date_format(closes_at.astimezone(ZoneInfo("Asia/Tokyo")), "DATETIME_FORMAT")
        in_nairobi = date_format(closes_at.astimezone(ZoneInfo("Africa/Nairobi")), "DATETIME_FORMAT")
        interface = gettext("A new open call matches what you follow:")
        tokyo, nairobi = zone_label("Asia/Tokyo", closes_at), zone_label("Africa/Nairobi", closes_at)
    assert title in message.subject
    assert message.body.startswith(interface)
    assert in_tokyo in message.body
    assert in_nairobi in message.body
    assert tokyo in message.body  # the zones by their cities in the recipient's language, not "Asia/Tokyo"
    assert nairobi in message.body
    if language != "en":  # interface and content in one language, never mixed
        assert "New open call" not in message.subject
        assert "Call for speakers" not in message.body
        assert "Regional consultation for Africa" not in message.body


def test_english_times_read_naturally():
    assert date_format(datetime(2031, 3, 10, 23, 0), "DATETIME_FORMAT") == "March 10, 2031, 11 p.m."


def test_a_call_missing_in_the_recipients_language_comes_in_english_not_mixed(django_capture_on_commit_callbacks):
    subscription(language="ar")

    with django_capture_on_commit_callbacks(execute=True):
        published()

    (message,) = mail.outbox
    assert message.subject.endswith("New open call: Call for speakers")


def test_a_notice_carries_its_message_id_an_ics_and_a_one_click_unsubscribe(django_capture_on_commit_callbacks):
    subscription()

    with django_capture_on_commit_callbacks(execute=True):
        open_call = published()

    (message,) = mail.outbox
    parsed = email.message_from_bytes(message.message().as_bytes())
    notice = Notice.objects.get(kind="call-published")
    assert parsed["Message-ID"] == notice.message_id
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    (calendar_part,) = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
    (deadline,) = Calendar.from_ical(calendar_part.get_payload(decode=True)).walk("VEVENT")
    assert deadline.decoded("dtend") == open_call.closes_at.replace(microsecond=0)
    html = next(part for part in parsed.walk() if part.get_content_type() == "text/html").get_payload(decode=True)
    assert b"/en/unsubscribe/" in html


def test_the_unsubscribe_link_works_without_signing_in(client, django_capture_on_commit_callbacks):
    subscription()
    with django_capture_on_commit_callbacks(execute=True):
        published()
    url = re.search(r"https?://\S+/unsubscribe/\S+/", mail.outbox[0].body).group(0).split("://", 1)[1]
    path = url[url.index("/") :]

    asked = client.get(path)
    assert asked.status_code == 200
    assert CallSubscription.objects.get().ended_at is None  # a link checker's GET stops nothing

    client.post(path)
    assert CallSubscription.objects.get().ended_at is not None
    assert set(Notice.objects.filter(kind="call-closing").values_list("state", flat=True)) == {NoticeState.CANCELLED}


def test_an_altered_unsubscribe_link_is_refused(client):
    assert client.post("/en/unsubscribe/not-a-signed-token/").status_code == 400


def test_sending_a_notice_twice_mails_once(django_capture_on_commit_callbacks):
    subscription()
    with django_capture_on_commit_callbacks(execute=True):
        published()
    notice = Notice.objects.get(kind="call-published")

    assert notices.deliver(notice.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_publishing_queues_reminders_seven_days_and_one_day_before_the_deadline():
    subscription()
    open_call = published(closes_at=NOW + timedelta(days=20))

    reminders = dict(Notice.objects.filter(kind="call-closing").values_list("reminder", "due_at"))
    assert reminders == {"7d": open_call.closes_at - timedelta(days=7), "1d": open_call.closes_at - timedelta(days=1)}


def test_a_reminder_keeps_its_local_time_across_a_daylight_saving_change():
    berlin = ZoneInfo("Europe/Berlin")
    open_call = call(
        consultation=consultation(time_zone="Europe/Berlin"),
        closes_at=datetime(2027, 4, 2, 12, 0, tzinfo=berlin),  # summer time began on 28 March
    )

    due = reminder_due(open_call, "7d").astimezone(berlin)

    assert (due.date(), due.hour, due.minute) == (datetime(2027, 3, 26).date(), 12, 0)
    assert due.utcoffset() == timedelta(hours=1)  # still winter time a week before


def test_a_reminder_of_a_withdrawn_call_is_never_sent(settings):
    subscription()
    open_call = published(closes_at=NOW + timedelta(days=20))
    open_call.status = PublicationStatus.WITHDRAWN
    open_call.save()
    Notice.objects.filter(kind="call-closing").update(due_at=NOW - timedelta(minutes=1))
    mail.outbox.clear()

    task_sweep_notices()

    assert mail.outbox == []
    assert set(Notice.objects.filter(kind="call-closing").values_list("state", flat=True)) == {NoticeState.CANCELLED}


def test_a_moved_deadline_reschedules_the_reminders():
    subscription()
    open_call = published(closes_at=NOW + timedelta(days=20))
    later = NOW + timedelta(days=30)

    services.save_call(open_call, by=None, data={"closes_at": later}, provenance={"en": "original"})

    reminders = dict(
        Notice.objects.filter(kind="call-closing", state=NoticeState.PENDING).values_list("reminder", "due_at")
    )
    assert reminders == {"7d": later - timedelta(days=7), "1d": later - timedelta(days=1)}


def test_a_stale_reminder_left_from_a_moved_deadline_is_cancelled_when_due():
    subscription()
    open_call = published(closes_at=NOW + timedelta(days=20))
    stale = Notice.objects.get(kind="call-closing", reminder="7d")
    open_call.closes_at = NOW + timedelta(days=30)  # moved without going through the service
    open_call.save()
    Notice.objects.filter(pk=stale.pk).update(due_at=NOW - timedelta(minutes=1))

    assert notices.deliver(stale.pk) == NoticeState.CANCELLED


def test_a_daily_subscriber_gets_one_digest_of_the_days_calls(django_capture_on_commit_callbacks):
    subscription(frequency="daily", time_zone="Africa/Nairobi")
    published(title_en="Call for speakers")
    published(title_en="Call for side events", kind=CallKind.SIDE_EVENT)
    (digest,) = Notice.objects.filter(kind="calls-digest")
    assert digest.due_at.astimezone(ZoneInfo("Africa/Nairobi")).hour == 7

    Notice.objects.filter(pk=digest.pk).update(due_at=NOW + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.filter(pk=digest.pk).update(due_at=NOW + timedelta(seconds=1))
    digest.refresh_from_db()
    Notice.objects.filter(pk=digest.pk).update(due_at=datetime.now(UTC))
    notices.deliver(digest.pk)

    (message,) = [message for message in mail.outbox if "2 new open calls" in message.subject]
    assert "Call for speakers" in message.body
    assert "Call for side events" in message.body


def test_subscribing_sends_a_confirmation_and_the_link_confirms(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/calls/subscribe/",
            {"email": "Amina@Example.org", "language": "fr", "frequency": "immediate", "commissions": ["ECA"]},
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    with translation.override("fr"):
        assert message.subject.endswith(gettext("Confirm that you want to hear of open calls"))
    assert "Confirm that you want" not in message.subject  # in French, the language chosen
    link = re.search(r"https?://\S+/calls/subscribe/[0-9a-f-]+/", message.body).group(0)

    client.get(link[link.index("/fr/") :])

    subscribed = CallSubscription.objects.get()
    assert subscribed.confirmed_at is not None
    assert subscribed.commissions == ["ECA"]


def test_a_subscription_form_with_a_bad_address_keeps_the_choices(client):
    response = client.post(
        "/en/calls/subscribe/",
        {"email": "not-an-address", "language": "en", "frequency": "daily", "commissions": ["ECLAC"]},
    )

    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    html = response.content.decode()
    assert re.findall(r'<input type="checkbox" name="commissions" value="(\w+)"[^>]* checked>', html) == ["ECLAC"]
    assert 'value="not-an-address"' in html


def test_a_failed_send_is_retried_later_then_marked_failed(settings):
    settings.EMAIL_BACKEND = "tests.consultations.test_call_notices.RefusingBackend"
    subscription()
    published()
    notice = Notice.objects.get(kind="call-published")

    for _attempt in range(notices.MAX_ATTEMPTS):
        Notice.objects.filter(pk=notice.pk).update(due_at=datetime.now(UTC))
        notices.deliver(notice.pk)

    notice.refresh_from_db()
    assert notice.state == NoticeState.FAILED
    assert notice.attempts == notices.MAX_ATTEMPTS
    assert "SMTPServerDisconnected" in notice.last_error


def test_a_notice_left_sending_by_a_dead_worker_is_sent_again(settings, django_capture_on_commit_callbacks):
    subscription()
    published()
    notice = Notice.objects.get(kind="call-published")
    Notice.objects.filter(pk=notice.pk).update(
        state=NoticeState.SENDING, sending_since=NOW - timedelta(seconds=settings.NOTICE_STUCK_AFTER_SECONDS + 1)
    )

    assert task_sweep_notices()["recovered"] == 1
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT


class RefusingBackend:
    """An SMTP server that hangs up: what a transient failure looks like to the sender."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.mark.parametrize("with_profile", [True, False])
def test_a_notice_to_a_person_is_sent_in_a_fixed_number_of_queries(django_assert_num_queries, with_profile):
    person = ProfileFactory(notice_language="fr").person if with_profile else UserFactory()
    subscription(person.email, person=person)
    open_call = published()
    notice = Notice.objects.get(kind="call-published")
    mail.outbox.clear()

    with django_assert_num_queries(QUERIES_PER_NOTICE):
        notices.deliver(notice.pk)

    assert mail.outbox[0].to == [person.email]
    assert open_call.pk == notice.object_id

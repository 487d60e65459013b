"""Notices through a real Celery worker over Redis to a real SMTP server on 127.0.0.1, and what a
worker killed in the middle of a batch loses (nothing) and repeats (at most what was in flight)."""

import os
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.formats import date_format
from icalendar import Calendar

from consultations import services
from consultations.enums import CallKind, PublicationStatus
from consultations.models import CallSubscription
from consultations.notices import reminder_due
from portal import notices
from portal.l10n import zone_label
from portal.models import Notice, NoticeState
from tests.factories import call, consultation
from tests.workers import real_workers
from tests.workers import smtp_sink as shared_sink

NOW = datetime.now(UTC)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="a worker process shares the test database and broker only on PostgreSQL and Redis (CI has both)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def smtp_sink():
    with shared_sink() as sink:
        yield sink, sink.port


@pytest.fixture
def workers(smtp_sink):
    with real_workers(smtp_sink[1], concurrency=4) as pool:
        yield pool


def published_call(**overrides):
    held = consultation(
        status=PublicationStatus.PUBLISHED,
        title_ar="المشاورة الإقليمية لأفريقيا",
        title_zh_hans="非洲区域磋商",
        time_zone="Africa/Nairobi",
        starts_at=NOW + timedelta(days=60),
        ends_at=NOW + timedelta(days=60, hours=8),
    )
    fields = {
        "consultation": held,
        "kind": CallKind.SPEAK,
        "status": PublicationStatus.SUBMITTED,
        "opens_at": NOW - timedelta(hours=1),
        "closes_at": datetime(2031, 3, 10, 14, 0, tzinfo=UTC),
        "title_ar": "دعوة المتحدثين",
        "text_ar": "أعرب عن اهتمامك بالتحدث.",
        "title_zh_hans": "征集发言人",
        "text_zh_hans": "表达发言意向。",
    }
    return call(**{**fields, **overrides})


def test_notices_reach_a_real_smtp_server_in_each_recipients_language(smtp_sink, workers, client):
    sink, _port = smtp_sink
    workers.start()
    people = {"en": "Europe/London", "ar": "Asia/Amman", "zh-hans": "Asia/Shanghai"}  # UTC+0, +3, +8
    for language, zone in people.items():
        CallSubscription.objects.create(
            email=f"{language}@example.org", language=language, time_zone=zone, confirmed_at=NOW
        )
    open_call = published_call()

    services.publish_call(open_call, by=None)  # autocommit: the notices are enqueued at once

    assert sink.wait_for(3, timeout=90) == 3
    received = {message["To"]: message for message in sink.messages}
    titles = {"en": "Call for speakers", "ar": "دعوة المتحدثين", "zh-hans": "征集发言人"}
    for language, zone in people.items():
        message = received[f"{language}@example.org"]
        text = message.get_body(("plain",)).get_content()
        with translation.override(language):
            local_time = date_format(open_call.closes_at.astimezone(ZoneInfo(zone)), "DATETIME_FORMAT")
            zone_shown = zone_label(zone, open_call.closes_at)  # "Amman Time UTC+3" in Arabic, never "Asia/Amman"
        assert titles[language] in str(message["Subject"])
        assert local_time in text
        assert zone_shown in text
        notice = Notice.objects.get(email=f"{language}@example.org", kind="call-published")
        assert message["Message-ID"] == notice.message_id
        (ics,) = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
        (deadline,) = Calendar.from_ical(ics.get_payload(decode=True)).walk("VEVENT")
        assert deadline.decoded("dtend") == open_call.closes_at

    link = received["en@example.org"]["List-Unsubscribe"].strip("<>")
    response = client.post(link[link.index("/en/") :])
    assert response.status_code == 200
    assert CallSubscription.objects.get(email="en@example.org").ended_at is not None
    print(f"SMTP sink received {len(sink.messages)} messages in en, ar, zh-hans")


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_only_what_was_in_flight(smtp_sink, workers):
    sink, _port = smtp_sink
    # Six tasks of 100 for a pool of four: the kill (at a quarter) lands with four batches half-sent and
    # two still queued, which is everything the test proves (2,000 proved nothing more).
    recipients = 600
    CallSubscription.objects.bulk_create(
        CallSubscription(email=f"person{number}@example.org", language="en", confirmed_at=NOW)
        for number in range(recipients)
    )
    open_call = published_call(title_en="Call for speakers", text_en="Express your interest to speak.")
    services.publish_call(open_call, by=None)
    Notice.objects.filter(kind="call-published").delete()  # only the reminders matter here
    Notice.objects.filter(kind="call-closing", reminder="1d").delete()
    # The 7-day reminders come due: the deadline is a week away.
    open_call.closes_at = datetime.now(UTC) + timedelta(days=7) - timedelta(minutes=1)
    open_call.save(update_fields=["closes_at"])
    Notice.objects.filter(kind="call-closing").update(due_at=reminder_due(open_call, "7d"))

    first = workers.start()
    notices.enqueue_due()
    sink.wait_for(recipients // 4, timeout=180)
    workers.kill(first)
    at_kill = len(sink.messages)
    in_flight = Notice.objects.filter(state=NoticeState.SENDING).count()

    notices.recover_stuck(older_than=timedelta(0))
    workers.start()
    notices.enqueue_due()
    sink.wait_for(recipients, timeout=300)
    time.sleep(2)  # anything still arriving

    ids = Counter(message["Message-ID"] for message in sink.messages)
    addresses = {message["To"] for message in sink.messages}
    repeated = sum(count - 1 for count in ids.values())
    print(
        f"\n{recipients} reminders; at the kill {at_kill} received and {in_flight} in flight; "
        f"afterwards {len(sink.messages)} received, {len(ids)} distinct Message-IDs, {repeated} repeated"
    )
    assert at_kill < recipients, "the worker died in the middle of the batch"
    assert len(ids) == recipients
    assert len(addresses) == recipients
    assert repeated <= workers.concurrency
    assert repeated <= in_flight
    assert Notice.objects.filter(kind="call-closing").exclude(state=NoticeState.SENT).count() == 0

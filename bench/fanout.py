"""Fan-out of one published call to 50,000 matching subscribers (design note §4, issue 6).

Prints the time to create the notices (the immediate ones and the two closing reminders of each
subscriber), then the sending rate of the portal's own sending task to a local SMTP sink, next to
a plain smtplib loop's rate to the same sink in the same run: the ceiling on this machine.
Figures, not pass/fail. Run with `make bench` (a SQLite file under var/ unless DATABASE_URL is set).
"""

import os
import smtplib
import socket
import sys
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-fanout.sqlite3'}")
# Tasks queue in memory and nobody consumes them: this script sends a sample itself, in process.
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ.pop("REDIS_URL", None)
sys.path.insert(0, str(ROOT))

import logging  # noqa: E402

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from consultations import services  # noqa: E402
from consultations.enums import CallKind, ConsultationKind, Modality, PublicationStatus  # noqa: E402
from consultations.models import CallSubscription, Consultation, OpenCall  # noqa: E402
from portal.models import Notice, NoticeState  # noqa: E402
from portal.tasks import task_send_notices  # noqa: E402

SUBSCRIBERS = 50_000
SAMPLE = 2_000  # messages sent to measure each sending rate
BATCH = 100


class Counting:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def prepare():
    call_command("migrate", verbosity=0)
    Notice.objects.all().delete()
    OpenCall.objects.filter(consultation__slug="bench-fanout").delete()
    Consultation.objects.filter(slug="bench-fanout").delete()
    CallSubscription.objects.all().delete()
    now = datetime.now(UTC)
    held = Consultation.objects.create(
        slug="bench-fanout",
        kind=ConsultationKind.MULTI_STAKEHOLDER,
        title_en="Regional consultation for Africa",
        commission="ECA",
        starts_at=now + timedelta(days=60),
        ends_at=now + timedelta(days=60, hours=8),
        time_zone="Africa/Nairobi",
        modality=Modality.ONLINE,
        capacity_online=500,
        status=PublicationStatus.PUBLISHED,
    )
    CallSubscription.objects.bulk_create(
        (
            CallSubscription(
                email=f"subscriber{n}@example.org",
                language=["en", "fr", "ar", "es", "ru", "zh-hans"][n % 6],
                commissions=["ECA"] if n % 2 else [],
                confirmed_at=now,
            )
            for n in range(SUBSCRIBERS)
        ),
        batch_size=5000,
    )
    return OpenCall.objects.create(
        consultation=held,
        kind=CallKind.SPEAK,
        title_en="Call for speakers",
        text_en="Express your interest to speak.",
        opens_at=now,
        closes_at=now + timedelta(days=20),
        status=PublicationStatus.SUBMITTED,
    )


def portal_rate(port):
    ids = list(
        Notice.objects.filter(kind="call-published", state=NoticeState.PENDING).values_list("pk", flat=True)[:SAMPLE]
    )
    smtp = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": port, "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": False}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", **smtp):
        start = time.perf_counter()
        for first in range(0, len(ids), BATCH):
            task_send_notices(notice_ids=ids[first : first + BATCH])
        elapsed = time.perf_counter() - start
    sent = Notice.objects.filter(pk__in=ids, state=NoticeState.SENT).count()
    if sent != len(ids):
        raise SystemExit(
            f"only {sent} of {len(ids)} notices were sent: {Notice.objects.exclude(last_error='').first()}"
        )
    return sent / elapsed


def smtplib_rate(port):
    message = EmailMessage()
    message["From"], message["Subject"] = "noreply@localhost", "New open call: Call for speakers"
    message.set_content("A new open call matches what you follow.\n" * 20)
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for n in range(SAMPLE):
            del message["To"]
            message["To"] = f"subscriber{n}@example.org"
            smtp.send_message(message)
    return SAMPLE / (time.perf_counter() - start)


def main():
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    call = prepare()
    sink = Counting()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        start = time.perf_counter()
        services.publish_call(call, by=None)
        created = time.perf_counter() - start
        notices = Notice.objects.count()
        print(f"fan-out to {SUBSCRIBERS:,} subscribers: {notices:,} notices (each, and 2 reminders) in {created:.1f} s")
        print(f"  {notices / created:,.0f} notices/s written, including matching and enqueueing")
        portal = portal_rate(port)
        ceiling = smtplib_rate(port)
        print(f"sending, portal task (one process, {BATCH} per SMTP session): {portal:,.0f} messages/s")
        print(f"sending, plain smtplib loop (same sink, one session):        {ceiling:,.0f} messages/s")
        print(f"  the portal sends at {portal / ceiling:.0%} of the ceiling; the sink received {sink.count:,}")
    finally:
        controller.stop()


if __name__ == "__main__":
    main()

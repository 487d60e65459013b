"""Notices: queued as outbox rows with the change that causes them, sent by Celery after commit.

Adding a kind is a template folder `templates/emails/<kind>/` (subject.txt, body.txt, body.html) and
one `NoticeKind` registered by the app that owns the object, plus one call to `queue()` where the
change happens. Sending twice never mails twice: a notice is claimed under a row lock, and a send
repeated after a crash carries the same Message-ID.
"""

import logging
import smtplib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import Notice, NoticeState
from portal.personal_data import address_in

logger = logging.getLogger(__name__)

BATCH = 100  # notices per sending task: small enough that a killed worker loses little time
MAX_ATTEMPTS = 8
UNSUBSCRIBE_SALT = "portal.notices.unsubscribe"


@dataclass(frozen=True)
class Recipient:
    email: str
    person_id: int | None = None
    language: str = "en"
    time_zone: str = ""

    @classmethod
    def of(cls, person) -> "Recipient":
        """A person with an account, in the language and time zone of their profile, if they have one."""
        profile = getattr(person, "profile", None)
        language = getattr(profile, "notice_language", "") or "en"
        return cls(person.email, person.pk, language, getattr(profile, "time_zone", "") or "")


@dataclass(frozen=True)
class NoticeKind:
    """How to send one kind of notice. The callables receive the notice and the object it is about."""

    name: str
    context: Callable[[Notice, object], dict]
    optional: bool = False  # optional notices carry an unsubscribe link and List-Unsubscribe headers
    is_still_due: Callable[[Notice, object], bool] = lambda notice, about: True
    languages: Callable[[object], list[str]] = lambda about: []  # content languages; [] means any
    calendar: Callable[[Notice, object], bytes | None] | None = None
    unsubscribe_scope: str = "calls"  # what an unsubscribe link of this kind stops


KINDS: dict[str, NoticeKind] = {}
# scope -> what unsubscribing from it does for an address (an app registers the scopes of its kinds)
UNSUBSCRIBE_SCOPES: dict[str, Callable[[str], None]] = {}


def register(kind: NoticeKind) -> NoticeKind:
    KINDS[kind.name] = kind
    return kind


def register_unsubscribe(scope: str, handler: Callable[[str], None]) -> None:
    UNSUBSCRIBE_SCOPES[scope] = handler


@transaction.atomic
def unsubscribe(token: str) -> dict:
    """Follow a signed unsubscribe link: stop the optional notices of its scope for its address,
    and take back those of them not yet sent. Raises signing.BadSignature for an altered link."""
    data = read_unsubscribe_token(token)
    UNSUBSCRIBE_SCOPES[data["scope"]](data["email"])
    kinds = [name for name, kind in KINDS.items() if kind.optional and kind.unsubscribe_scope is not None]
    Notice.objects.filter(email=data["email"], kind__in=kinds, state=NoticeState.PENDING).update(
        state=NoticeState.CANCELLED
    )
    return data


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def queue(kind: str, about, recipients: Iterable[Recipient], *, due_at=None, reminder="") -> int:
    """One notice of a kind about one object to each recipient; see queue_each."""
    due_at = due_at or timezone.now()
    return queue_each(kind, ((about, recipient, due_at, reminder) for recipient in recipients))


def queue_each(kind: str, items: Iterable[tuple], *, batch_size=2000) -> int:
    """Write notices from (about, recipient, due_at, reminder) items, in bulk batches; a key already
    queued is ignored. Notices due now are handed to workers once the transaction commits."""
    if kind not in KINDS:
        raise LookupError(f"unknown notice kind {kind}; register it with portal.notices.register")
    now, count, due_now = timezone.now(), 0, False
    items = iter(items)
    while chunk := [item for _i, item in zip(range(batch_size), items, strict=False)]:
        rows = [_notice(kind, about, recipient, due_at, reminder) for about, recipient, due_at, reminder in chunk]
        Notice.objects.bulk_create(rows, ignore_conflicts=True)
        count += len(rows)
        due_now = due_now or any(row.due_at <= now for row in rows)
    if due_now:
        transaction.on_commit(lambda: enqueue_due(kind=kind))
    return count


def _notice(kind, about, recipient: Recipient, due_at, reminder) -> Notice:
    return Notice(
        kind=kind,
        content_type=ContentType.objects.get_for_model(about),  # cached by Django after the first
        object_id=about.pk,
        email=recipient.email.lower(),
        person_id=recipient.person_id,
        language=recipient.language or "en",
        time_zone=recipient.time_zone,
        reminder=str(reminder),
        due_at=due_at,
        message_id=_message_id(),
    )


def enqueue_due(**filters) -> int:
    """Hand due pending notices to workers, BATCH ids per task."""
    from portal.tasks import task_send_notices

    ids = list(
        Notice.objects.filter(state=NoticeState.PENDING, due_at__lte=timezone.now(), **filters)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH):
        task_send_notices.delay(notice_ids=ids[start : start + BATCH])
    return len(ids)


def cancel(kind: str, about, *, reminder: str | None = None) -> int:
    """Take back notices not yet sent, e.g. reminders of a call whose deadline moved."""
    notices = Notice.objects.filter(
        kind=kind,
        content_type=ContentType.objects.get_for_model(about),
        object_id=about.pk,
        state__in=[NoticeState.PENDING, NoticeState.FAILED],
    )
    if reminder is not None:
        notices = notices.filter(reminder=reminder)
    return notices.delete()[0]


def forget_recipient(person, *, addresses) -> int:
    """The person deleted their account: the notices to them or to any address they had that are
    not yet sent are cancelled, and none keeps the address (nor an error message quoting it). Each
    takes an address of its own that names nobody, so that the outbox keeps its counts and its rule
    of one notice per recipient. Run it after everything else the deletion does, which may queue some."""
    theirs = Notice.objects.filter(Q(person=person) | address_in("email", addresses))
    theirs.filter(state__in=[NoticeState.PENDING, NoticeState.SENDING, NoticeState.FAILED]).update(
        state=NoticeState.CANCELLED, sending_since=None
    )
    return theirs.update(email=Concat(Value("forgotten-"), Cast("pk", CharField()), Value("@invalid")), last_error="")


def claim(notice_id: int) -> Notice | None:
    """Take one due notice for sending; another worker holding or having sent it wins."""
    with transaction.atomic():
        notice = (
            # The recipient's language and time zone come with the row; only the notice row is locked.
            Notice.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("person__profile")
            .filter(pk=notice_id, state=NoticeState.PENDING, due_at__lte=timezone.now())
            .first()
        )
        if notice is None:
            return None
        notice.state, notice.sending_since = NoticeState.SENDING, timezone.now()
        notice.attempts += 1
        notice.save(update_fields=["state", "sending_since", "attempts"])
    return notice


def deliver(notice_id: int, *, connection=None, objects=None) -> str:
    """Send one notice if it is still due and still has a reason; returns what became of it.
    A batch passes one SMTP connection, and a dict in which the objects its notices are about are
    fetched once (a published call's hundred notices read the call once)."""
    notice = claim(notice_id)
    if notice is None:
        return "skipped"
    kind, about = KINDS.get(notice.kind), _about(notice, objects)
    if kind is None or about is None or _left(notice) or not kind.is_still_due(notice, about):
        _finish(notice, NoticeState.CANCELLED)
        return NoticeState.CANCELLED
    try:
        message = build_message(notice, kind, about)
        message.connection = connection
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if connection is not None:
            connection.close()  # the next notice opens a fresh one
        _retry_later(notice, error)
        return NoticeState.FAILED if notice.state == NoticeState.FAILED else NoticeState.PENDING
    _finish(notice, NoticeState.SENT)
    return NoticeState.SENT


def _left(notice) -> bool:
    """The person deleted their account after the notice was queued (a reminder written before, a
    decision taken about an answer they had): it goes to nobody."""
    return notice.person_id is not None and not notice.person.is_active


def _about(notice, objects):
    if objects is None:
        return notice.about
    key = (notice.content_type_id, notice.object_id)
    if key not in objects:
        objects[key] = notice.about
    return objects[key]


def _finish(notice, state):
    notice.state = state
    notice.sent_at = timezone.now() if state == NoticeState.SENT else None
    notice.save(update_fields=["state", "sent_at"])


def _retry_later(notice, error):
    """Transient: back off exponentially (1, 2, 4… minutes) and let the sweeper pick it up again."""
    notice.last_error = f"{type(error).__name__}: {error}"[:2000]
    if notice.attempts >= MAX_ATTEMPTS:
        notice.state = NoticeState.FAILED
    else:
        notice.state = NoticeState.PENDING
        notice.due_at = timezone.now() + timedelta(minutes=2 ** (notice.attempts - 1))
    notice.save(update_fields=["state", "due_at", "last_error"])
    logger.warning("Notice %s not sent (attempt %s): %s", notice.pk, notice.attempts, notice.last_error)


def recover_stuck(*, older_than: timedelta, except_ids: Iterable[int] = ()) -> int:
    """Notices left "sending" by a worker that died: send them again (same Message-ID). `except_ids`:
    notices that live workers are sending right now."""
    stuck = Notice.objects.filter(state=NoticeState.SENDING, sending_since__lt=timezone.now() - older_than)
    return stuck.exclude(pk__in=list(except_ids)).update(state=NoticeState.PENDING, sending_since=None)


def resend(notice: Notice) -> None:
    """The secretariat sends a failed notice again."""
    Notice.objects.filter(pk=notice.pk).update(state=NoticeState.PENDING, due_at=timezone.now(), attempts=0)
    transaction.on_commit(lambda: enqueue_due(pk=notice.pk))


# Rendering


def recipient_language(notice: Notice, kind: NoticeKind, about) -> str:
    """The recipient's language if the content exists in it, else the content's best language (the
    kind lists them best first, as consultations.queries.display_languages does for pages: the
    original, then the fallback order): interface and content always in one language."""
    language = notice.language
    profile = getattr(notice.person, "profile", None) if notice.person_id else None
    if profile is not None and profile.notice_language:
        language = profile.notice_language
    available = kind.languages(about)
    if not available or language in available:
        return language
    return available[0]


def recipient_time_zone(notice: Notice) -> str:
    profile = getattr(notice.person, "profile", None) if notice.person_id else None
    return (profile.time_zone if profile is not None else "") or notice.time_zone or settings.TIME_ZONE


def unsubscribe_url(notice: Notice, scope: str) -> str:
    token = signing.dumps({"email": notice.email, "scope": scope}, salt=UNSUBSCRIBE_SALT, compress=True)
    return settings.SITE_URL + reverse("unsubscribe", kwargs={"token": token})


def read_unsubscribe_token(token: str) -> dict:
    """Raises signing.BadSignature when the link was altered."""
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)


def build_message(notice: Notice, kind: NoticeKind, about) -> EmailMultiAlternatives:
    language, zone = recipient_language(notice, kind, about), recipient_time_zone(notice)
    with translation.override(language), timezone.override(zone):
        context = {
            "notice": notice,
            "about": about,
            "site_url": settings.SITE_URL,
            "time_zone": zone,
            "language": language,
            **kind.context(notice, about),
        }
        headers = {"Message-ID": notice.message_id}
        if kind.optional:
            context["unsubscribe_url"] = unsubscribe_url(notice, kind.unsubscribe_scope)
            headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        subject = render_to_string(f"emails/{notice.kind}/subject.txt", context).strip()
        message = EmailMultiAlternatives(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
            body=render_to_string(f"emails/{notice.kind}/body.txt", context),
            to=[notice.email],
            headers=headers,
        )
        message.attach_alternative(render_to_string(f"emails/{notice.kind}/body.html", context), "text/html")
        if kind.calendar is not None and (calendar := kind.calendar(notice, about)):
            message.attach("invitation.ics", calendar, "text/calendar; charset=utf-8; method=PUBLISH")
    return message

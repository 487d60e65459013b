"""Notices about open calls: published, closing soon, the daily digest, and confirming a subscription.

Each kind is a template folder under templates/emails/ and one registration below; the services
queue them where the change happens (publishing a call, moving its deadline, subscribing).
"""

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from consultations import queries
from consultations.calendar import PRODUCT, event
from consultations.enums import CallState, PublicationStatus, SubscriptionFrequency
from consultations.models import CallSubscription, OpenCall
from portal import notices
from portal.notices import NoticeKind, Recipient

CALL_REMINDERS = {"7d": timedelta(days=7), "1d": timedelta(days=1)}
DIGEST_HOUR = 7  # local time of the subscriber


def call_url(call) -> str:
    return settings.SITE_URL + reverse("consultations:call-detail", kwargs={"pk": call.pk})


def is_open_for_notices(call) -> bool:
    return call.status == PublicationStatus.PUBLISHED and call.state_at(timezone.now()) != CallState.CLOSED


def reminder_due(call, reminder: str):
    """The same wall-clock time, N days before the deadline, in the consultation's time zone:
    a daylight-saving change in between does not shift it by an hour."""
    zone = zoneinfo.ZoneInfo(call.consultation.time_zone)
    return (call.closes_at.astimezone(zone) - CALL_REMINDERS[reminder]).astimezone(zoneinfo.ZoneInfo("UTC"))


def deadline_calendar(notice, call) -> bytes:
    """The call's deadline as a one-minute event, so that people can add it to their calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    host = settings.SITE_URL.split("//", 1)[-1]
    calendar.add_component(
        event(
            f"call-{call.pk}-deadline@{host}",
            str(call.title),
            call.closes_at - timedelta(minutes=30),
            call.closes_at,
            location="",
            description=str(call.text)[:500],
            url=call_url(call),
        )
    )
    return calendar.to_ical()


def call_context(notice, call) -> dict:
    return {"call": call, "consultation": call.consultation, "call_url": call_url(call)}


def is_reminder_still_due(notice, call) -> bool:
    """Not when the call was withdrawn or has closed, nor when its deadline moved since (a new
    reminder was queued for the new deadline)."""
    moved = abs(reminder_due(call, notice.reminder) - notice.due_at) > timedelta(minutes=1)
    return is_open_for_notices(call) and not moved


def digest_context(notice, subscription) -> dict:
    since = notice.due_at - timedelta(days=1)
    calls = [call for call in queries.calls_published_between(since, notice.due_at) if matches(subscription, call)]
    return {"calls": [{"call": call, "url": call_url(call)} for call in calls], "subscription": subscription}


def has_calls_to_tell(notice, subscription) -> bool:
    return subscription.ended_at is None and bool(digest_context(notice, subscription)["calls"])


def confirm_context(notice, subscription) -> dict:
    url = reverse("consultations:subscription-confirm", kwargs={"token": subscription.token})
    return {"subscription": subscription, "confirm_url": settings.SITE_URL + url}


def call_languages(call) -> list[str]:
    """Languages a notice about the call can be written in whole, best first (the rule of the pages,
    queries.display_languages): the call's texts and, where it has one there, its consultation's title."""
    languages = queries.display_languages(call)
    with_title = [code for code in languages if code in queries.languages_of(call.consultation, "title")]
    return with_title or languages


notices.register(
    NoticeKind(
        "call-published",
        context=call_context,
        optional=True,
        is_still_due=lambda notice, call: is_open_for_notices(call),
        languages=call_languages,
        calendar=deadline_calendar,
    )
)
notices.register(
    NoticeKind(
        "call-closing",
        context=call_context,
        optional=True,
        is_still_due=is_reminder_still_due,
        languages=call_languages,
        calendar=deadline_calendar,
    )
)
notices.register(NoticeKind("calls-digest", context=digest_context, optional=True, is_still_due=has_calls_to_tell))
notices.register(
    NoticeKind(
        "subscription-confirm",
        context=confirm_context,
        is_still_due=lambda notice, subscription: subscription.confirmed_at is None and subscription.ended_at is None,
    )
)


# Who hears of a call


def call_facts(call: OpenCall) -> dict:
    """What subscriptions are matched against, computed once per call."""
    return {
        "regions": queries.regions_of(call.consultation),
        "categories": {row.category for row in call.eligibility.all() if row.category},
        "objectives": set(call.objectives.values_list("number", flat=True)),
        "languages": set(call_languages(call)),
    }


def matches(subscription, call, facts=None) -> bool:
    """Every choice the subscriber made meets the call; an empty choice (theirs or the call's) meets all."""
    facts = facts or call_facts(call)
    sub = subscription if isinstance(subscription, dict) else vars(subscription)

    def meets(chosen, offered):
        return not chosen or not offered or bool(set(chosen) & offered)

    return (
        (not sub["commissions"] or bool(set(sub["commissions"]) & facts["regions"]))
        and meets(sub["categories"], facts["categories"])
        and meets(sub["objectives"], facts["objectives"])
        and (not sub["content_languages"] or bool(set(sub["content_languages"]) & facts["languages"]))
    )


def matching_subscriptions(call):
    """Active subscriptions that match the call, streamed: one query whatever their number."""
    facts = call_facts(call)
    rows = (
        CallSubscription.objects.filter(confirmed_at__isnull=False, ended_at__isnull=True)
        .values("pk", "email", "person_id", "language", "time_zone", "frequency", *MATCHED_FIELDS)
        .iterator(chunk_size=5000)
    )
    return (row for row in rows if matches(row, call, facts))


MATCHED_FIELDS = ("commissions", "categories", "objectives", "content_languages")


def recipient(row) -> Recipient:
    return Recipient(row["email"], row["person_id"], row["language"], row["time_zone"])


def next_digest_time(zone_name: str, *, after):
    zone = zoneinfo.ZoneInfo(zone_name or settings.TIME_ZONE)
    local = after.astimezone(zone)
    due = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return due if due > local else due + timedelta(days=1)


def queue_call_published(call) -> int:
    """Fan out a published call: immediate notices, tomorrow's digests, and the closing reminders."""
    immediate, digests, everyone = [], [], []
    for row in matching_subscriptions(call):
        everyone.append(recipient(row))
        (digests if row["frequency"] == SubscriptionFrequency.DAILY else immediate).append(row)
    count = notices.queue("call-published", call, (recipient(row) for row in immediate))
    now = timezone.now()
    digest_items = []
    for row in digests:
        due = next_digest_time(row["time_zone"], after=now)
        # One digest per subscription and day, however many calls that day brings.
        digest_items.append((CallSubscription(pk=row["pk"]), recipient(row), due, due.date().isoformat()))
    count += notices.queue_each("calls-digest", digest_items)
    return count + queue_call_reminders(call, everyone)


def queue_call_reminders(call, recipients) -> int:
    count = 0
    for reminder in CALL_REMINDERS:
        due = reminder_due(call, reminder)
        if due > timezone.now():
            count += notices.queue("call-closing", call, recipients, due_at=due, reminder=reminder)
    return count


def reschedule_call_reminders(call) -> int:
    """A moved deadline: reminders not yet sent are taken back and queued for the new deadline."""
    notices.cancel("call-closing", call)
    return queue_call_reminders(call, [recipient(row) for row in matching_subscriptions(call)])

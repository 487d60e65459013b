"""Notices of registrations: confirmed, waitlisted, promoted, cancelled, and the meeting reminders
7 days and 1 day before, each in the person's language with the consultation in their time zone
(a confirmed online place is told how to join). Also the outcomes of selections, funding support and
side-event proposals."""

import zoneinfo
from datetime import UTC, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from consultations.calendar import consultation_calendar
from consultations.enums import PublicationStatus
from consultations.queries import display_languages
from portal import notices
from portal.notices import NoticeKind, Recipient
from registrations.enums import FundingStatus, InterestStatus, ProposalStatus, RegistrationStatus
from registrations.queries.answers import waitlist_position

MEETING_REMINDERS = {"7d": timedelta(days=7), "1d": timedelta(days=1)}
EVENTS = ("confirmed", "waitlisted", "promoted", "cancelled", "switched")


def registration_context(notice, registration) -> dict:
    consultation = registration.consultation
    return {
        "registration": registration,
        "consultation": consultation,
        "position": waitlist_position(registration),
        "consultation_url": settings.SITE_URL + consultation.get_absolute_url(),
        "participation_url": settings.SITE_URL + reverse("registrations:my-participation"),
    }


def meeting_calendar(notice, registration) -> bytes:
    consultation = registration.consultation
    host = settings.SITE_URL.split("//", 1)[-1]
    return consultation_calendar(consultation, host=host, url=settings.SITE_URL + consultation.get_absolute_url())


def consultation_languages(registration) -> list[str]:
    return display_languages(registration.consultation)


def meeting_due(consultation, reminder: str):
    """N days before the start, at the same wall-clock time in the consultation's time zone."""
    zone = zoneinfo.ZoneInfo(consultation.time_zone)
    return (consultation.starts_at.astimezone(zone) - MEETING_REMINDERS[reminder]).astimezone(UTC)


def is_reminder_still_due(notice, registration) -> bool:
    """Only for a confirmed seat at a published consultation that has not moved since."""
    consultation = registration.consultation
    moved = abs(meeting_due(consultation, notice.reminder) - notice.due_at) > timedelta(minutes=1)
    return (
        registration.status == RegistrationStatus.CONFIRMED
        and consultation.status == PublicationStatus.PUBLISHED
        and not moved
    )


def is_event_still_true(event):
    """A notice of "confirmed" is not sent once the person has cancelled, and so on. A switch is told
    while the person still takes part the way they switched to (kept in the notice's `reminder`)."""
    if event == "switched":
        return lambda notice, registration: registration.is_confirmed and registration.attendance == notice.reminder
    status = {
        "confirmed": RegistrationStatus.CONFIRMED,
        "waitlisted": RegistrationStatus.WAITLISTED,
        "promoted": RegistrationStatus.CONFIRMED,
        "cancelled": RegistrationStatus.CANCELLED,
    }[event]
    return lambda notice, registration: registration.status == status


for event in EVENTS:
    notices.register(
        NoticeKind(
            f"registration-{event}",
            context=registration_context,
            is_still_due=is_event_still_true(event),
            languages=consultation_languages,
            calendar=meeting_calendar if event in ("confirmed", "promoted", "switched") else None,
        )
    )
notices.register(
    NoticeKind(
        "consultation-starting",
        context=registration_context,
        is_still_due=is_reminder_still_due,
        languages=consultation_languages,
        calendar=meeting_calendar,
    )
)


def recipient_of(answer) -> Recipient:
    return Recipient.of(answer.person)


def queue_registration_event(registration, event: str) -> None:
    recipient = recipient_of(registration)
    # A switch is told once for each way switched to, so that switching back is told too.
    way = registration.attendance if event == "switched" else ""
    notices.queue(f"registration-{event}", registration, [recipient], reminder=way)
    if event in ("confirmed", "promoted", "switched"):
        for reminder in MEETING_REMINDERS:
            due = meeting_due(registration.consultation, reminder)
            if due > timezone.now():
                notices.queue("consultation-starting", registration, [recipient], due_at=due, reminder=reminder)


# Selection of speakers: the outcome for everyone who applied, and the slot offered to a reserve


def respond_url(interest) -> str:
    return settings.SITE_URL + interest.respond_path()


def outcome_context(notice, interest) -> dict:
    return {
        "interest": interest,
        "call": interest.call,
        "consultation": interest.call.consultation,
        "respond_url": respond_url(interest),
        "participation_url": settings.SITE_URL + reverse("registrations:my-participation"),
    }


def is_outcome_still_true(status):
    return lambda notice, interest: interest.status == status


def is_confirmation_still_awaited(notice, interest) -> bool:
    return interest.status == InterestStatus.SELECTED and interest.confirm_by is not None


OUTCOMES = {
    "selection-selected": InterestStatus.SELECTED,
    "selection-offered": InterestStatus.SELECTED,
    "selection-reserve": InterestStatus.RESERVE,
    "selection-not-selected": InterestStatus.NOT_SELECTED,
}
for kind, status in OUTCOMES.items():
    notices.register(NoticeKind(kind, context=outcome_context, is_still_due=is_outcome_still_true(status)))
notices.register(
    NoticeKind("selection-confirm-reminder", context=outcome_context, is_still_due=is_confirmation_still_awaited)
)


def queue_selection_outcome(interest, *, offered=False) -> None:
    recipient = recipient_of(interest)
    kind = {
        InterestStatus.SELECTED: "selection-offered" if offered else "selection-selected",
        InterestStatus.RESERVE: "selection-reserve",
        InterestStatus.NOT_SELECTED: "selection-not-selected",
    }[interest.status]
    notices.queue(kind, interest, [recipient])
    if interest.status == InterestStatus.SELECTED and interest.confirm_by:
        due = interest.confirm_by - timedelta(days=1)
        if due > timezone.now():
            key = f"{due:%Y%m%d%H%M}"  # a slot offered again later reminds again
            notices.queue("selection-confirm-reminder", interest, [recipient], due_at=due, reminder=key)


# Funding support: the chair's decision


def funding_context(notice, application) -> dict:
    return {
        "application": application,
        "call": application.call,
        "consultation": application.call.consultation,
        "participation_url": settings.SITE_URL + reverse("registrations:my-participation"),
    }


for kind, status in (("funding-granted", FundingStatus.GRANTED), ("funding-declined", FundingStatus.DECLINED)):
    notices.register(NoticeKind(kind, context=funding_context, is_still_due=is_outcome_still_true(status)))


def queue_funding_decision(application) -> None:
    kind = "funding-granted" if application.status == FundingStatus.GRANTED else "funding-declined"
    notices.queue(kind, application, [recipient_of(application)])


# Side events: the organizers' decision on a proposal, and its time and place when they change


def side_event_context(notice, proposal) -> dict:
    consultation = proposal.call.consultation
    return {
        "proposal": proposal,
        "call": proposal.call,
        "consultation": consultation,
        "consultation_url": settings.SITE_URL + consultation.get_absolute_url(),
        "participation_url": settings.SITE_URL + reverse("registrations:my-participation"),
    }


def decision_key(proposal) -> str:
    """Which decision a notice tells (the moment it was taken, to the microsecond: 20 characters): a
    later decision, or a new time and place, is told again, and a notice of an earlier one still
    waiting is not sent."""
    return f"{proposal.decided_at:%Y%m%d%H%M%S%f}" if proposal.decided_at else ""


def is_decision_still_current(status):
    return lambda notice, proposal: proposal.status == status and notice.reminder == decision_key(proposal)


def side_event_languages(proposal) -> list[str]:
    return display_languages(proposal.call.consultation)


SIDE_EVENT_DECISIONS = {"side-event-accepted": ProposalStatus.ACCEPTED, "side-event-declined": ProposalStatus.DECLINED}
for kind, status in SIDE_EVENT_DECISIONS.items():
    notices.register(
        NoticeKind(
            kind,
            context=side_event_context,
            is_still_due=is_decision_still_current(status),
            languages=side_event_languages,
        )
    )


def queue_side_event_decision(proposal) -> None:
    kind = "side-event-accepted" if proposal.is_accepted else "side-event-declined"
    notices.queue(kind, proposal, [recipient_of(proposal)], reminder=decision_key(proposal))

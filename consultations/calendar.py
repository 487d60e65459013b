"""iCalendar for a consultation and its sessions (RFC 5545, with the icalendar library)."""

from icalendar import Calendar, Event

from consultations.models import Consultation, Session

PRODUCT = "-//Whole-of-Society Engage//Consultations//EN"


def consultation_calendar(consultation: Consultation, *, host: str, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", consultation.title)
    calendar.add_component(
        event(
            f"consultation-{consultation.pk}@{host}",
            consultation.title,
            consultation.starts_at,
            consultation.ends_at,
            location=consultation.venue,
            description=consultation.description,
            url=url,
        )
    )
    for session in consultation.sessions.all():
        calendar.add_component(
            event(
                f"session-{session.pk}@{host}",
                f"{session.title} — {consultation.title}",
                session.starts_at,
                session.ends_at,
                location=consultation.venue,
                description=session.description,
                url=url,
            )
        )
    return calendar.to_ical()


def session_calendar(session: Session, *, host: str, url: str, speakers=(), speakers_label: str = "") -> bytes:
    """One session, with the same UID as in its consultation's calendar, so that a calendar holding
    both keeps one event. `speakers`: how each confirmed speaker chose to appear (the caller applies
    that choice; this module knows nothing of it), after `speakers_label`. No address, no link to join."""
    consultation = session.consultation
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    description = session.description
    if speakers:
        description = "\n\n".join(filter(None, [description, f"{speakers_label}\n" + "\n".join(speakers)]))
    calendar.add_component(
        event(
            f"session-{session.pk}@{host}",
            f"{session.title} — {consultation.title}",
            session.starts_at,
            session.ends_at,
            location=consultation.venue,
            description=description,
            url=url,
        )
    )
    return calendar.to_ical()


def event(uid, summary, starts_at, ends_at, *, location, description, url) -> Event:
    item = Event()
    item.add("uid", uid)
    item.add("summary", summary)
    item.add("dtstart", starts_at)
    item.add("dtend", ends_at)
    item.add("dtstamp", starts_at)
    if location:
        item.add("location", location)
    if description:
        item.add("description", description)
    item.add("url", url)
    return item

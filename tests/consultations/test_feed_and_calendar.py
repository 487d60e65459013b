"""The Atom feed of open calls and a consultation's iCalendar, read back as other tools read them."""

from datetime import UTC, datetime, timedelta

import feedparser
import icalendar
import pytest

from consultations.enums import PublicationStatus
from consultations.models import Session
from tests.factories import consultation, published_call

pytestmark = pytest.mark.django_db


def test_the_feed_carries_the_open_calls_in_the_page_language(client):
    open_call = published_call(title_en="Call for speakers", title_fr="Appel aux intervenants")

    parsed = feedparser.parse(client.get("/fr/calls/feed/").content)

    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == [f"Appel aux intervenants — {open_call.consultation.title}"]
    assert parsed.entries[0].link.endswith(f"/fr/consultations/{open_call.consultation.slug}/#call-{open_call.pk}")


def test_the_calendar_holds_the_consultation_and_its_sessions_at_the_right_times(client):
    starts_at = datetime(2027, 3, 10, 6, 0, tzinfo=UTC)
    place = consultation(
        slug="nairobi",
        status=PublicationStatus.PUBLISHED,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=8),
        time_zone="Africa/Nairobi",
        venue_en="UN Office at Nairobi",
    )
    Session.objects.create(
        consultation=place,
        title_en="Opening plenary",
        format="plenary",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
    )

    response = client.get("/consultations/nairobi.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [place.title, f"Opening plenary — {place.title}"]
    assert events[0].decoded("dtstart") == starts_at
    assert events[0].decoded("dtend") == starts_at + timedelta(hours=8)
    assert str(events[0]["location"]) == "UN Office at Nairobi"


def test_a_draft_has_no_calendar(client):
    consultation(slug="draft")

    assert client.get("/consultations/draft.ics").status_code == 404

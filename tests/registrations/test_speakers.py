"""Confirmed speakers in public, each as they chose: with their full profile, their name only, or
anonymously as "a speaker from <sub-region>, <category>". The choice is made when confirming and can
be changed later, on record; the programme, the speaker pages and the calendars all follow it."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activity.models import Activity
from consultations.enums import CallKind, PublicationStatus
from registrations.enums import Appearance, InterestStatus
from registrations.services.selection import set_appearance
from stakeholders.enums import StakeholderCategory
from stakeholders.photos import save_speaker_profile
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    SessionFactory,
    call,
    consultation,
    log_of,
    photo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def speaker(speak, name, appearance, *, session=None, organization=None, country="MX", **profile):
    """A confirmed speaker of the call; `profile` fills in their speaker profile."""
    person = ProfileFactory(person__display_name=name, country_of_residence=country).person
    if profile:
        save_speaker_profile(
            person, by=person, **{"affiliation": "", "biography": "", "biography_language": "", **profile}
        )
    return ExpressionOfInterestFactory(
        call=speak,
        person=person,
        status=InterestStatus.CONFIRMED,
        appearance=appearance,
        session=session,
        organization=organization,
    )


@pytest.fixture
def world():
    place = consultation(
        slug="nairobi", status=PublicationStatus.PUBLISHED, join_link="https://meet.example.org/secret"
    )
    speak = call(consultation=place, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED)
    session = SessionFactory(consultation=place, title="Decent work for migrant workers")
    network = OrganizationFactory(
        name_en="Kenya Migrants Network", country="KE", category=StakeholderCategory.CIVIL_SOCIETY
    )
    return {
        "place": place,
        "speak": speak,
        "session": session,
        "full": speaker(
            speak,
            "Amina Wanjiru",
            Appearance.FULL,
            session=session,
            affiliation="Domestic Workers United",
            biography="Amina organizes domestic workers.",
            biography_language="sw",
            photo=photo(),
        ),
        "name": speaker(speak, "Bashir Haidari", Appearance.NAME, session=session, affiliation="Hidden Affiliation"),
        "anonymous": speaker(speak, "Chidi Okafor", Appearance.ANONYMOUS, session=session, organization=network),
        "individual": speaker(speak, "Dora Ramírez", Appearance.ANONYMOUS, country="MX"),
    }


def speaker_url(interest):
    return f"/en/speakers/{interest.person_id}/"


def test_the_programme_shows_each_speaker_as_they_chose(client, world):
    html = client.get("/en/consultations/nairobi/").content.decode()

    assert f'<a href="{speaker_url(world["full"])}"><bdi>Amina Wanjiru</bdi></a>' in html
    assert "Domestic Workers United" in html
    assert f'<a href="{speaker_url(world["name"])}"><bdi>Bashir Haidari</bdi></a>' in html
    assert "Hidden Affiliation" not in html
    assert "Chidi Okafor" not in html
    assert speaker_url(world["anonymous"]) not in html
    assert "A speaker from Eastern Africa, Civil society organizations" in html
    assert "Dora" not in html
    assert "A speaker from Central America" in html  # not tied to a session: under "Confirmed speakers"
    assert "@" not in re.sub(r"<head>.*</head>", "", html, flags=re.DOTALL)


def test_a_named_speaker_without_a_display_name_appears_anonymously(client, world):
    unnamed = speaker(world["speak"], "", Appearance.NAME, session=world["session"], country="KE")

    html = client.get("/en/consultations/nairobi/").content.decode()

    assert speaker_url(unnamed) not in html
    assert unnamed.person.email not in html
    assert "A speaker from Eastern Africa" in html
    assert client.get(speaker_url(unnamed)).status_code == 404


def test_the_programme_gives_the_visitors_own_time_beside_the_consultations(client, world):
    visitor = ProfileFactory(time_zone="America/Mexico_City").person
    client.force_login(visitor)

    html = client.get("/en/consultations/nairobi/").content.decode()

    # The session starts at 07:00 UTC: 10 a.m. in Nairobi, 1 a.m. in Mexico City.
    assert "10 a.m.\N{EN DASH}11 a.m." in html
    assert 'Your time: March 10, 2027, <bdi class="time-range">1 a.m.\N{EN DASH}2 a.m.</bdi>' in html


def test_the_page_of_a_speaker_with_their_full_profile(client, world):
    response = client.get(speaker_url(world["full"]))

    html = response.content.decode()
    assert response.context["speaker"].name == "Amina Wanjiru"
    assert "Domestic Workers United" in html
    assert 'lang="sw"' in html
    assert "Amina organizes domestic workers." in html
    assert response.context["speaker"].photo_url in html
    assert client.get(response.context["speaker"].photo_url).status_code == 200
    assert "Decent work for migrant workers" in html


def test_the_page_of_a_speaker_by_name_only_shows_their_name_and_sessions(client, world):
    response = client.get(speaker_url(world["name"]))

    html = response.content.decode()
    assert "Bashir Haidari" in html
    assert "Hidden Affiliation" not in html
    assert "<img" not in html
    assert "Decent work for migrant workers" in html


def test_an_anonymous_speaker_has_no_page(client, world):
    assert client.get(speaker_url(world["anonymous"])).status_code == 404
    assert client.get(speaker_url(world["individual"])).status_code == 404


def test_a_speaker_page_never_shows_where_they_speak_anonymously(client, world):
    elsewhere = consultation(status=PublicationStatus.PUBLISHED, title_en="Listening session on return")
    ExpressionOfInterestFactory(
        call=call(consultation=elsewhere, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED),
        person=world["name"].person,
        status=InterestStatus.CONFIRMED,
        appearance=Appearance.ANONYMOUS,
    )

    html = client.get(speaker_url(world["name"])).content.decode()

    assert "Listening session on return" not in html


def test_a_speaker_of_an_unpublished_consultation_has_no_page(client, world):
    draft = consultation(status=PublicationStatus.DRAFT)
    hidden = speaker(
        call(consultation=draft, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED), "Eve", Appearance.FULL
    )

    assert client.get(speaker_url(hidden)).status_code == 404


def test_the_calendar_of_a_session_names_only_those_who_chose_to_be_named(client, world):
    response = client.get(f"/en/consultations/nairobi/sessions/{world['session'].pk}.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    description = str(event["description"])
    assert "Amina Wanjiru, Domestic Workers United" in description
    assert "Bashir Haidari" in description
    assert "Hidden Affiliation" not in description
    assert "A speaker from Eastern Africa, Civil society organizations" in description
    assert "Chidi" not in description
    body = response.content.decode()
    assert "@example.org" not in body
    assert "meet.example.org" not in body
    assert str(event["uid"]) == f"session-{world['session'].pk}@testserver"  # as in the consultation's calendar


def test_a_session_of_a_draft_has_no_calendar(client):
    session = SessionFactory(consultation=consultation(slug="draft"))

    assert client.get(f"/en/consultations/draft/sessions/{session.pk}.ics").status_code == 404


def selected(person=None):
    speak = call(consultation=consultation(status=PublicationStatus.PUBLISHED), kind=CallKind.SPEAK)
    return ExpressionOfInterestFactory(
        call=speak,
        person=person or ProfileFactory().person,
        status=InterestStatus.SELECTED,
        confirm_by=timezone.now() + timedelta(days=3),
    )


def test_confirming_asks_how_to_appear(client):
    interest = selected()

    refused = client.post(interest.respond_path(), {"answer": "confirm"})
    interest.refresh_from_db()

    assert refused.context["form"].errors == {"appearance": ["Choose how you want to appear in the public programme."]}
    assert interest.status == InterestStatus.SELECTED


def test_the_way_to_appear_is_chosen_when_confirming(client):
    interest = selected()

    client.post(interest.respond_path(), {"answer": "confirm", "appearance": Appearance.NAME})

    interest.refresh_from_db()
    assert (interest.status, interest.appearance) == (InterestStatus.CONFIRMED, Appearance.NAME)
    assert (interest.person, "appearance", Appearance.ANONYMOUS, Appearance.NAME, "") in log_of(interest)


def test_a_speaker_changes_how_they_appear_later_and_it_is_on_record(client, world):
    interest = world["anonymous"]
    client.force_login(interest.person)
    assert "/appearance/" in client.get("/en/my-participation/").content.decode()

    response = client.post(f"/en/my-participation/interests/{interest.pk}/appearance/", {"appearance": "full"})

    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.appearance == Appearance.FULL
    row = Activity.objects.get(object_id=interest.pk, field="appearance")
    assert (row.actor, row.before, row.after, row.concerns) == (
        interest.person,
        Appearance.ANONYMOUS,
        Appearance.FULL,
        interest.person,
    )
    assert speaker_url(interest) in client.get("/en/consultations/nairobi/").content.decode()


def test_an_unknown_way_to_appear_is_refused_beside_the_field(client, world):
    interest = world["anonymous"]
    client.force_login(interest.person)

    response = client.post(f"/en/my-participation/interests/{interest.pk}/appearance/", {"appearance": "famous"})

    assert list(response.context["form"].errors) == ["appearance"]


def test_nobody_else_changes_how_a_speaker_appears(client, world):
    interest = world["anonymous"]
    other = ProfileFactory().person
    client.force_login(other)

    assert (
        client.post(f"/en/my-participation/interests/{interest.pk}/appearance/", {"appearance": "full"}).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        set_appearance(interest, appearance=Appearance.FULL, by=other)
    interest.refresh_from_db()
    assert interest.appearance == Appearance.ANONYMOUS


def test_the_programme_runs_as_many_queries_for_40_speakers_as_for_2(client):
    place = consultation(slug="busy", status=PublicationStatus.PUBLISHED)
    speak = call(consultation=place, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED)
    sessions = [SessionFactory(consultation=place) for _number in range(4)]
    ways = [Appearance.FULL, Appearance.NAME, Appearance.ANONYMOUS]
    organization = OrganizationFactory()

    def add(count, start):
        for number in range(start, start + count):
            speaker(
                speak,
                f"Speaker {number}",
                ways[number % 3],
                session=sessions[number % 5] if number % 5 < 4 else None,
                organization=organization if number % 2 else None,
                affiliation=f"Affiliation {number}",
            )

    add(2, 0)
    client.get("/en/consultations/busy/")  # what the first request of a process loads once
    with CaptureQueriesContext(connection) as two:
        client.get("/en/consultations/busy/")
    add(38, 2)
    with CaptureQueriesContext(connection) as forty:
        html = client.get("/en/consultations/busy/").content.decode()

    assert "Speaker 39" in html
    assert len(forty) == len(two)

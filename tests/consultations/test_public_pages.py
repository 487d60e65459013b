"""The public calls list and consultation page."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from consultations.enums import CallKind, Provenance, PublicationStatus
from consultations.models import CallEligibility, Session, SpeakerSlot, Summary
from stakeholders.models import Language
from tests.factories import SOON, consultation, published_call

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED


def titles(response):
    return re.findall(r'<h3[^>]*>\s*<a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_list_shows_published_calls_that_have_not_closed(client):
    published_call(title_en="Open call")
    published_call(
        title_en="Closed call", opens_at=SOON - timedelta(days=90), closes_at=datetime.now(UTC) - timedelta(days=1)
    )
    published_call(title_en="Draft call", status=PublicationStatus.DRAFT)
    published_call(title_en="Call of a draft consultation", consultation=consultation())

    assert titles(client.get("/en/calls/")) == ["Open call"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": CallKind.ATTEND}, ["To attend"]),
        ({"region": "ECLAC"}, ["To speak, in Spanish"]),
        ({"language": "es"}, ["To speak, in Spanish"]),
        ({"category": "trade-unions"}, ["To attend", "To speak, in Spanish"]),
        ({"category": "academia"}, ["To attend", "To speak, in Spanish", "For academia"]),
    ],
)
def test_calls_filter_by_kind_region_language_and_who_may_answer(client, params, expected):
    published_call(title_en="To attend", kind=CallKind.ATTEND, closes_at=SOON)
    latin_america = consultation(
        status=PUBLISHED, commission="ECLAC", starts_at=SOON + timedelta(days=30), ends_at=SOON + timedelta(days=31)
    )
    published_call(
        title_en="To speak, in Spanish",
        text_es="Exprese su interés.",
        consultation=latin_america,
        closes_at=SOON + timedelta(hours=1),
    )
    academia = published_call(title_en="For academia", closes_at=SOON + timedelta(hours=2))
    CallEligibility.objects.create(call=academia, category="academia")
    CallEligibility.objects.create(call=academia, commission="ECA")

    assert titles(client.get("/en/calls/", params)) == expected


@pytest.mark.parametrize("number", [2, 30])
def test_the_calls_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, number):
    for n in range(number):
        eligible = published_call(title_en=f"Call {n}", text_fr="Texte", text_ar="نص")
        CallEligibility.objects.create(call=eligible, category="academia")

    # count, the page of calls with their consultations
    with django_assert_num_queries(2):
        client.get("/en/calls/")


@pytest.mark.parametrize("number", [1, 12])
def test_the_consultation_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, number):
    place = consultation(slug="africa", status=PUBLISHED)
    place.languages.set(Language.objects.all()[:number])
    place.interpretation.set(Language.objects.all()[:number])
    for n in range(number):
        session = Session.objects.create(
            consultation=place, title_en=f"Panel {n}", format="panel", starts_at=place.starts_at, ends_at=place.ends_at
        )
        SpeakerSlot.objects.create(session=session, position=1)
        published_call(consultation=place, title_en=f"Call {n}")

    # the consultation, then its sessions, calls, languages, interpretation, co-organizers, summary,
    # published written submissions, confirmed speakers, materials (once, however many sessions),
    # scheduled side events and the calls whose record of how they were run is public
    with django_assert_num_queries(12):
        client.get("/en/consultations/africa/")


def test_a_draft_consultation_is_not_found(client):
    consultation(slug="draft")

    assert client.get("/en/consultations/draft/").status_code == 404


def test_a_page_missing_in_the_visitors_language_says_so(client):
    consultation(slug="africa", status=PUBLISHED, description_en="Programme and practical information.")

    english, french = client.get("/en/consultations/africa/"), client.get("/fr/consultations/africa/")

    assert english.context["shown_in_fallback"] is False
    assert [version["code"] for version in english.context["text_versions"]] == ["en"]
    assert french.context["shown_in_fallback"] is True
    assert french.context["shown_language"] == "en"
    assert "Programme and practical information." in french.content.decode()


def test_a_page_names_each_language_version_and_its_provenance(client):
    consultation(
        slug="asia",
        status=PUBLISHED,
        title_en="Asia-Pacific consultation",
        title_fr="Consultation Asie-Pacifique",
        provenance={"en": "original", "fr": "machine"},
    )

    english, french = client.get("/en/consultations/asia/"), client.get("/fr/consultations/asia/")

    english_html = re.sub(r"\s+", " ", english.content.decode())
    assert (
        '<bdi lang="en">English</bdi> (Original) and <bdi lang="fr">français</bdi> (Machine-translated)' in english_html
    ), "a list as English writes it, each language by its own name"
    assert "machine-translated and has not been checked" not in english_html
    assert french.context["shown_version"] == {"code": "fr", "provenance": Provenance.MACHINE}
    assert french.context["shown_in_fallback"] is False


def test_times_are_shown_in_the_consultations_time_zone(client):
    consultation(
        slug="nairobi",
        status=PUBLISHED,
        time_zone="Africa/Nairobi",
        starts_at=datetime(2027, 3, 10, 6, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 10, 14, 0, tzinfo=UTC),
    )

    html = client.get("/en/consultations/nairobi/").content.decode()

    assert "March 10, 2027, 9 a.m." in html
    assert "(<bdi>Nairobi Time UTC+3</bdi>)" in html


def test_a_signed_in_person_also_sees_times_in_their_own_time_zone(client):
    from tests.factories import ProfileFactory

    consultation(
        slug="nairobi",
        status=PUBLISHED,
        time_zone="Africa/Nairobi",
        starts_at=datetime(2027, 3, 10, 6, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 10, 14, 0, tzinfo=UTC),
    )
    client.force_login(ProfileFactory(time_zone="America/Mexico_City").person)

    html = client.get("/en/consultations/nairobi/").content.decode()

    assert "March 10, 2027, 9 a.m." in html
    assert "(your time: March 10, 2027, midnight)" in html


def test_past_consultations_link_their_summaries(client):
    held = consultation(
        slug="held",
        status=PUBLISHED,
        starts_at=datetime(2025, 3, 10, 7, tzinfo=UTC),
        ends_at=datetime(2025, 3, 10, 15, tzinfo=UTC),
    )
    Summary.objects.create(consultation=held, body_en="What was said.", published_at=datetime(2025, 4, 1, tzinfo=UTC))
    coming = consultation(slug="coming", status=PUBLISHED)
    consultation(
        slug="draft-past", starts_at=datetime(2025, 3, 10, 7, tzinfo=UTC), ends_at=datetime(2025, 3, 10, 15, tzinfo=UTC)
    )

    response = client.get("/en/consultations/")

    assert list(response.context["upcoming"]) == [coming]
    assert list(response.context["past"]) == [held]
    assert "/en/consultations/held/#summary-heading" in response.content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_consultation_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    for number in range(count):
        past = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=number)
        consultation(status=PUBLISHED, starts_at=past, ends_at=past + timedelta(hours=3))
        consultation(status=PUBLISHED)

    with django_assert_num_queries(3):
        client.get("/en/consultations/")


def test_a_past_consultation_without_a_programme_says_none_was_published(client):
    consultation(
        slug="held",
        status=PUBLISHED,
        starts_at=datetime(2025, 3, 10, 7, tzinfo=UTC),
        ends_at=datetime(2025, 3, 10, 15, tzinfo=UTC),
    )
    consultation(slug="coming", status=PUBLISHED, starts_at=SOON, ends_at=SOON + timedelta(hours=8))

    held, coming = client.get("/en/consultations/held/").content.decode(), client.get("/en/consultations/coming/")

    assert "No programme was published." in held
    assert "not published yet" not in held
    assert "No call was published for this consultation." in held
    assert "The programme is not published yet." in coming.content.decode()


def test_a_consultations_calls_are_listed_open_then_upcoming_then_closed(client):
    place = consultation(slug="africa", status=PUBLISHED, starts_at=SOON, ends_at=SOON + timedelta(hours=8))
    now = datetime.now(UTC)
    published_call(
        consultation=place, title_en="Closed", opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
    )
    published_call(
        consultation=place, title_en="Upcoming", opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9)
    )
    published_call(
        consultation=place, title_en="Open", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=15)
    )

    response = client.get("/en/consultations/africa/")

    assert [item["call"].title for item in response.context["calls"]] == ["Open", "Upcoming", "Closed"]
    assert titles(response)[:3] == ["Open", "Upcoming", "Closed"]


def test_a_call_text_is_markdown_and_no_script_gets_through(client):
    text = "We ask for **written views**.\n\n- on pathways\n- on [decent work](https://example.org)\n\n<script>alert(1)</script>"
    open_call = published_call(title_en="Written views", text_en=text)
    card_page = client.get(open_call.consultation.get_absolute_url()).content.decode()
    call_page = client.get(f"/en/calls/{open_call.pk}/").content.decode()

    for html in (card_page, call_page):
        assert "<strong>written views</strong>" in html
        assert '<li>on <a href="https://example.org"' in html
        assert "<script>alert(1)</script>" not in html
        assert "<script" not in html.split('class="call-text"')[1].split("</div>")[0]

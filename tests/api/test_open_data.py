"""The open data API: only what is public, in the language asked for, cheap to ask again, limited per
client, and in a fixed number of queries whatever the number of items."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.enums import CallKind, PublicationStatus, SubmissionStatus
from consultations.models import Summary
from registrations.enums import Appearance, InterestStatus, ProposalStatus
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    SessionFactory,
    SideEventProposalFactory,
    call,
    consultation,
    open_data_world,
    submission,
    written_call,
)

pytestmark = pytest.mark.django_db

ROOT = "/api/v1/"
HOST = "http://testserver"


def get_json(client, url, headers=None):
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response, response.json()


def addresses_in(value):
    """Every address of the API a body links to."""
    if isinstance(value, dict):
        for item in value.values():
            yield from addresses_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from addresses_in(item)
    elif isinstance(value, str) and value.startswith(HOST + ROOT):
        yield value.removeprefix(HOST)


def crawl(client):
    """Every answer of the API reachable from its root: every list, page by page (two items a page),
    and every object the lists and objects link to, in every language."""
    _response, root = get_json(client, ROOT)
    waiting = [f"{url.removeprefix(HOST)}?page_size=2" for url in root.values()]
    seen, bodies = set(), {}
    while waiting:
        url = waiting.pop()
        if url in seen:
            continue
        seen.add(url)
        response, body = get_json(client, url)
        bodies[url] = response.content.decode()
        waiting.extend(address for address in addresses_in(body) if address not in seen)
    return bodies


@pytest.mark.integration
def test_a_crawl_of_every_endpoint_finds_nothing_private(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.API_RATE = "10000/minute"
    world = open_data_world()

    bodies = crawl(client)

    # Every kind of object was reached, lists and details, and more than one page of some.
    for address in (
        "calls/",
        "consultations/upcoming/",
        "side-events/",
        "summaries/ended/",
        "submissions/",
        "indicators/ended/",
        f"call-records/{world['run'].pk}/",
    ):
        assert any(url.startswith(ROOT + address) for url in bodies), address
    assert any("page=2" in url for url in bodies)
    bodies = {url: without_breakdown_names(body) for url, body in bodies.items()}
    found = {
        secret: sorted(url for url, body in bodies.items() if secret in body)
        for secret in world["private"]
        if any(secret in body for body in bodies.values())
    }
    assert found == {}


def without_breakdown_names(body: str) -> str:
    """Indicators and call records publish counts by gender, in bands: the name of that breakdown is no
    one's answer (its groups still are looked for: a small one must not be listed)."""
    return body.replace('"key":"gender"', "")


@pytest.mark.integration
def test_speakers_appear_as_they_chose(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    open_data_world()

    _response, body = get_json(client, f"{ROOT}consultations/upcoming/")

    speakers = body["sessions"][0]["speakers"]
    assert [(speaker["name"], speaker["is_anonymous"]) for speaker in speakers] == [
        ("Amina Full-Profile", False),
        ("Bruno Name-Only", False),
        ("", True),
    ]
    full, name_only, anonymous = speakers
    assert full["affiliation"] == "Voices of Migrants"
    assert full["photo"].startswith(f"{HOST}/photos/")
    assert name_only["affiliation"] == ""
    assert name_only["photo"] is None
    assert anonymous["description"] == "A speaker from Eastern Africa, Civil society organizations"
    assert anonymous["page"] is None
    assert anonymous["photo"] is None


@pytest.mark.integration
def test_only_organizations_of_the_public_directory_are_named(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    open_data_world()

    _response, directory = get_json(client, f"{ROOT}organizations/")
    _response, upcoming = get_json(client, f"{ROOT}consultations/upcoming/")

    assert [organization["slug"] for organization in directory["results"]] == ["voices"]
    assert [organization["slug"] for organization in upcoming["co_organizers"]] == ["voices"]
    assert client.get(f"{ROOT}organizations/unlisted/").status_code == 404
    assert client.get(f"{ROOT}organizations/pending/").status_code == 404


@pytest.mark.integration
def test_unpublished_objects_are_not_found(client):
    draft = consultation(slug="draft", status=PublicationStatus.DRAFT)
    draft_call = call(consultation=draft, status=PublicationStatus.PUBLISHED)
    hidden = submission(call=written_call(), may_publish=True)

    assert client.get(f"{ROOT}consultations/draft/").status_code == 404
    assert client.get(f"{ROOT}calls/{draft_call.pk}/").status_code == 404
    assert client.get(f"{ROOT}submissions/{hidden.pk}/").status_code == 404


# Languages


@pytest.mark.integration
def test_lang_picks_the_language_and_each_object_says_it(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    open_data_world(media=False)

    response, body = get_json(client, f"{ROOT}consultations/upcoming/?lang=ar")

    assert body["title"] == "مشاورة إقليمية لأفريقيا"
    assert body["language"] == {"code": "ar", "direction": "rtl", "provenance": "checked", "is_fallback": False}
    assert body["languages"] == ["en", "fr", "ar"]
    assert response["Content-Language"] == "ar"


@pytest.mark.integration
def test_accept_language_picks_the_language(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    open_data_world(media=False)

    _response, body = get_json(client, f"{ROOT}consultations/ended/", headers={"Accept-Language": "fr"})
    _response, calls = get_json(
        client, f"{ROOT}calls/?consultation=upcoming&kind=attend", headers={"Accept-Language": "fr"}
    )

    assert body["title"] == "Consultation régionale pour l'Afrique"
    assert body["language"] == {"code": "fr", "direction": "ltr", "provenance": "machine", "is_fallback": False}
    # A call written in English only is shown in English, and says so.
    assert calls["results"][0]["title"] == "Register to attend"
    assert calls["results"][0]["language"] == {
        "code": "en",
        "direction": "ltr",
        "provenance": None,
        "is_fallback": True,
    }


@pytest.mark.integration
def test_a_consultation_is_shown_wholly_in_one_language(client):
    """Its French title alone does not make it French: its description exists in English only."""
    consultation(slug="mixed", status=PublicationStatus.PUBLISHED, title_fr="Titre", description_en="Only English.")

    _response, body = get_json(client, f"{ROOT}consultations/mixed/?lang=fr")

    assert (body["title"], body["description"], body["language"]["code"]) == (
        "Regional consultation for Africa",
        "Only English.",
        "en",
    )
    assert body["language"]["is_fallback"] is True


@pytest.mark.integration
def test_a_language_the_portal_does_not_have_is_refused(client):
    response = client.get(f"{ROOT}calls/?lang=xx")

    assert response.status_code == 400
    assert "lang" in response.json()


# Conditional GET


@pytest.mark.integration
@pytest.mark.parametrize("url", [f"{ROOT}calls/", "detail"])
def test_conditional_get_answers_304_while_nothing_changed(client, url):
    published = call(consultation=consultation(status=PublicationStatus.PUBLISHED), status=PublicationStatus.PUBLISHED)
    url = f"{ROOT}calls/{published.pk}/" if url == "detail" else url
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]

    by_etag = client.get(url, headers={"If-None-Match": etag})
    by_date = client.get(url, headers={"If-Modified-Since": last_modified})

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b""
    assert by_etag["ETag"] == etag

    published.title_en = "Call for speakers, extended"
    published.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code in (200, 304)


@pytest.mark.integration
def test_a_body_that_changes_back_is_new_again(client):
    """Last-Modified is when the address started giving the current body: a client that saw the
    changed one must not be told that the old one is unchanged."""
    published = call(consultation=consultation(status=PublicationStatus.PUBLISHED), status=PublicationStatus.PUBLISHED)
    url = f"{ROOT}calls/{published.pk}/"
    client.get(url)
    published.title_en, original = "Changed", published.title_en
    published.save()
    changed = client.get(url)
    published.title_en = original
    published.save()

    again = client.get(url, headers={"If-None-Match": changed["ETag"], "If-Modified-Since": changed["Last-Modified"]})

    assert again.status_code == 200


# Limits


@pytest.mark.integration
@override_settings(API_RATE="3/minute")
def test_a_client_over_its_rate_is_answered_429_with_retry_after(client):
    answers = [client.get(f"{ROOT}categories/").status_code for _ in range(4)]

    refused = client.get(f"{ROOT}regions/")
    assert answers == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60


@pytest.mark.integration
@override_settings(API_RATE="3/minute")
def test_each_client_has_its_own_rate(client):
    for _ in range(3):
        client.get(f"{ROOT}categories/", REMOTE_ADDR="192.0.2.1")

    assert client.get(f"{ROOT}categories/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(f"{ROOT}categories/", REMOTE_ADDR="192.0.2.2").status_code == 200


# Queries


def more_of_everything(n, *, now):
    """n more published consultations, each with its sessions, confirmed speakers, calls with
    objectives, side events, a summary and submissions."""
    for _ in range(n):
        place = consultation(
            status=PublicationStatus.PUBLISHED,
            starts_at=now - timedelta(days=5),
            ends_at=now - timedelta(days=4),
        )
        place.co_organizers.add(OrganizationFactory())
        session = SessionFactory(consultation=place)
        speak = call(consultation=place, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED)
        for appearance in Appearance:
            ExpressionOfInterestFactory(
                call=speak, session=session, status=InterestStatus.CONFIRMED, appearance=appearance
            )
        side = call(consultation=place, kind=CallKind.SIDE_EVENT, status=PublicationStatus.PUBLISHED)
        SideEventProposalFactory(
            call=side, status=ProposalStatus.ACCEPTED, starts_at=now, organization=OrganizationFactory()
        )
        written = written_call(consultation=place)
        written.objectives.set([1, 2])
        submission(
            call=written,
            organization=OrganizationFactory(),
            may_publish=True,
            status=SubmissionStatus.PUBLISHED,
        )
        Summary.objects.create(consultation=place, body_en="What we heard.", published_at=now)


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


LISTS = [
    "calls/",
    "consultations/",
    "side-events/",
    "summaries/",
    "submissions/",
    "organizations/",
    "objectives/",
    "regions/",
    "sub-regions/",
    "categories/",
]


@pytest.mark.integration
def test_every_list_runs_the_same_queries_for_one_item_and_many(client, settings):
    settings.API_RATE = "10000/minute"
    now = timezone.now()
    more_of_everything(1, now=now)
    few = {url: queries_of(client, f"{ROOT}{url}") for url in LISTS}

    more_of_everything(6, now=now)
    many = {url: queries_of(client, f"{ROOT}{url}") for url in LISTS}

    assert many == few
    assert json.loads(client.get(f"{ROOT}consultations/").content)["count"] == 7

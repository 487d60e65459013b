"""Published figures in the open data API: participation indicators and the record of how a call was
run, exactly as their pages publish them (bands of five, hidden counts as hidden), never an exact
count of a small group, a name or a written reason; in a fixed number of queries."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.enums import CallKind, PublicationStatus
from consultations.models import ReviewCycle
from registrations.enums import InterestStatus, SelectionStatus
from registrations.models import Selection
from stakeholders.enums import Gender, StakeholderCategory
from tests.factories import ExpressionOfInterestFactory, OrganizationFactory, ProfileFactory, call, consultation
from tests.factories.open_data import SHORT_NOTICE_REASON, SWAP_REASON, run_call

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

ROOT = "/api/v1/"
ENDED = datetime.now(UTC) - timedelta(days=10)
PUBLISHED = PublicationStatus.PUBLISHED


@pytest.fixture(autouse=True)
def generous_rate(settings):
    settings.API_RATE = "10000/minute"


def ended_consultation(slug="ended", **fields):
    """A published consultation of the ECA that ended; `slug` None: the factory's."""
    fields = {"commission": "ECA", **fields, **({"slug": slug} if slug else {})}
    return consultation(status=PUBLISHED, starts_at=ENDED, ends_at=ENDED + timedelta(hours=8), **fields)


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.json()


def counts_in(value, path=()):
    """Every published count of a body, with where it is."""
    if isinstance(value, dict):
        if "shown" in value and "low" in value:
            yield path, value
            return
        for key, item in value.items():
            yield from counts_in(item, (*path, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from counts_in(item, (*path, position))


def csv_rows(client, url) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def funnel_rows(body) -> list[list[str]]:
    """The funnel of an API body as the rows of the page's CSV (figure, group, stage, count)."""
    stages = {stage["key"]: stage["label"] for stage in body["funnel"]["stages"]}
    rows = [["Funnel", "Total", stages[key], count["text"]] for key, count in body["funnel"]["totals"].items()]
    for breakdown in body["funnel"]["breakdowns"]:
        for group in breakdown["groups"]:
            rows += [
                [breakdown["label"], group["label"], stages[key], count["text"]]
                for key, count in group["counts"].items()
            ]
    return rows


# Indicators


def test_a_consultations_indicators_are_the_figures_of_its_page(client):
    place = ended_consultation()
    run_call(place, now=timezone.now())

    body = get_json(client, f"{ROOT}indicators/ended/")
    page = csv_rows(client, "/en/indicators/ended/?format=csv")

    assert funnel_rows(body) == [row for row in page[1:] if row[2]]
    answers = [["Answers to calls", item["label"], "", item["count"]["text"]] for item in body["answers"]]
    assert answers == [row for row in page if row[0] == "Answers to calls"]
    assert [stage["key"] for stage in body["funnel"]["stages"]] == [
        "applied",
        "shortlisted",
        "selected",
        "confirmed",
        "spoke",
    ]
    assert [breakdown["key"] for breakdown in body["funnel"]["breakdowns"]] == [
        "category",
        "sub_region",
        "gender",
        "first_time",
        "led_by",
    ]
    assert body["consultation"]["slug"] == "ended"
    assert body["page"] == "http://testserver/en/indicators/ended/"


def test_a_band_is_low_and_high_and_a_hidden_count_is_null_and_says_so(client):
    place = ended_consultation()
    run_call(place, now=timezone.now())

    body = get_json(client, f"{ROOT}indicators/ended/")

    applied = body["funnel"]["totals"]["applied"]
    assert applied == {"shown": True, "low": 10, "high": 14, "is_small": None, "text": "10 to 14"}
    # Nobody confirmed: the count of 0 is hidden like a small one.
    assert body["funnel"]["totals"]["confirmed"] == {
        "shown": False,
        "low": None,
        "high": None,
        "is_small": True,
        "text": "fewer than 5",
    }


def test_a_group_of_three_is_never_given_as_a_number(client):
    """3 people of a university in Nigeria, the only non-binary people: their groups are not listed,
    and no count anywhere in the body is shown below 5 or outside its band."""
    place = ended_consultation()
    run_call(place, now=timezone.now())

    for url in (f"{ROOT}indicators/ended/", f"{ROOT}indicators/", f"{ROOT}indicators/?region=ECA"):
        body = get_json(client, url)
        groups = {
            (breakdown["key"], group["key"]): group
            for breakdown in body["funnel"]["breakdowns"]
            for group in breakdown["groups"]
        }

        for small in (("category", "academia"), ("gender", Gender.NON_BINARY), ("sub_region", "011")):
            group = groups.get(small)
            assert group is None or not any(count["shown"] for count in group["counts"].values()), (url, small)
        shown = [count for _path, count in counts_in(body) if count["shown"]]
        assert shown
        assert all(count["low"] >= 5 and count["low"] % 5 == 0 and count["high"] == count["low"] + 4 for count in shown)
        assert ("category", StakeholderCategory.CIVIL_SOCIETY.value) in groups


def test_the_scope_is_chosen_by_review_cycle_and_region(client):
    cycle = ReviewCycle.objects.create(name="Second round", slug="second", starts_on=ENDED.date(), ends_on=ENDED.date())
    run_call(ended_consultation("in-the-cycle", cycle=cycle), now=timezone.now())
    run_call(ended_consultation("elsewhere", commission="ECE"), now=timezone.now())

    chosen = get_json(client, f"{ROOT}indicators/?cycle=second&region=ECA")
    everything = get_json(client, f"{ROOT}indicators/")
    page = csv_rows(client, "/en/indicators/?cycle=second&region=ECA&format=csv")

    assert chosen["scope"] == {"cycle": "second", "region": "ECA"}
    assert [item["slug"] for item in chosen["consultations"]] == ["in-the-cycle"]
    assert chosen["consultations"][0]["url"] == f"http://testserver{ROOT}indicators/in-the-cycle/"
    assert funnel_rows(chosen) == [row for row in page[1:] if row[2]]
    assert everything["funnel"]["totals"]["applied"]["text"] == "20 to 24"
    assert everything["scope"] == {"cycle": None, "region": None}


def test_an_unknown_scope_is_refused_and_a_draft_has_no_indicators(client):
    consultation(slug="draft", status=PublicationStatus.DRAFT)

    assert client.get(f"{ROOT}indicators/?cycle=nothing").status_code == 400
    assert client.get(f"{ROOT}indicators/?region=XX").status_code == 400
    assert client.get(f"{ROOT}indicators/draft/").status_code == 404
    assert client.get(f"{ROOT}indicators/no-such-thing/").status_code == 404


def test_the_indicators_say_their_language_and_answer_304_while_unchanged(client):
    ended_consultation()

    response = client.get(f"{ROOT}indicators/ended/?lang=fr")
    again = client.get(f"{ROOT}indicators/ended/?lang=fr", headers={"If-None-Match": response["ETag"]})

    assert response["Content-Language"] == "fr"
    assert again.status_code == 304


# How a call was run


def test_the_record_of_a_call_is_its_pages_without_reasons_for_changes_or_names(client):
    run = run_call(ended_consultation(), now=timezone.now())
    speak = run["call"]

    response = client.get(f"{ROOT}call-records/{speak.pk}/")
    body = response.json()
    page = csv_rows(client, f"/en/calls/{speak.pk}/how-it-was-run/?format=csv")

    assert response.status_code == 200
    assert body["answers"] == {"shown": True, "low": 10, "high": 14, "is_small": None, "text": "10 to 14"}
    assert body["is_short_notice"] is True
    assert body["short_notice_reason"] == SHORT_NOTICE_REASON, "the page's public account of the notice"
    assert [item["name"] for item in body["criteria"]] == ["Relevance", "Lived experience"]
    assert body["changes_by_hand"] == [{"category": "balance", "label": "Balance of the selection", "count": 1}]
    balance = [
        [breakdown["title"], group["label"], group["applied"]["text"], group["selected"]["text"]]
        for breakdown in body["balance"]
        for group in breakdown["groups"]
    ]
    titles = {breakdown["title"] for breakdown in body["balance"]}
    assert balance == [row for row in page if row[0] in titles]
    assert ["category", "civil-society"] in [[b["key"], g["key"]] for b in body["balance"] for g in b["groups"]]
    text = response.content.decode()
    for private in (SWAP_REASON, "Secretname", "Private", "@"):
        assert private not in text, private
    assert SHORT_NOTICE_REASON in [cell for row in page for cell in row]
    for _path, count in counts_in(body):
        assert not count["shown"] or count["low"] >= 5


def test_only_calls_whose_selection_is_published_have_a_record(client):
    place = ended_consultation()
    run = run_call(place, now=timezone.now())
    proposed = call(consultation=place, kind=CallKind.SPEAK, status=PUBLISHED)
    Selection.objects.create(call=proposed, status=SelectionStatus.PROPOSED)
    attend = call(consultation=place, kind=CallKind.ATTEND, status=PUBLISHED)

    listed = get_json(client, f"{ROOT}call-records/")

    assert [item["call"]["id"] for item in listed["results"]] == [run["call"].pk]
    assert listed["results"][0]["url"] == f"http://testserver{ROOT}call-records/{run['call'].pk}/"
    assert client.get(f"{ROOT}call-records/{proposed.pk}/").status_code == 404
    assert client.get(f"{ROOT}call-records/{attend.pk}/").status_code == 404
    assert get_json(client, f"{ROOT}call-records/?consultation=elsewhere")["results"] == []


# Queries


def places_with_records(n):
    """n ended consultations, each with a call to speak whose selection is published."""
    for _ in range(n):
        place = ended_consultation(slug=None)
        speak = call(consultation=place, kind=CallKind.SPEAK, status=PUBLISHED)
        organization = OrganizationFactory(category=StakeholderCategory.CIVIL_SOCIETY, country="KE")
        interests = [
            ExpressionOfInterestFactory(
                call=speak,
                person=ProfileFactory(gender=Gender.WOMAN).person,
                organization=organization,
                status=InterestStatus.CONFIRMED,
            )
            for _ in range(6)
        ]
        Selection.objects.create(
            call=speak,
            status=SelectionStatus.PUBLISHED,
            published_at=timezone.now(),
            selected=[interest.pk for interest in interests],
        )


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def test_the_lists_run_the_same_queries_for_one_item_and_many(client):
    urls = ["call-records/", "indicators/", "indicators/?region=ECA"]
    places_with_records(1)
    few = {url: queries_of(client, f"{ROOT}{url}") for url in urls}

    places_with_records(5)
    many = {url: queries_of(client, f"{ROOT}{url}") for url in urls}

    assert many == few
    assert json.loads(client.get(f"{ROOT}call-records/").content)["count"] == 6

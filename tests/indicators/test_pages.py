"""The public pages of participation indicators: what they show, their CSV, and a number of queries
that does not grow with the people and consultations counted."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.enums import CallKind, PublicationStatus
from consultations.models import ReviewCycle
from registrations.enums import Attendance, InterestStatus
from stakeholders.enums import Commission, Gender, StakeholderCategory
from tests.factories import (
    ExpressionOfInterestFactory,
    FundingApplicationFactory,
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    SideEventProposalFactory,
    call,
    consultation,
)

pytestmark = pytest.mark.django_db

ENDED = datetime.now(UTC) - timedelta(days=10)


def a_consultation(*, speakers=6, registered=7, cycle=None, slug=None):
    """A published consultation that ended: `speakers` confirmed speakers of a civil-society
    organization, `registered` people with a place in the room, and a few other answers."""
    fields = {"slug": slug} if slug else {}
    place = consultation(
        status=PublicationStatus.PUBLISHED, starts_at=ENDED, ends_at=ENDED + timedelta(hours=8), cycle=cycle, **fields
    )
    speak = call(consultation=place, kind=CallKind.SPEAK)
    attend = call(consultation=place, kind=CallKind.ATTEND)
    organization = OrganizationFactory(category=StakeholderCategory.CIVIL_SOCIETY, country="KE")
    for _ in range(speakers):
        ExpressionOfInterestFactory(
            call=speak,
            person=ProfileFactory(gender=Gender.WOMAN).person,
            organization=organization,
            status=InterestStatus.CONFIRMED,
        )
    for _ in range(registered):
        RegistrationFactory(call=attend, person=ProfileFactory().person, attendance=Attendance.IN_PERSON)
    SideEventProposalFactory(call=call(consultation=place, kind=CallKind.SIDE_EVENT))
    FundingApplicationFactory(call=call(consultation=place, kind=CallKind.FUNDING_SUPPORT))
    return place


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_consultation_page_shows_the_funnel_as_a_chart_with_its_table(client):
    place = a_consultation()

    response = client.get(f"/en/indicators/{place.slug}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in page
    assert "<figcaption>" in page
    assert '<desc id="funnel-chart-desc">' in page
    assert "People at each stage: Applied: 5 to 9; Shortlisted: 5 to 9" in page
    assert "Civil society organizations" in page


def test_a_draft_consultation_has_no_indicators(client):
    draft = consultation(status=PublicationStatus.DRAFT)

    assert client.get(f"/en/indicators/{draft.slug}/").status_code == 404


def test_the_csv_gives_the_figures_of_the_page_and_no_small_group(client):
    place = a_consultation(speakers=6)
    ExpressionOfInterestFactory(
        call=place.calls.get(kind=CallKind.SPEAK),
        person=ProfileFactory(gender=Gender.NON_BINARY).person,
        status=InterestStatus.RECEIVED,
    )

    response = client.get(f"/en/indicators/{place.slug}/?format=csv")

    rows = rows_of(response)
    assert response["Content-Disposition"] == f'attachment; filename="participation-indicators-{place.slug}.csv"'
    assert ["Stakeholder category", "Civil society organizations", "Confirmed", "5 to 9"] in rows
    assert ["Funnel", "Total", "Spoke", "5 to 9"] in rows
    assert ["Answers to calls", "Side-event proposals", "", "fewer than 5"] in rows
    assert not any("Non-binary" in row for row in rows)


def test_the_overview_filters_by_review_cycle_and_region(client):
    cycle = ReviewCycle.objects.create(name="Second round", slug="second", starts_on=ENDED.date(), ends_on=ENDED.date())
    a_consultation(speakers=10, cycle=cycle, slug="in-the-cycle")
    a_consultation(speakers=5, slug="elsewhere")

    everything = client.get("/en/indicators/?format=csv")
    in_the_cycle = client.get("/en/indicators/?cycle=second&region=ECA&format=csv")
    page = client.get("/en/indicators/?cycle=second&region=ECA")

    assert ["Funnel", "Total", "Applied", "15 to 19"] in rows_of(everything)
    assert ["Funnel", "Total", "Applied", "10 to 14"] in rows_of(in_the_cycle)
    assert "/en/indicators/in-the-cycle/" in page.content.decode()
    assert "/en/indicators/elsewhere/" not in page.content.decode()


def test_an_unknown_review_cycle_is_said_and_everything_shown(client):
    response = client.get("/en/indicators/?cycle=no-such-cycle")

    assert response.status_code == 200
    assert "cycle" in response.context["form"].errors


def test_the_indicators_page_is_linked_from_the_consultations_page(client):
    assert "/en/indicators/" in client.get("/en/consultations/").content.decode()


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/en/indicators/", "/en/indicators/first/", "/en/indicators/?region=ECA"])
def test_the_pages_run_as_many_queries_with_many_people_and_consultations(client, url):
    a_consultation(speakers=1, registered=1, slug="first")
    few = queries_of(client, url)
    for number in range(4):
        a_consultation(speakers=8, registered=9, slug=f"more-{number}")
    ExpressionOfInterestFactory(  # someone in several consultations, and an individual
        call=call(consultation=consultation(status=PublicationStatus.PUBLISHED, commission=Commission.ECA)),
        status=InterestStatus.RECEIVED,
    )

    many = queries_of(client, url)

    assert many == few

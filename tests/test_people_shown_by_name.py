"""Never an e-mail address in place of a name. Staff pages listing people show each by name (a person
without one as "Person #n"), with the address only in its own contact column where staff need it;
public pages show no person's address at all."""

import csv
import io
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.utils import timezone

from consultations.enums import CallKind, PublicationStatus
from consultations.models import SessionMaterial
from registrations.enums import Appearance, InterestStatus, ProposalStatus
from registrations.models import ExpressionOfInterest
from registrations.services.reviews import assign_reviewer, set_rubric
from stakeholders.enums import StaffRole
from stakeholders.models import Membership
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    ReviewFactory,
    SessionFactory,
    SideEventProposalFactory,
    UserFactory,
    admin_of,
    call,
    consultation,
    grant,
    published,
)

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture
def world():
    """A published consultation with an open call to attend and a call to speak, an organization of
    the directory, and people: Amina, who gave her name, and an older account that never did."""
    amina = UserFactory(display_name="Amina Diallo", email="amina.diallo@example.org")
    nameless = UserFactory(display_name="", email="carlos.join@example.org")
    secretariat = UserFactory(display_name="Sara Secretariat", email="sara@secretariat.example.org")
    grant(secretariat, StaffRole.SECRETARIAT)
    reviewer = UserFactory(display_name="Rami Reviewer", email="rami@reviews.example.org")
    grant(reviewer, StaffRole.REVIEWER)

    place = consultation(slug="africa", status=PublicationStatus.PUBLISHED)
    now = timezone.now()
    window = {"opens_at": now - timezone.timedelta(days=1), "closes_at": now + timezone.timedelta(days=20)}
    attend = call(consultation=place, kind=CallKind.ATTEND, status=PublicationStatus.PUBLISHED, **window)
    speak = call(consultation=place, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED, **window)
    for person in (amina, nameless):
        RegistrationFactory(call=attend, person=person)
    assign_reviewer(place, by=None, reviewer=reviewer)
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    interests = [
        ExpressionOfInterestFactory(
            call=speak, person=person, status=InterestStatus.CONFIRMED, appearance=Appearance.NAME
        )
        for person in (amina, nameless)
    ]
    for interest in interests:
        ReviewFactory(interest=interest, reviewer=reviewer, scores={str(criterion.pk): 4})

    organization = OrganizationFactory(slug="voices", name_en="Migrant Voices")
    admin_of(organization, amina)
    Membership.objects.create(person=nameless, organization=organization)
    published(place, by=secretariat)
    published(attend, by=nameless)

    return {
        "amina": amina,
        "nameless": nameless,
        "secretariat": secretariat,
        "reviewer": reviewer,
        "attend": attend,
        "speak": speak,
        "interest": interests[1],
    }


def page(client, person, url):
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_reviewers_and_the_selection_see_names_never_addresses(client, world):
    nameless = world["nameless"]
    speak = world["speak"].pk
    pages = [
        page(client, world["reviewer"], f"/en/manage/calls/{speak}/reviews/"),
        page(client, world["reviewer"], f"/en/manage/calls/{speak}/reviews/{world['interest'].pk}/"),
        page(client, world["secretariat"], f"/en/manage/calls/{speak}/selection/"),
    ]

    assert "Amina Diallo" in pages[0]
    assert "Amina Diallo" in pages[2]
    for html in pages:
        assert f"Person #{nameless.pk}" in html
        assert not ADDRESS.findall(html)
    assert "Rami Reviewer" in pages[2], "the reviewers' progress names them"


def test_the_consultations_registrations_name_each_person_and_give_the_address_as_contact(client, world):
    html = page(client, world["secretariat"], "/en/manage/consultations/africa/registrations/")
    who_registered = html.split("Who registered", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", who_registered, re.S)
    cells = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows
    ]
    people = [row[:2] for row in cells if row]

    assert sorted(people) == sorted(
        [["Amina Diallo", "amina.diallo@example.org"], [f"Person #{world['nameless'].pk}", "carlos.join@example.org"]]
    )
    assert '<th scope="col">Contact</th>' in who_registered


def test_the_registrations_export_has_a_name_for_everyone_and_the_address_in_its_own_column(client, world):
    client.force_login(world["secretariat"])
    response = client.get("/en/manage/consultations/africa/registrations/", {"format": "csv"})

    header, *rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert header[1:3] == ["name", "email"]
    assert sorted(row[1:3] for row in rows) == sorted(
        [["Amina Diallo", "amina.diallo@example.org"], [f"Person #{world['nameless'].pk}", "carlos.join@example.org"]]
    )


def test_the_members_page_names_each_member(client, world):
    html = page(client, world["amina"], "/en/stakeholders/voices/members/")

    assert "Amina Diallo" in html
    assert f"Person #{world['nameless'].pk}" in html


def test_the_activity_log_names_who_acted(client, world):
    html = page(client, world["secretariat"], "/en/manage/activity/")

    assert "Sara Secretariat" in html
    assert "Someone without a display name" in html, "the address is only in the contact column"


def test_removing_a_member_names_them_in_the_message(client, world):
    client.force_login(world["amina"])
    membership = Membership.objects.get(person=world["nameless"])

    response = client.post(f"/en/stakeholders/voices/members/{membership.pk}/remove/", follow=True)

    assert f"Person #{world['nameless'].pk} is no longer a member." in response.content.decode()


PUBLIC_PAGES = [
    "/en/",
    "/en/consultations/",
    "/en/consultations/africa/",
    "/en/calls/",
    "/en/calls/{attend}/",
    "/en/calls/{speak}/",
    "/en/calls/feed/",
    "/consultations/africa.ics",
    "/en/stakeholders/",
    "/en/stakeholders/voices/",
]


@pytest.mark.parametrize("visitor", ["anonymous", "someone signed in"])
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_show_no_address_of_anyone(client, world, url, visitor):
    if visitor != "anonymous":
        client.force_login(UserFactory(display_name="Passer-by", email="passer.by@example.org"))

    response = client.get(url.format(attend=world["attend"].pk, speak=world["speak"].pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert ADDRESS.findall(content) == []
    if url == "/en/consultations/africa/":
        assert "Amina Diallo" in content, "a speaker who chose to appear by name is listed"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag in ("a", "link") else None
        if href:
            self.found.append(href)


def links_of(content: str, here: str) -> list[str]:
    """The site's own addresses linked from a page, as paths (with their query)."""
    parser = Links()
    parser.feed(content)
    found = []
    for href in parser.found:
        parts = urlsplit(urldefrag(urljoin(here, href)).url)
        if parts.netloc in ("", "testserver"):
            found.append(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    return found


LANGUAGE_PREFIXES = ("/ar/", "/es/", "/fr/", "/ru/", "/zh-hans/")
# Not followed: pages that act or only ask to sign in, and the same pages in the other languages.
NOT_FOLLOWED = ("/en/accounts/", "/admin/", "/i18n/", "/static/", *LANGUAGE_PREFIXES)


def test_a_crawl_of_every_public_page_and_download_finds_no_address(client, world):
    """Everything reachable by following links as a visitor — pages, the feed, every .ics, public
    materials, speaker pages — names no one by e-mail address, though every person here has one."""
    panel = SessionFactory(consultation=world["speak"].consultation, title="Panel on decent work")
    full = ExpressionOfInterest.objects.get(person=world["amina"])
    ExpressionOfInterest.objects.filter(pk=full.pk).update(appearance=Appearance.FULL, session=panel)
    ProfileFactory(person=full.person, biography="Organizer of domestic workers.", affiliation="Voices")
    side = call(consultation=panel.consultation, kind=CallKind.SIDE_EVENT, status=PublicationStatus.PUBLISHED)
    SideEventProposalFactory(
        call=side,
        person=world["amina"],
        status=ProposalStatus.ACCEPTED,
        starts_at=panel.starts_at,
        ends_at=panel.ends_at,
        place="Room 2",
    )
    SessionMaterial.objects.create(
        consultation=panel.consultation, session=panel, title="Agenda", language="en", link="https://example.org/a"
    )

    seen, queue, visited = set(), ["/en/", "/en/consultations/africa/"], []
    while queue:
        url = queue.pop()
        if url in seen or url.startswith(NOT_FOLLOWED):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        visited.append(url)
        content = response.content.decode()
        assert ADDRESS.findall(content) == [], url
        if "html" in response["Content-Type"]:
            queue.extend(links_of(content, url))

    assert {"/en/calls/feed/", "/consultations/africa.ics", f"/en/speakers/{full.person.pk}/"} <= set(visited)
    assert any(url.endswith(f"/sessions/{panel.pk}.ics") for url in visited)
    assert len(visited) >= 12, visited

"""The public directory and organization pages."""

import re

import pytest

from stakeholders.enums import StakeholderCategory, Verification
from stakeholders.models import GcmObjective, Language
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def names_listed(response):
    return re.findall(r'<h3>\s*<a href="[^"]+"><bdi[^>]*>([^<]+)</bdi></a>', response.content.decode())


def test_directory_lists_only_verified_organizations_that_opted_in(client):
    OrganizationFactory(name_en="Listed")
    OrganizationFactory(name_en="Pending", verification=Verification.PENDING)
    OrganizationFactory(name_en="Rejected", verification=Verification.REJECTED, verification_reason="Not real")
    OrganizationFactory(name_en="Unlisted", is_listed_publicly=False)

    assert names_listed(client.get("/en/stakeholders/")) == ["Listed"]


@pytest.mark.parametrize("slug", ["pending", "unlisted"])
def test_hidden_organizations_have_no_public_page(client, slug):
    OrganizationFactory(slug="pending", verification=Verification.PENDING)
    OrganizationFactory(slug="unlisted", is_listed_publicly=False)

    assert client.get(f"/en/stakeholders/{slug}/").status_code == 404


def test_search_finds_a_name_in_any_language_version(client):
    OrganizationFactory(name_en="Arab Network for Migrants' Rights", name_ar="الشبكة العربية لحقوق المهاجرين")
    OrganizationFactory(name_en="Nordic Desk")

    assert names_listed(client.get("/en/stakeholders/", {"q": "العربية"})) == ["Arab Network for Migrants&#x27; Rights"]
    assert names_listed(client.get("/en/stakeholders/", {"q": "nordic"})) == ["Nordic Desk"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": StakeholderCategory.TRADE_UNIONS}, ["Union in Sweden"]),
        ({"region": "ECLAC"}, ["Women in Mexico"]),
        ({"region": "ECA"}, ["Youth in Kenya"]),
        ({"sub_region": "013"}, ["Women in Mexico"]),
        ({"sub_region": "154"}, ["Union in Sweden"]),
        ({"country": "MX"}, ["Women in Mexico"]),
        ({"country": "GT"}, ["Women in Mexico"]),
        ({"led_by": "women"}, ["Women in Mexico"]),
        ({"led_by": "youth"}, ["Youth in Kenya"]),
        ({"objective": 6}, ["Union in Sweden"]),
        ({"language": "sw"}, ["Youth in Kenya"]),
    ],
)
def test_directory_filters(client, params, expected):
    women = OrganizationFactory(name_en="Women in Mexico", country="MX", countries_of_work=["GT"], is_women_led=True)
    union = OrganizationFactory(name_en="Union in Sweden", country="SE", category=StakeholderCategory.TRADE_UNIONS)
    youth = OrganizationFactory(name_en="Youth in Kenya", country="KE", is_youth_led=True)
    union.objectives.set(GcmObjective.objects.filter(number=6))
    youth.languages.set([Language.objects.get(code="sw")])
    women.objectives.set(GcmObjective.objects.filter(number=7))
    if "objective" in params:
        params = {"objective": GcmObjective.objects.get(number=params["objective"]).pk}

    assert names_listed(client.get("/en/stakeholders/", params)) == expected


def test_an_invalid_filter_value_is_explained_not_a_server_error(client):
    OrganizationFactory(name_en="Any")

    response = client.get("/en/stakeholders/", {"category": "no-such-category"})

    assert response.status_code == 200
    assert response.context["filter"].form.errors["category"] == [
        "Select a valid choice. no-such-category is not one of the available choices."
    ]


def test_directory_pages_fifty_at_a_time(client):
    OrganizationFactory.create_batch(60)

    first, second = client.get("/en/stakeholders/"), client.get("/en/stakeholders/", {"page": 2})

    assert len(names_listed(first)) == 50
    assert len(names_listed(second)) == 10
    assert 'href="?page=2"' in first.content.decode()


@pytest.mark.parametrize("number", [5, 200])
def test_directory_runs_a_fixed_number_of_queries(client, django_assert_num_queries, number):
    OrganizationFactory.create_batch(number)

    # count, one page of organizations, the objective and language choices of the filter form
    with django_assert_num_queries(4):
        client.get("/en/stakeholders/?category=civil-society&region=ECA")


@pytest.mark.parametrize("number", [5, 200])
def test_organization_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, number):
    organization = OrganizationFactory(slug="mwvn")
    OrganizationFactory.create_batch(number)
    organization.objectives.set(GcmObjective.objects.all()[:number])
    organization.languages.set(Language.objects.all()[:number])

    # the organization, its objectives, its languages
    with django_assert_num_queries(3):
        client.get("/en/stakeholders/mwvn/")


def test_organization_page_shows_what_the_organization_published(client):
    organization = OrganizationFactory(
        slug="redmmm", name_es="Red Mesoamericana de Mujeres Migrantes", name_en="", country="MX", is_women_led=True
    )
    organization.objectives.set(GcmObjective.objects.filter(number=7))

    html = client.get("/fr/stakeholders/redmmm/").content.decode()

    assert re.search(r"<h1>\s*<bdi[^>]*>Red Mesoamericana de Mujeres Migrantes", html)
    assert "Amérique centrale" in html
    assert GcmObjective.objects.get(number=7).title_fr in html


def test_the_language_filter_offers_only_languages_of_listed_organizations(client):
    OrganizationFactory().languages.set([Language.objects.get(code="sw")])
    OrganizationFactory(is_listed_publicly=False).languages.set([Language.objects.get(code="th")])

    choices = [
        code for code, _label in client.get("/en/stakeholders/").context["filter"].form.fields["language"].choices
    ]

    assert "sw" in choices
    assert "th" not in choices

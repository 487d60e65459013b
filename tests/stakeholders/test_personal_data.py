"""A person's own data: onboarding, seeing and downloading it, deleting the account. The optional
personal attributes are shown to nobody else."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from consultations.models import CallSubscription
from portal.counts import TOTAL
from stakeholders.enums import AgeGroup, Disability, Gender, MembershipRole, StaffRole, Verification
from stakeholders.models import GcmObjective, Language, Membership, Organization, Profile
from tests.disclosure import sums_of_breakdowns, what_is_shown, worked_out
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory, admin_of, authenticator_app, grant

pytestmark = pytest.mark.django_db

SENSITIVE = {"gender": Gender.NON_BINARY, "age_group": "30-44", "migration_background": "refugee", "disability": "yes"}


def test_a_person_takes_part_as_an_individual(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(
        "/en/stakeholders/profile/?individual",
        {
            "display_name": "Amina",
            "country_of_residence": "MX",
            "notice_language": "es",
            "languages_spoken": ["es", "en"],
            **SENSITIVE,
        },
    )

    assert response.status_code == 302
    profile = Profile.objects.get(person=person)
    assert profile.is_individual
    assert profile.notice_language == "es"
    assert sorted(profile.languages_spoken.values_list("code", flat=True)) == ["en", "es"]
    assert profile.gender == Gender.NON_BINARY


def test_every_personal_question_may_be_left_unanswered(client):
    client.force_login(UserFactory())

    response = client.post("/en/stakeholders/profile/", {"display_name": "Amina", "notice_language": "ar"})

    assert response.status_code == 302
    assert Profile.objects.get().gender == ""


def test_a_person_registers_an_organization_in_their_language_and_becomes_its_admin(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(
        "/ar/stakeholders/register-organization/",
        {
            "name": "الشبكة العربية لحقوق المهاجرين",
            "category": "civil-society",
            "country": "JO",
            "countries_of_work": ["LB", "EG"],
            "objectives": [GcmObjective.objects.get(number=7).pk],
            "languages": ["ar"],
            "is_women_led": "on",
            "website": "anmr.example.org",
        },
    )

    assert response.status_code == 302
    organization = Organization.objects.get()
    assert organization.name_ar == "الشبكة العربية لحقوق المهاجرين"
    assert not organization.name_en
    assert organization.verification == Verification.PENDING
    assert organization.website == "https://anmr.example.org"
    assert [country.code for country in organization.countries_of_work] == ["EG", "LB"]
    assert Membership.objects.get().role == MembershipRole.ADMIN
    assert not organization.is_listed_publicly, "listing is opt-in"


def test_an_organization_form_with_errors_keeps_everything_typed(client):
    client.force_login(UserFactory())

    response = client.post(
        "/en/stakeholders/register-organization/",
        {"name": "Migrant Voices", "acronym": "MV", "category": "no-such", "country": "KE", "description": "We help."},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Migrant Voices"' in html
    assert 'value="MV"' in html
    assert ">\nWe help.</textarea>" in html
    assert '<option value="KE" selected>' in html
    assert response.context["form"].errors["category"] == [
        "Select a valid choice. no-such is not one of the available choices."
    ]
    assert Organization.objects.count() == 0


def test_the_download_holds_everything_about_the_person(client):
    profile = ProfileFactory(accessibility_needs="Captioning", **SENSITIVE)
    profile.languages_spoken.set([Language.objects.get(code="es")])
    organization = OrganizationFactory(name_en="Migrant Voices")
    admin_of(organization, profile.person)
    client.force_login(profile.person)

    response = client.get("/en/stakeholders/my-data/download/")

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert data["account"]["email"] == profile.person.email
    assert data["profile"]["accessibility_needs"] == "Captioning"
    assert data["profile"]["languages_spoken"] == ["es"]
    assert {key: data["profile"][key] for key in SENSITIVE} == SENSITIVE
    assert data["memberships"][0]["organization"] == "Migrant Voices"


def test_the_download_holds_the_subscriptions_to_calls_of_every_address(client):
    person = UserFactory(email="amina@example.org")
    EmailAddress.objects.create(user=person, email="Amina.Work@example.org", verified=True)
    CallSubscription.objects.create(email="amina.work@example.org", language="fr", commissions=["ECA"])
    CallSubscription.objects.create(email="someone.else@example.org", language="en")
    client.force_login(person)

    data = client.get("/en/stakeholders/my-data/download/").json()

    assert [(item["email"], item["regions"]) for item in data["call_subscriptions"]] == [
        ("amina.work@example.org", ["ECA"])
    ]


def test_deleting_the_account_leaves_no_personal_data(client):
    profile = ProfileFactory(accessibility_needs="Sign language", **SENSITIVE)
    person = profile.person
    organization = OrganizationFactory()
    admin_of(organization, person)
    grant(person, StaffRole.REVIEWER)
    authenticator_app(person)  # staff sign in with two steps
    email = person.email
    client.force_login(person)

    response = client.post("/en/stakeholders/my-data/delete/")

    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert not person.has_usable_password()
    assert email not in person.email
    assert person.display_name == ""
    assert not Profile.objects.filter(person=person).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not get_user_model().objects.filter(email=email).exists()
    assert not Membership.objects.filter(person=person).exists()
    assert person.role_grants.active().count() == 0
    assert not person.authenticator_set.exists(), "the second step goes too"
    assert Organization.objects.filter(pk=organization.pk).exists(), "the organization stays"
    assert client.get("/en/stakeholders/my-data/").status_code == 302, "signed out"


def test_sensitive_attributes_are_on_no_page_but_the_persons_own(client):
    profile = ProfileFactory(gender=Gender.NON_BINARY, age_group="60-plus", migration_background="refugee")
    organization = OrganizationFactory(slug="mv", is_listed_publicly=True)
    admin_of(organization, profile.person)
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    authenticator_app(secretariat)
    labels = ["Non-binary", "60 or over", "I am a refugee or asylum seeker"]

    client.force_login(profile.person)
    own_page = client.get("/en/stakeholders/my-data/").content.decode()
    assert all(label in own_page for label in labels)

    client.force_login(secretariat)
    for url in [
        "/en/stakeholders/",
        "/en/stakeholders/mv/",
        "/en/stakeholders/verification/",
        "/en/stakeholders/roles/",
        "/en/stakeholders/gap-map/",
        "/en/stakeholders/gap-map/?format=csv",
        "/en/stakeholders/my-data/download/",
        "/en/admin/stakeholders/organization/export/?format=0",
    ]:
        page = client.get(url).content.decode()
        assert not any(label in page for label in labels), url
        assert "non-binary" not in page, url
        assert "60-plus" not in page, url


def test_the_secretariat_sees_personal_attributes_only_as_totals_with_small_groups_hidden(client):
    ProfileFactory.create_batch(6, gender=Gender.WOMAN)
    ProfileFactory(gender=Gender.NON_BINARY)
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)

    response = client.get("/en/stakeholders/diversity/")

    assert str(response.context["total"]) == "7"
    gender = {str(answer): str(count) for answer, count in dict(response.context["figures"])["gender"]}
    assert gender["Woman"] == "6"
    assert gender["Non-binary"] == "fewer than 5"
    assert gender["Man"] == "fewer than 5", "a 0 is hidden too: shown, it would tell the others hold someone"
    assert "so that the small ones cannot be worked out from the totals" in response.content.decode()


def test_the_diversity_page_gives_no_lone_person_away(client):
    """The attack of the old page: every other group exact, zeros and "Not answered" shown, and the
    number of people known; the one hidden group was the last person. Now nothing hidden can be
    worked out from what the page shows."""
    ProfileFactory.create_batch(6, gender=Gender.WOMAN, age_group=AgeGroup.AGE_30_44)
    ProfileFactory.create_batch(5, gender=Gender.MAN, age_group=AgeGroup.AGE_30_44, disability=Disability.NO)
    ProfileFactory(gender=Gender.NON_BINARY, age_group=AgeGroup.AGE_18_29, disability=Disability.NO)
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)

    response = client.get("/en/stakeholders/diversity/")

    published = {TOTAL: response.context["total"]}
    sizes = {}
    for attribute, rows in response.context["figures"]:
        sizes[attribute] = len(rows)
        published.update(((attribute, position), count) for position, (_answer, count) in enumerate(rows))
    hidden = [key for key, count in published.items() if not count.is_shown]
    assert ("gender", 2) in hidden
    assert worked_out(what_is_shown(published), sums_of_breakdowns(sizes), hidden) == {}

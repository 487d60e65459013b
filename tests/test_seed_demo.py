from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from consultations.models import Consultation
from registrations.demo_programme import CANNOT_TRAVEL, SPEAKERS
from registrations.enums import Appearance, InterestStatus, ProposalStatus
from registrations.models import ExpressionOfInterest, Registration, SideEventProposal
from stakeholders.demo import DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_PEOPLE
from stakeholders.models import Organization, Profile, RoleGrant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    """The demo's photos and leaflets are files: kept out of the working tree."""
    settings.MEDIA_ROOT = tmp_path


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    first = sorted(get_user_model().objects.values_list("pk", "email"))
    call_command("seed_demo", stdout=StringIO())

    assert sorted(get_user_model().objects.values_list("pk", "email")) == first
    assert len(first) == len(DEMO_PEOPLE) + len([*SPEAKERS, CANNOT_TRAVEL])
    assert not get_user_model().objects.filter(display_name="").exists(), "every demo person has a name"
    assert Organization.objects.count() == len(DEMO_ORGANIZATIONS)
    assert RoleGrant.objects.count() == 3


@pytest.mark.parametrize("person", DEMO_PEOPLE, ids=lambda person: person.email.split("@")[0])
def test_each_demo_account_signs_in_with_the_published_password(client, person):
    call_command("seed_demo", stdout=StringIO())

    response = client.post("/en/accounts/login/", {"login": person.email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    user = get_user_model().objects.get(email=person.email)
    assert list(user.role_grants.active().values_list("role", flat=True)) == ([person.role] if person.role else [])


def test_demo_organizations_span_the_five_regions_and_most_categories():
    call_command("seed_demo", stdout=StringIO())

    listed = Organization.objects.listed()
    commissions = {commission for organization in listed for commission in organization.placement.commissions}
    assert commissions == {"ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"}
    assert listed.values("category").distinct().count() >= 10


@pytest.mark.django_db
def test_the_demo_has_answers_to_calls():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    assert Registration.objects.filter(person__email="stakeholder@demo.wos-engage.org").count() == 1
    assert ExpressionOfInterest.objects.filter(person__email="org-admin@demo.wos-engage.org").count() == 1


def test_the_demo_has_a_full_programme_with_speakers_side_events_and_materials(client):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    europe = Consultation.objects.get(slug="europe-2026")
    speakers = ExpressionOfInterest.objects.filter(call__consultation=europe, status=InterestStatus.CONFIRMED)
    assert speakers.count() == len(SPEAKERS)
    assert set(speakers.values_list("appearance", flat=True)) == set(Appearance)
    assert Profile.objects.exclude(photo="").exclude(biography="").count() >= 3
    side_events = SideEventProposal.objects.filter(call__consultation=europe)
    assert side_events.filter(status=ProposalStatus.ACCEPTED, starts_at__isnull=False).count() == 2
    assert side_events.filter(status=ProposalStatus.RECEIVED).count() == 1, "one waits for the secretariat"
    assert europe.materials.count() == 3
    assert europe.join_link

    page = client.get(europe.get_absolute_url()).content.decode()
    for shown in ("Ngozi Okonkwo", "Seasonal work without exploitation", "Concept note"):
        assert shown in page
    assert "Samira" not in page, "who chose to appear anonymously is not named"
    assert europe.join_link not in page

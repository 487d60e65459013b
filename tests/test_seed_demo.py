from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from registrations.models import ExpressionOfInterest, Registration
from stakeholders.demo import DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_PEOPLE
from stakeholders.models import Organization, RoleGrant

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    first = sorted(get_user_model().objects.values_list("pk", "email"))
    call_command("seed_demo", stdout=StringIO())

    assert sorted(get_user_model().objects.values_list("pk", "email")) == first
    assert len(first) == len(DEMO_PEOPLE)
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

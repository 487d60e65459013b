"""Organization admins edit their organization, invite members by e-mail and remove them."""

import re

import pytest
from django.core import mail

from portal import notices
from portal.models import Notice
from stakeholders.enums import MembershipRole
from stakeholders.models import Invitation, Membership
from tests.factories import OrganizationFactory, UserFactory, admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return OrganizationFactory(slug="mwvn", name_en="Migrant Workers Voice Network")


@pytest.fixture
def admin(client, organization):
    person = admin_of(organization)
    client.force_login(person)
    return person


def invite(client, django_capture_on_commit_callbacks, email, role="member", lang="en"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/{lang}/stakeholders/mwvn/members/", {"email": email, "role": role})


def test_an_invitation_is_mailed_once_in_the_language_it_was_written_in(
    client, admin, django_capture_on_commit_callbacks
):
    invite(client, django_capture_on_commit_callbacks, "new.member@example.org", lang="fr")

    invitation = Invitation.objects.get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.member@example.org"]
    assert "Rejoignez Migrant Workers Voice Network" in mail.outbox[0].subject
    assert f"/fr/stakeholders/invitations/{invitation.token}/" in mail.outbox[0].body
    assert notices.deliver(Notice.objects.get(kind="invitation").pk) == "skipped", "sending again mails nothing"
    assert len(mail.outbox) == 1


def test_inviting_the_same_address_twice_is_explained(client, admin, django_capture_on_commit_callbacks):
    invite(client, django_capture_on_commit_callbacks, "new.member@example.org")

    response = invite(client, django_capture_on_commit_callbacks, "NEW.member@example.org")

    assert response.context["form"].errors["email"] == ["This address already has an open invitation."]
    assert 'value="NEW.member@example.org"' in response.content.decode()
    assert Invitation.objects.count() == 1


def test_the_invited_person_accepts_and_becomes_a_member(
    client, admin, organization, django_capture_on_commit_callbacks
):
    invite(client, django_capture_on_commit_callbacks, "new.member@example.org", role="admin")
    path = re.search(r"http://127.0.0.1:8000(/\S+)", mail.outbox[0].body).group(1)
    invited = UserFactory(email="new.member@example.org")
    client.force_login(invited)

    assert client.get(path).status_code == 200
    response = client.post(path)

    assert response.status_code == 302
    assert Membership.objects.get(person=invited, organization=organization).role == MembershipRole.ADMIN
    assert client.get(path).status_code == 404, "an accepted invitation is spent"


def test_someone_else_cannot_accept_an_invitation(client, admin, organization, django_capture_on_commit_callbacks):
    invite(client, django_capture_on_commit_callbacks, "new.member@example.org")
    path = re.search(r"http://127.0.0.1:8000(/\S+)", mail.outbox[0].body).group(1)
    client.force_login(UserFactory(email="intruder@example.org"))

    response = client.post(path)

    assert response.status_code == 403
    assert not Membership.objects.filter(person__email="intruder@example.org").exists()


def test_the_last_admin_cannot_be_removed(client, admin, organization):
    membership = Membership.objects.get(person=admin)

    response = client.post(f"/en/stakeholders/mwvn/members/{membership.pk}/remove/", follow=True)

    assert "An organization needs at least one administrator." in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_admin_removes_a_member(client, admin, organization):
    member = Membership.objects.create(person=UserFactory(), organization=organization)

    client.post(f"/en/stakeholders/mwvn/members/{member.pk}/remove/")

    assert not Membership.objects.filter(pk=member.pk).exists()


def test_an_admin_edits_the_organization_in_the_page_language(client, admin, organization):
    response = client.get("/es/stakeholders/mwvn/edit/")
    assert response.context["form"].initial["name"] == "", "no Spanish version yet"

    client.post(
        "/es/stakeholders/mwvn/edit/",
        {"name": "Red de Voces de Trabajadores Migrantes", "category": "migrant-diaspora", "country": "KE"},
    )

    organization.refresh_from_db()
    assert organization.name_es == "Red de Voces de Trabajadores Migrantes"
    assert organization.name_en == "Migrant Workers Voice Network", "the English version stays"
    assert organization.category == "migrant-diaspora"


def test_a_plain_member_cannot_manage_the_organization(client, organization):
    member = UserFactory()
    Membership.objects.create(person=member, organization=organization)
    client.force_login(member)

    assert client.get("/en/stakeholders/mwvn/members/").status_code == 403
    assert client.get("/en/stakeholders/mwvn/edit/").status_code == 403

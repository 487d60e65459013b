"""Asking to join an organization: a signed-in person asks from its public page or the welcome page,
its administrators (or the secretariat) accept or decline, each side hears of it in their own
language, the person may withdraw while it waits, and every step is in the activity log."""

import pytest
from django.core import mail
from django.utils import translation

from activity.models import Activity
from portal import notices
from portal.models import Notice
from stakeholders.enums import JoinRequestStatus, MembershipRole, StaffRole, Verification
from stakeholders.models import JoinRequest, Membership
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory, admin_of, grant, log_of

pytestmark = pytest.mark.django_db

JOIN = "/en/stakeholders/join/"


@pytest.fixture
def organization():
    return OrganizationFactory(
        slug="mwvn",
        name_en="Migrant Workers Voice Network",
        name_fr="Réseau des voix migrantes",
        name_es="Red de voces migrantes",
    )


@pytest.fixture
def admin(organization):
    """The organization's administrator reads French."""
    person = ProfileFactory(notice_language="fr", person__display_name="Fatou Admin").person
    admin_of(organization, person)
    return person


@pytest.fixture
def carlos():
    """Asks to join; reads Spanish."""
    return ProfileFactory(notice_language="es", person__display_name="Carlos Mendoza").person


def in_language(code, text):
    with translation.override(code):
        return translation.gettext(text)


FOOTER = "Whole-of-Society Engage: stakeholder engagement for the Global Compact for Migration."


def ask(client, organization, capture, message=""):
    with capture(execute=True):
        return client.post(JOIN, {"organization": organization.pk, "message": message})


def answer(client, join_request, capture, decision, note=""):
    url = f"/en/stakeholders/{join_request.organization.slug}/members/requests/{join_request.pk}/"
    with capture(execute=True):
        return client.post(url, {"decision": decision, "note": note})


def test_a_person_asks_from_the_organizations_page_and_its_admins_are_told_in_their_language(
    client, organization, admin, carlos, django_capture_on_commit_callbacks
):
    client.force_login(carlos)
    page = client.get("/en/stakeholders/mwvn/")
    assert page.context["join_form"]["organization"].value() == organization.pk

    response = ask(client, organization, django_capture_on_commit_callbacks, message="I volunteer in Nairobi.")

    assert response.status_code == 302
    assert response.url == "/en/stakeholders/mwvn/"
    join_request = JoinRequest.objects.get()
    assert (join_request.person, join_request.status) == (carlos, JoinRequestStatus.PENDING)
    assert log_of(join_request) == [(carlos, "status", "", JoinRequestStatus.PENDING, "")]
    (message,) = mail.outbox
    assert message.to == [admin.email]
    assert "Carlos Mendoza" in message.subject
    assert "Réseau des voix migrantes" in message.subject, "in the admin's language, French"
    assert in_language("fr", FOOTER) in message.body
    assert "I volunteer in Nairobi." in message.body
    assert f"/fr/stakeholders/mwvn/members/requests/{join_request.pk}/" in message.body
    assert client.get("/en/stakeholders/mwvn/").context["pending_request"] == join_request


def test_the_welcome_page_leads_to_a_choice_among_listed_organizations(client, organization, carlos):
    unlisted = OrganizationFactory(is_listed_publicly=False)
    pending = OrganizationFactory(verification=Verification.PENDING)
    client.force_login(carlos)

    assert 'href="/en/stakeholders/join/"' in client.get("/en/stakeholders/welcome/").content.decode()
    choices = client.get(JOIN, {"organization": "mwvn"}).context["form"].fields["organization"].queryset

    assert organization in choices
    assert unlisted not in choices
    assert pending not in choices
    assert client.get(JOIN, {"organization": "mwvn"}).context["form"]["organization"].value() == organization.pk


def test_an_admin_accepts_and_the_person_becomes_a_member(
    client, organization, admin, carlos, django_capture_on_commit_callbacks
):
    client.force_login(carlos)
    ask(client, organization, django_capture_on_commit_callbacks)
    join_request = JoinRequest.objects.get()
    client.force_login(admin)
    members = client.get("/en/stakeholders/mwvn/members/")
    assert list(members.context["join_requests"]) == [join_request]
    assert "carlos" in members.content.decode().lower(), "the admins see who asks, and how to reach them"

    response = answer(client, join_request, django_capture_on_commit_callbacks, "accept")

    assert response.status_code == 302
    membership = Membership.objects.get(person=carlos, organization=organization)
    assert membership.role == MembershipRole.MEMBER
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == (JoinRequestStatus.ACCEPTED, admin)
    assert log_of(join_request)[-1] == (admin, "status", JoinRequestStatus.PENDING, JoinRequestStatus.ACCEPTED, "")
    assert log_of(membership) == [(admin, "role", "", MembershipRole.MEMBER, "")]
    told = mail.outbox[-1]
    assert told.to == [carlos.email]
    assert "Red de voces migrantes" in told.subject, "in the requester's language, Spanish"
    assert "/es/stakeholders/welcome/" in told.body
    assert client.get("/en/stakeholders/mwvn/members/").context["join_requests"].count() == 0


def test_an_admin_declines_with_a_note_and_the_person_reads_it_in_their_language(
    client, organization, admin, carlos, django_capture_on_commit_callbacks
):
    client.force_login(carlos)
    ask(client, organization, django_capture_on_commit_callbacks)
    join_request = JoinRequest.objects.get()
    client.force_login(admin)

    answer(client, join_request, django_capture_on_commit_callbacks, "decline", note="We only take staff members.")

    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert not Membership.objects.filter(person=carlos).exists()
    assert log_of(join_request)[-1] == (
        admin,
        "status",
        JoinRequestStatus.PENDING,
        JoinRequestStatus.DECLINED,
        "We only take staff members.",
    )
    told = mail.outbox[-1]
    assert told.to == [carlos.email]
    assert "We only take staff members." in told.body
    assert "Red de voces migrantes" in told.body, "in the requester's language, Spanish"
    assert in_language("es", FOOTER) in told.body
    assert in_language("es", FOOTER) != FOOTER


def test_the_secretariat_may_answer_too(client, organization, admin, carlos, django_capture_on_commit_callbacks):
    client.force_login(carlos)
    ask(client, organization, django_capture_on_commit_callbacks)
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)

    answer(client, JoinRequest.objects.get(), django_capture_on_commit_callbacks, "accept")

    assert Membership.objects.filter(person=carlos, organization=organization).exists()


def test_a_plain_member_cannot_answer(client, organization, admin, carlos, django_capture_on_commit_callbacks):
    client.force_login(carlos)
    ask(client, organization, django_capture_on_commit_callbacks)
    member = UserFactory()
    Membership.objects.create(person=member, organization=organization)
    client.force_login(member)

    response = answer(client, JoinRequest.objects.get(), django_capture_on_commit_callbacks, "accept")

    assert response.status_code == 403
    assert JoinRequest.objects.get().is_pending


def test_the_person_withdraws_a_waiting_request_and_the_admins_mail_not_yet_sent_is_not_sent(
    client, organization, admin, carlos
):
    client.force_login(carlos)
    client.post(JOIN, {"organization": organization.pk})  # the notice waits: no commit callbacks ran
    join_request = JoinRequest.objects.get()

    response = client.post(f"/en/stakeholders/join-requests/{join_request.pk}/withdraw/")

    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.WITHDRAWN
    assert log_of(join_request)[-1] == (carlos, "status", JoinRequestStatus.PENDING, JoinRequestStatus.WITHDRAWN, "")
    assert notices.deliver(Notice.objects.get(kind="join-requested").pk) == "cancelled"
    assert mail.outbox == []
    assert client.get("/en/stakeholders/mwvn/").context["pending_request"] is None


def test_only_the_person_who_asked_may_withdraw(
    client, organization, admin, carlos, django_capture_on_commit_callbacks
):
    client.force_login(carlos)
    ask(client, organization, django_capture_on_commit_callbacks)
    client.force_login(admin)

    response = client.post(f"/en/stakeholders/join-requests/{JoinRequest.objects.get().pk}/withdraw/")

    assert response.status_code == 403
    assert JoinRequest.objects.get().is_pending


def test_asking_twice_while_waiting_is_explained_beside_the_organization(
    client, organization, admin, carlos, django_capture_on_commit_callbacks
):
    client.force_login(carlos)
    ask(client, organization, django_capture_on_commit_callbacks)

    response = ask(client, organization, django_capture_on_commit_callbacks, message="Me again.")

    assert response.status_code == 200
    assert response.context["form"].errors["organization"] == [
        "You have already asked to join Migrant Workers Voice Network; its administrators have not answered yet."
    ]
    assert response.context["form"]["message"].value() == "Me again.", "what was typed is kept"
    assert JoinRequest.objects.count() == 1
    assert Activity.objects.filter(field="status").count() == 1


def test_a_member_cannot_ask(client, organization, admin, django_capture_on_commit_callbacks):
    client.force_login(admin)
    assert client.get("/en/stakeholders/mwvn/").context["is_member"]

    response = ask(client, organization, django_capture_on_commit_callbacks)

    assert response.context["form"].errors["organization"] == [
        "You are already a member of Migrant Workers Voice Network."
    ]
    assert not JoinRequest.objects.exists()


def test_after_a_decline_the_person_may_ask_again(
    client, organization, admin, carlos, django_capture_on_commit_callbacks
):
    client.force_login(carlos)
    ask(client, organization, django_capture_on_commit_callbacks)
    client.force_login(admin)
    answer(client, JoinRequest.objects.get(), django_capture_on_commit_callbacks, "decline")
    client.force_login(carlos)

    ask(client, organization, django_capture_on_commit_callbacks)

    assert JoinRequest.objects.filter(status=JoinRequestStatus.PENDING).count() == 1


def test_a_request_already_answered_cannot_be_answered_again(
    client, organization, admin, carlos, django_capture_on_commit_callbacks
):
    client.force_login(carlos)
    ask(client, organization, django_capture_on_commit_callbacks)
    join_request = JoinRequest.objects.get()
    client.force_login(admin)
    answer(client, join_request, django_capture_on_commit_callbacks, "decline")

    response = answer(client, join_request, django_capture_on_commit_callbacks, "accept")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["This request has already been answered or withdrawn."]
    assert not Membership.objects.filter(person=carlos).exists()


def test_a_visitor_is_asked_to_sign_in_first(client, organization):
    html = client.get("/en/stakeholders/mwvn/").content.decode()

    assert "/en/accounts/login/?next=/en/stakeholders/mwvn/" in html.replace("%2F", "/")

"""Verification decisions, role grants and revocations, and what an account deletion takes back are on
record (who, from → to, why), in the transaction of the change; staff act through roles, not the
superuser flag."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command

from activity.models import Activity
from stakeholders.enums import MembershipRole, StaffRole, Verification
from stakeholders.models import Membership, RoleGrant
from stakeholders.rules import is_secretariat
from stakeholders.services import (
    check_may_act_for,
    decide_verification,
    delete_account,
    grant_role,
    remove_member,
    revoke_role,
)
from stakeholders.staff import SECRETARIAT_GROUP
from tests.factories import Failed, OrganizationFactory, UserFactory, admin_of, grant, log_of, then_fail

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    return person


# Verification


def test_a_rejection_is_recorded_with_its_reason(secretariat):
    organization = OrganizationFactory(verification=Verification.PENDING)

    decide_verification(organization, by=secretariat, verification=Verification.REJECTED, reason="No trace of it.")

    assert log_of(organization) == [
        (secretariat, "verification", Verification.PENDING, Verification.REJECTED, "No trace of it.")
    ]


def test_a_verification_rolled_back_leaves_no_record(secretariat):
    organization = OrganizationFactory(verification=Verification.PENDING)

    with pytest.raises(Failed):
        then_fail(lambda: decide_verification(organization, by=secretariat, verification=Verification.VERIFIED))

    organization.refresh_from_db()
    assert organization.verification == Verification.PENDING
    assert Activity.objects.count() == 0


# Roles


def test_a_grant_is_recorded_on_the_grant_and_concerns_the_person(secretariat):
    person = UserFactory()

    focal_point = grant_role(person, by=secretariat, role=StaffRole.FOCAL_POINT, country="KE")
    again = grant_role(person, by=secretariat, role=StaffRole.FOCAL_POINT, country="KE")

    assert again == focal_point
    assert log_of(focal_point) == [(secretariat, "role", "", StaffRole.FOCAL_POINT, "")]
    assert Activity.objects.get().concerns == person
    assert Activity.objects.get().after_label == "Focal point"
    assert person.email not in Activity.objects.get().subject_label


def test_a_revocation_is_recorded_with_its_reason(secretariat):
    person = UserFactory()
    reviewer = grant_role(person, by=secretariat, role=StaffRole.REVIEWER)

    revoke_role(reviewer, by=secretariat, note="Left the task team.")
    revoke_role(reviewer, by=secretariat)

    assert log_of(reviewer) == [
        (secretariat, "role", "", StaffRole.REVIEWER, ""),
        (secretariat, "role", StaffRole.REVIEWER, "", "Left the task team."),
    ]


def test_a_grant_rolled_back_leaves_no_record_and_no_grant(secretariat):
    person = UserFactory()

    with pytest.raises(Failed):
        then_fail(lambda: grant_role(person, by=secretariat, role=StaffRole.SECRETARIAT))

    assert Activity.objects.count() == 0
    assert RoleGrant.objects.filter(person=person).count() == 0
    person.refresh_from_db()
    assert person.is_staff is False


# Deleting an account


def test_deleting_an_account_records_the_roles_and_memberships_taken_back_naming_nobody(secretariat):
    person = UserFactory(email="amina@example.org", display_name="Amina")
    reviewer = grant_role(person, by=secretariat, role=StaffRole.REVIEWER)
    organization = OrganizationFactory()
    admin_of(organization)
    membership = Membership.objects.create(person=person, organization=organization, role=MembershipRole.MEMBER)

    delete_account(person)

    person.refresh_from_db()
    note = "The person deleted their account."
    assert log_of(reviewer)[1:] == [(person, "role", StaffRole.REVIEWER, "", note)]
    assert log_of(membership) == [(person, "role", MembershipRole.MEMBER, "", note)]
    taken_back = Activity.objects.filter(note=note)
    assert {row.concerns for row in taken_back} == {person}
    assert person.email == f"deleted-{person.pk}@invalid"
    assert str(person) == "Deleted account"
    assert not any("amina" in row.subject_label.lower() for row in Activity.objects.all())


def test_deleting_a_secretariat_account_takes_back_the_admin(secretariat):
    person = UserFactory()
    grant_role(person, by=secretariat, role=StaffRole.SECRETARIAT)

    delete_account(person)

    person.refresh_from_db()
    assert (person.is_staff, list(person.groups.all())) == (False, [])


# Acting for an organization


def test_only_an_organizations_admin_may_act_for_it():
    organization = OrganizationFactory(name_en="Sahel Returnees")
    admin = admin_of(organization)

    check_may_act_for(admin, organization)
    check_may_act_for(UserFactory(), None)
    with pytest.raises(ValidationError) as refused:
        check_may_act_for(UserFactory(), organization)

    assert refused.value.messages == ["Only an administrator of Sahel Returnees may act on its behalf."]


# Staff are not superusers


def test_a_superuser_without_the_role_is_not_the_secretariat():
    superuser = UserFactory(is_staff=True, is_superuser=True)

    assert is_secretariat(superuser) is False


def test_the_secretariat_role_opens_the_admin_pages_it_needs_and_revoking_closes_them(client, secretariat):
    person = UserFactory()
    client.force_login(person)
    assert client.get("/en/admin/portal/notice/").status_code == 302

    role = grant_role(person, by=secretariat, role=StaffRole.SECRETARIAT)
    person.refresh_from_db()
    assert (person.is_staff, person.is_superuser) == (True, False)
    assert list(person.groups.values_list("name", flat=True)) == [SECRETARIAT_GROUP]
    assert client.get("/en/admin/portal/notice/").status_code == 200
    assert client.get("/en/admin/stakeholders/organization/import/").status_code == 200
    assert client.get("/en/admin/stakeholders/organization/export/").status_code == 200
    assert client.get("/en/admin/stakeholders/rolegrant/add/").status_code == 403

    revoke_role(role, by=secretariat)
    person.refresh_from_db()
    assert (person.is_staff, list(person.groups.all())) == (False, [])
    assert client.get("/en/admin/portal/notice/").status_code == 302


def test_the_demo_secretariat_is_staff_through_its_role_not_a_superuser():
    call_command("seed_demo", stdout=StringIO())

    demo = get_user_model().objects.get(email="secretariat@demo.wos-engage.org")
    assert (demo.is_superuser, demo.is_staff) == (False, True)
    assert is_secretariat(demo) is True
    assert demo.has_perm("portal.view_notice") is True
    assert get_user_model().objects.filter(is_superuser=True).count() == 0


def test_removing_a_member_is_recorded_by_whom_and_concerns_the_member():
    organization = OrganizationFactory()
    admin = admin_of(organization)
    member = Membership.objects.create(person=UserFactory(), organization=organization)

    remove_member(member, by=admin)

    row = Activity.objects.get(field="role")
    assert (row.actor, row.before, row.after, row.concerns) == (admin, MembershipRole.MEMBER, "", member.person)
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_the_last_admin_is_not_removed_and_nothing_is_recorded():
    organization = OrganizationFactory()
    admin = admin_of(organization)
    membership = Membership.objects.get(person=admin)

    with pytest.raises(ValidationError):
        remove_member(membership, by=admin)

    assert Activity.objects.count() == 0

"""The secretariat verifies organizations and grants staff roles; both leave a record."""

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import translation
from django.utils.translation import gettext

from portal import notices
from portal.counts import TOTAL
from portal.models import Notice, NoticeState
from stakeholders.enums import Commission, StaffRole, StakeholderCategory, Verification
from stakeholders.models import RoleGrant
from stakeholders.services import grant_role
from tests.disclosure import sums_of_grid, what_is_shown, worked_out
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory, admin_of, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client):
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    client.force_login(person)
    return person


def test_secretariat_verifies_a_pending_organization(client, secretariat):
    organization = OrganizationFactory(verification=Verification.PENDING, name_en="Sahel Returnees")

    assert list(client.get("/en/stakeholders/verification/").context["organizations"]) == [organization]
    response = client.post(f"/en/stakeholders/verification/{organization.pk}/", {"verification": "verified"})

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.verification == Verification.VERIFIED
    assert organization.verified_by == secretariat
    assert organization.verified_at is not None
    assert list(client.get("/en/stakeholders/verification/").context["organizations"]) == []


def test_a_rejection_needs_a_reason_and_keeps_what_was_chosen(client, secretariat):
    organization = OrganizationFactory(verification=Verification.PENDING)

    response = client.post(f"/en/stakeholders/verification/{organization.pk}/", {"verification": "rejected"})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Say why the organization is rejected."]
    assert 'value="rejected" required id="id_verification_1" checked' in response.content.decode()
    organization.refresh_from_db()
    assert organization.verification == Verification.PENDING


def test_the_admins_read_the_rejection_reason(client, secretariat):
    organization = OrganizationFactory(verification=Verification.PENDING)
    admin = admin_of(organization)
    client.post(
        f"/en/stakeholders/verification/{organization.pk}/",
        {"verification": "rejected", "reason": "We could not find any trace of its activities."},
    )

    client.force_login(admin)
    html = client.get("/en/stakeholders/my-data/").content.decode()

    assert "Rejected" in html
    assert "We could not find any trace of its activities." in html


def test_the_database_refuses_a_rejection_without_reason():
    with pytest.raises(IntegrityError):
        OrganizationFactory(verification=Verification.REJECTED, verification_reason="")


def test_secretariat_grants_a_focal_point_for_a_commission_and_takes_it_back(client, secretariat):
    person = UserFactory(email="leila@example.org")

    client.post("/en/stakeholders/roles/", {"email": "LEILA@example.org", "role": "focal-point", "commission": "ESCWA"})
    role = RoleGrant.objects.get(person=person)
    assert (role.role, role.commission, role.granted_by) == (StaffRole.FOCAL_POINT, Commission.ESCWA, secretariat)
    assert person.has_perm("stakeholders.view_gap_map")

    client.post(f"/en/stakeholders/roles/{role.pk}/revoke/")

    role.refresh_from_db()
    assert role.revoked_by == secretariat
    assert role.revoked_at is not None
    person = type(person).objects.get(pk=person.pk)  # a fresh object: roles are cached per request
    assert not person.has_perm("stakeholders.view_gap_map")


def test_a_focal_point_needs_exactly_one_scope(client, secretariat):
    UserFactory(email="leila@example.org")

    response = client.post(
        "/en/stakeholders/roles/",
        {"email": "leila@example.org", "role": "focal-point", "country": "JO", "commission": "ESCWA"},
    )

    assert response.context["form"].non_field_errors() == [
        "A focal point answers for one country or one regional commission."
    ]
    assert 'value="leila@example.org"' in response.content.decode()
    assert RoleGrant.objects.count() == 1  # the secretariat's own


def test_granting_to_an_unknown_address_is_explained(client, secretariat):
    response = client.post("/en/stakeholders/roles/", {"email": "nobody@example.org", "role": "reviewer"})

    assert response.context["form"].errors["email"] == ["Nobody has an account with this e-mail address."]


def test_the_database_refuses_a_focal_point_without_scope():
    with pytest.raises(IntegrityError):
        RoleGrant.objects.create(person=UserFactory(), role=StaffRole.FOCAL_POINT)


def test_a_focal_point_sees_the_gap_map_of_their_region_only(client):
    focal_point = UserFactory()
    grant(focal_point, StaffRole.FOCAL_POINT, country="JO")
    OrganizationFactory.create_batch(5, country="JO")
    OrganizationFactory.create_batch(6, country="JO", category=StakeholderCategory.TRADE_UNIONS)
    OrganizationFactory(country="JO", category=StakeholderCategory.ACADEMIA)
    OrganizationFactory(country="KE")
    client.force_login(focal_point)

    lines = client.get("/en/stakeholders/gap-map/", {"format": "csv"}).content.decode().splitlines()

    assert lines[0] == "Category,Jordan,Total"
    assert "Civil society organizations,5,5" in lines
    assert "Trade unions,6,6" in lines
    assert "Academia,fewer than 5,fewer than 5" in lines
    assert lines[-1] == "Total,12,12", "the organization in Kenya is not counted"


def test_the_gap_map_hides_small_cells_and_what_would_give_them_away(client, secretariat):
    OrganizationFactory.create_batch(6, country="KE")
    OrganizationFactory.create_batch(7, country="KE", category=StakeholderCategory.TRADE_UNIONS)
    OrganizationFactory(country="MX")
    OrganizationFactory.create_batch(8, country="MX", category=StakeholderCategory.TRADE_UNIONS)
    OrganizationFactory(country="FR", verification=Verification.PENDING)

    response = client.get("/en/stakeholders/gap-map/")
    rows = {str(label): cells for label, cells, _row_total in response.context["rows"]}
    columns = [code for code, _name in response.context["columns"]]
    civil_society = dict(zip(columns, rows["Civil society organizations"], strict=True))

    assert str(civil_society["014"]) == "6"  # Eastern Africa
    assert str(civil_society["013"]) == "fewer than 5"  # Central America
    assert str(civil_society["155"]) == "fewer than 5", "a pending organization is not counted; a 0 is hidden too"
    # Each region's organizations here sit in one sub-region, so showing the region cells and the
    # sub-region cells side by side would give the zeros around them away: the grand total is hidden
    # to protect them, and said so (it is not small).
    total = response.context["total"]
    assert str(total) == "22" or (not total.is_shown and total.is_small is False)
    assert "so that the small ones cannot be worked out from the totals" in response.content.decode()


def test_nothing_hidden_on_the_gap_map_can_be_worked_out_from_its_totals(client, secretariat):
    OrganizationFactory.create_batch(6, country="KE")
    OrganizationFactory(country="KE", category=StakeholderCategory.ACADEMIA)
    OrganizationFactory.create_batch(9, country="MX", category=StakeholderCategory.TRADE_UNIONS)

    context = client.get("/en/stakeholders/gap-map/").context
    published = {TOTAL: context["total"]}
    for row, (_label, cells, row_total) in enumerate(context["rows"]):
        published.update(((row, column), cell) for column, cell in enumerate(cells))
        published[row, TOTAL] = row_total
    published.update(((TOTAL, column), cell) for column, cell in enumerate(context["column_totals"]))
    hidden = [key for key, count in published.items() if not count.is_shown]

    sums = sums_of_grid(len(context["rows"]), len(context["columns"]))
    assert worked_out(what_is_shown(published), sums, hidden) == {}


def test_an_organization_needs_a_name_in_some_language_but_not_in_english():
    OrganizationFactory(name_en="", name_ar="الشبكة العربية")

    with pytest.raises(IntegrityError):
        OrganizationFactory(name_en="")


def test_the_admins_are_told_of_the_decision_in_their_own_language(
    client, secretariat, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory(verification=Verification.PENDING, name_en="Migrant Workers Voice")
    french_admin = ProfileFactory(notice_language="fr").person
    admin_of(organization, french_admin)
    client.force_login(secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/stakeholders/verification/{organization.pk}/",
            {"verification": "rejected", "reason": "The website does not open."},
        )

    (message,) = mail.outbox
    assert message.to == [french_admin.email]
    with translation.override("fr"):
        assert gettext("The reason given:") in message.body
    assert "The website does not open." in message.body
    assert "Migrant Workers Voice" in message.subject


def test_the_secretariat_resends_a_failed_notice_from_the_admin(
    client, secretariat, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory()
    admin_of(organization)
    notices.queue("organization-decided", organization, [notices.Recipient("admin@example.org")])
    Notice.objects.update(state=NoticeState.FAILED, attempts=8, last_error="SMTPServerDisconnected")
    mail.outbox.clear()
    grant_role(secretariat, by=secretariat, role=StaffRole.SECRETARIAT)  # the service opens the admin
    client.force_login(secretariat)

    failed = client.get("/en/admin/portal/notice/?state__exact=failed")
    assert failed.context["cl"].result_count == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/admin/portal/notice/",
            {"action": "resend", "_selected_action": [Notice.objects.get().pk]},
        )

    assert Notice.objects.get().state == NoticeState.SENT
    assert [message.to for message in mail.outbox] == [["admin@example.org"]]

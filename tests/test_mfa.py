"""Two-step sign-in: staff set up an authenticator app before they use the portal as staff; signing in
asks for its code after the password; recovery codes stand in for a lost phone, once each."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.utils import translation

from stakeholders.enums import StaffRole
from stakeholders.models import RoleGrant
from stakeholders.staff import sync_staff_access
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    ProfileFactory,
    UserFactory,
    authenticator_app,
    grant,
    totp_code,
)

pytestmark = pytest.mark.django_db

ENROL = "/en/accounts/2fa/totp/activate/"
SECOND_STEP = "/en/accounts/2fa/authenticate/"
RECOVERY_CODES = "/en/accounts/2fa/recovery-codes/"
STAFF_HOME = "/en/manage/home/"

# The pages each role works on, inside and outside /manage/, and the Django admin for the secretariat.
STAFF_PAGES = {
    StaffRole.SECRETARIAT: [
        STAFF_HOME,
        "/en/manage/activity/",
        "/en/manage/approvals/",
        "/en/stakeholders/verification/",
        "/en/stakeholders/roles/",
        "/en/submissions/moderation/",
        "/en/admin/",
    ],
    StaffRole.FOCAL_POINT: [STAFF_HOME, "/en/manage/", "/en/stakeholders/gap-map/"],
    StaffRole.REVIEWER: [STAFF_HOME, "/en/manage/reviews/"],
}
SCOPE = {StaffRole.FOCAL_POINT: {"country": "KE"}}


@pytest.fixture(autouse=True)
def required(settings):
    """The suite runs with the requirement off (portal/settings_test.py says why); here it is on, as
    in production."""
    settings.STAFF_MFA_REQUIRED = True


def staff(role):
    person = ProfileFactory().person
    grant(person, role, **SCOPE.get(role, {}))
    sync_staff_access(person)  # the secretariat's way into the Django admin, as grant_role gives it
    return person


def sign_in_with_password(client, person, lang="en"):
    return client.post(f"/{lang}/accounts/login/", {"login": person.email, "password": PASSWORD})


def is_signed_in(client, person):
    return client.session.get("_auth_user_id") == str(person.pk)


# Who is sent to enrol, and from where


@pytest.mark.parametrize(
    ("role", "page"), [(role, page) for role, pages in STAFF_PAGES.items() for page in pages], ids=str
)
def test_staff_without_a_second_step_are_sent_to_enrol_before_any_staff_page(client, role, page):
    client.force_login(staff(role))

    response = client.get(page)

    assert response.status_code == 302
    assert response.url == ENROL


def test_a_form_sent_to_a_staff_page_is_refused_too(client):
    secretariat = staff(StaffRole.SECRETARIAT)
    client.force_login(secretariat)
    newcomer = UserFactory()

    response = client.post(
        "/en/stakeholders/roles/",
        {"email": newcomer.email, "role": StaffRole.REVIEWER, "country": "", "commission": ""},
    )

    assert response.url == ENROL
    assert not RoleGrant.objects.filter(person=newcomer).exists()


def test_a_person_without_a_staff_role_is_not_sent(client):
    client.force_login(ProfileFactory().person)

    for page in ["/en/", "/en/my-participation/", "/en/stakeholders/my-data/", "/en/stakeholders/profile/"]:
        assert client.get(page).status_code == 200, page


def test_staff_reach_their_account_pages_to_enrol_or_leave(client):
    client.force_login(staff(StaffRole.REVIEWER))

    assert client.get("/en/accounts/2fa/").status_code == 200
    assert client.get("/en/accounts/password/change/").status_code == 200
    assert client.get("/healthz").status_code == 200
    client.post("/en/accounts/logout/")
    assert client.get(STAFF_HOME).url.startswith("/en/accounts/login/")


def test_staff_with_an_authenticator_app_use_staff_pages(client):
    secretariat = staff(StaffRole.SECRETARIAT)
    authenticator_app(secretariat)
    client.force_login(secretariat)

    for page in STAFF_PAGES[StaffRole.SECRETARIAT]:
        assert client.get(page).status_code == 200, page


def test_recovery_codes_alone_are_not_a_second_step(client):
    reviewer = staff(StaffRole.REVIEWER)
    authenticator_app(reviewer)
    Authenticator.objects.filter(user=reviewer, type=Authenticator.Type.TOTP).delete()
    client.force_login(reviewer)

    assert client.get(STAFF_HOME).url == ENROL


def test_the_requirement_can_be_switched_off(client, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(staff(StaffRole.FOCAL_POINT))

    assert client.get(STAFF_HOME).status_code == 200


def test_a_person_who_becomes_staff_is_asked_at_their_next_page(client):
    person = ProfileFactory().person
    client.force_login(person)
    assert client.get("/en/my-participation/").status_code == 200

    grant(person, StaffRole.REVIEWER)

    assert client.get("/en/my-participation/").url == ENROL


# Enrolling, through allauth's own views


def test_staff_enrol_and_go_on_to_the_page_they_asked_for(client):
    focal_point = staff(StaffRole.FOCAL_POINT)
    sign_in_with_password(client, focal_point)
    assert client.get("/en/stakeholders/gap-map/").url == ENROL

    page = client.get(ENROL)
    html = page.content.decode()
    secret = page.context["form"].secret
    assert "Staff pages hold the personal data of people who may be at risk" in html, "says why"
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html, "the key as text, to type"
    assert 'src="data:image/svg+xml;base64,' in html, "the QR code, an image: no script"

    enrolled = client.post(ENROL, {"code": totp_code(secret)})
    assert enrolled.url == RECOVERY_CODES
    codes = client.get(RECOVERY_CODES)
    assert len(codes.context["unused_codes"]) == 10
    assert 'href="/en/stakeholders/gap-map/"' in codes.content.decode(), "continue where they were going"
    assert client.get("/en/stakeholders/gap-map/").status_code == 200


def test_a_wrong_code_does_not_enrol(client):
    reviewer = staff(StaffRole.REVIEWER)
    sign_in_with_password(client, reviewer)
    secret = client.get(ENROL).context["form"].secret

    response = client.post(ENROL, {"code": totp_code(secret, at=time.time() - 3600)})

    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["Incorrect code."]}
    assert not Authenticator.objects.filter(user=reviewer).exists()


def test_anyone_may_enrol_from_their_account_page(client):
    person = ProfileFactory().person
    sign_in_with_password(client, person)

    assert 'href="/en/accounts/2fa/"' in client.get("/en/stakeholders/my-data/").content.decode()
    assert 'href="/en/accounts/2fa/totp/activate/"' in client.get("/en/accounts/2fa/").content.decode()
    page = client.get(ENROL)
    assert page.status_code == 200
    assert "Staff pages hold" not in page.content.decode(), "a choice, not a duty"


def test_a_password_typed_long_ago_is_asked_again_before_enrolling(client, settings):
    """allauth's confirmation before a change to the sign-in; a sign-in moments ago counts as one."""
    reviewer = staff(StaffRole.REVIEWER)
    sign_in_with_password(client, reviewer)
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0

    response = client.get(ENROL)

    assert response.url.startswith("/en/accounts/reauthenticate/")


# Recovery codes: shown once, as a file too


def test_recovery_codes_are_shown_once_with_a_file_to_keep(client):
    person = ProfileFactory().person
    sign_in_with_password(client, person)
    client.post(ENROL, {"code": totp_code(client.get(ENROL).context["form"].secret)})

    first = client.get(RECOVERY_CODES)
    codes = first.context["unused_codes"]
    html = first.content.decode()
    assert all(code in html for code in codes)
    assert f'href="data:text/plain;charset=utf-8,{"%0D%0A".join(codes)}%0D%0A"' in html
    again = client.get(RECOVERY_CODES).content.decode()
    assert not any(code in again for code in codes), "shown once"

    assert client.get(f"{RECOVERY_CODES}generate/").status_code == 200, "asks first"
    assert client.post(f"{RECOVERY_CODES}generate/").url == RECOVERY_CODES
    new_codes = client.get(RECOVERY_CODES).context["unused_codes"]
    assert len(new_codes) == 10
    assert set(new_codes).isdisjoint(codes), "a new set"


# Signing in: the password, then the code


def test_signing_in_asks_for_the_code_after_the_password(client):
    secretariat = staff(StaffRole.SECRETARIAT)
    authenticator_app(secretariat)

    after_password = sign_in_with_password(client, secretariat)
    assert after_password.url == SECOND_STEP
    assert not is_signed_in(client, secretariat), "the password alone does not sign in"

    after_code = client.post(SECOND_STEP, {"code": totp_code(TOTP_SECRET)})

    assert after_code.url == STAFF_HOME
    assert is_signed_in(client, secretariat)
    assert client.get(STAFF_HOME).status_code == 200


def test_a_wrong_code_is_refused_with_a_translated_message(client):
    reviewer = staff(StaffRole.REVIEWER)
    authenticator_app(reviewer)
    sign_in_with_password(client, reviewer, lang="fr")

    response = client.post("/fr/accounts/2fa/authenticate/", {"code": totp_code(TOTP_SECRET, at=time.time() - 3600)})

    with translation.override("fr"):
        refused = translation.gettext("Incorrect code.")
    assert refused != "Incorrect code.", "allauth's French catalogue has it"
    assert response.context["form"].errors == {"code": [refused]}
    assert not is_signed_in(client, reviewer)


def test_each_recovery_code_signs_in_once(client):
    reviewer = staff(StaffRole.REVIEWER)
    code = authenticator_app(reviewer)[0]

    sign_in_with_password(client, reviewer)
    assert client.post(SECOND_STEP, {"code": code}).url == STAFF_HOME
    assert is_signed_in(client, reviewer)
    client.post("/en/accounts/logout/")

    sign_in_with_password(client, reviewer)
    again = client.post(SECOND_STEP, {"code": code})

    assert again.context["form"].errors == {"code": ["Incorrect code."]}
    assert not is_signed_in(client, reviewer)


def test_a_code_from_the_app_signs_in_once(client):
    """A code seen over a shoulder cannot be used again in the same 30 seconds."""
    reviewer = staff(StaffRole.REVIEWER)
    authenticator_app(reviewer)
    code = totp_code(TOTP_SECRET)
    sign_in_with_password(client, reviewer)
    client.post(SECOND_STEP, {"code": code})
    client.post("/en/accounts/logout/")

    sign_in_with_password(client, reviewer)

    assert client.post(SECOND_STEP, {"code": code}).context["form"].errors == {"code": ["Incorrect code."]}


# Moving to a new phone


def test_staff_who_turn_off_their_app_are_asked_to_set_up_a_new_one(client):
    focal_point = staff(StaffRole.FOCAL_POINT)
    authenticator_app(focal_point)
    sign_in_with_password(client, focal_point)
    client.post(SECOND_STEP, {"code": totp_code(TOTP_SECRET)})
    index = client.get("/en/accounts/2fa/").content.decode()
    assert "You have 10 unused recovery codes." in " ".join(index.split())
    assert client.get("/en/accounts/2fa/totp/deactivate/").status_code == 200, "asks first"

    turned_off = client.post("/en/accounts/2fa/totp/deactivate/")

    assert turned_off.status_code == 302
    assert not Authenticator.objects.filter(user=focal_point).exists(), "the recovery codes go with it"
    assert client.get(STAFF_HOME).url == ENROL

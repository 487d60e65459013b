"""Setting up two-step sign-in on a 320 px phone in Arabic, on pages without a script: a reviewer who signs in
is sent to set up an authenticator app before the staff home, types the key shown as text (as a person
who cannot scan the QR code would), keeps the recovery codes, and goes on to the staff home; signing
in again then asks for the app's code after the password. axe-core finds no violation of WCAG 2.1
A/AA on any of these pages, and nothing scrolls sideways."""

import pytest

from stakeholders.enums import StaffRole
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import ProfileFactory, grant, totp_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_reviewer_sets_up_two_step_sign_in_on_a_phone_in_arabic(phone, live_server, screenshots, settings):
    settings.STAFF_MFA_REQUIRED = True
    reviewer = ProfileFactory(person__display_name="Omar Khalil").person
    grant(reviewer, StaffRole.REVIEWER)

    sign_in(phone, live_server.url, "ar", reviewer.email)

    assert phone.url.endswith("/ar/accounts/2fa/totp/activate/"), "sent to set up before the staff home"
    assert phone.evaluate("document.documentElement.dir") == "rtl"
    assert phone.locator(".alert").is_visible(), "says why"
    assert phone.locator("script").count() == 0, "works without JavaScript"
    assert phone.locator("img.totp-qr").evaluate("img => img.naturalWidth > 0"), "the QR code is drawn"
    assert fits_the_screen(phone), "nothing scrolls sideways, the key included"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / "mfa-set-up-320-ar.png", full_page=True)

    key = phone.locator(".totp-secret code").inner_text().replace(" ", "")
    phone.fill("#id_code", totp_code(key))
    phone.locator("main form button[type=submit]").click()

    assert phone.url.endswith("/ar/accounts/2fa/recovery-codes/")
    assert phone.locator(".recovery-codes li").count() == 10
    assert fits_the_screen(phone)
    assert_accessible(phone)
    phone.screenshot(path=screenshots / "mfa-recovery-codes-320-ar.png", full_page=True)

    phone.locator("main a.button--primary").click()

    assert phone.url.endswith("/ar/manage/home/"), "on to the page asked for"

    phone.locator(".site-header form[action$='/logout/'] button").click()
    sign_in(phone, live_server.url, "ar", reviewer.email)

    assert phone.url.endswith("/ar/accounts/2fa/authenticate/"), "after the password, the code"
    assert fits_the_screen(phone)
    assert_accessible(phone)
    phone.screenshot(path=screenshots / "mfa-sign-in-code-320-ar.png", full_page=True)
    phone.fill("#id_code", totp_code(key))
    phone.locator("main form button[type=submit]").first.click()

    assert phone.url.endswith("/ar/manage/home/")

"""A name and an organization, in Chromium, in English and Arabic, down to a 320 px
phone: an account without a name is asked for one after signing in; a person asks to join an
organization from its page and one of its administrators answers."""

import pytest

from stakeholders.models import JoinRequest, Membership
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import OrganizationFactory, UserFactory, admin_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_account_without_a_name_is_asked_for_one_after_signing_in(phone, live_server, screenshots, lang):
    person = UserFactory(display_name="")
    sign_in(phone, live_server.url, lang, person.email)

    assert f"/{lang}/stakeholders/name/" in phone.url
    phone.locator("main button[type=submit]").click()  # no name yet
    assert phone.locator("#id_display_name").get_attribute("aria-invalid") == "true"
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"name-error-320-{lang}.png", full_page=True)
    phone.fill("#id_display_name", "Carlos Mendoza" if lang == "en" else "كارلوس")
    phone.locator("main button[type=submit]").click()

    assert phone.url.endswith(f"/{lang}/stakeholders/welcome/")
    person.refresh_from_db()
    assert person.display_name


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_person_asks_to_join_and_an_administrator_accepts(phone, live_server, screenshots, lang):
    organization = OrganizationFactory(slug="voices", name_en="Migrant Voices", name_ar="أصوات المهاجرين")
    admin = admin_of(organization, UserFactory(display_name="Fatou Admin"))
    person = UserFactory(display_name="Carlos Mendoza")

    sign_in(phone, live_server.url, lang, person.email)
    phone.goto(f"{live_server.url}/{lang}/stakeholders/voices/")
    phone.fill("#id_message", "I volunteer with the network.")
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"join-ask-320-{lang}.png", full_page=True)
    phone.locator("#join-heading ~ form button[type=submit]").click()
    phone.wait_for_load_state()

    join_request = JoinRequest.objects.get()
    assert join_request.message == "I volunteer with the network."
    assert phone.locator("#join-heading ~ form button[type=submit]").count() == 1, "now: withdraw"

    phone.context.clear_cookies()
    sign_in(phone, live_server.url, lang, admin.email)
    phone.goto(f"{live_server.url}/{lang}/stakeholders/voices/members/")
    phone.locator(".join-requests a").first.click()
    phone.wait_for_url("**/members/requests/*/")
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"join-answer-320-{lang}.png", full_page=True)
    phone.locator("button[value=accept]").click()

    phone.wait_for_url(f"**/{lang}/stakeholders/voices/members/")
    assert Membership.objects.filter(person=person, organization=organization).exists()

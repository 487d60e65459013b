"""The registry as a person meets it in Chromium: the directory, and onboarding after sign-in."""

import pytest
from playwright.sync_api import expect

from stakeholders.demo import seed_demo_organizations, seed_demo_people
from stakeholders.models import Organization
from tests.e2e.browser import assert_accessible, sign_in
from tests.factories import UserFactory

# serialized_rollback: the reference data loaded by migrations survives these transactional tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_directory_is_accessible(page, live_server, screenshots, lang):
    seed_demo_people()
    seed_demo_organizations()

    page.goto(f"{live_server.url}/{lang}/stakeholders/")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"directory-{lang}.png", full_page=True)
    page.goto(f"{live_server.url}/{lang}/stakeholders/redmmm/")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"organization-{lang}.png", full_page=True)


def test_directory_filters_without_javascript(browser, live_server):
    seed_demo_people()
    seed_demo_organizations()
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()

    page.goto(f"{live_server.url}/en/stakeholders/")
    page.select_option("#id_region", "ECLAC")
    page.locator("form[role=search] button[type=submit]").click()

    assert "region=ECLAC" in page.url
    names = page.locator(".cards h3 a").all_inner_texts()
    assert len(names) == 3  # Mexico, Colombia and Jamaica; the unlisted Mexican shelter stays hidden
    page.locator(".cards h3 a").first.click()
    expect(page.locator("h1")).to_have_count(1)  # waits for the organization's page to load
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_onboarding_registers_an_organization(page, live_server, screenshots, lang):
    person = UserFactory()
    sign_in(page, live_server.url, lang, person.email)

    assert page.url.endswith(f"/{lang}/stakeholders/welcome/")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"welcome-{lang}.png", full_page=True)
    page.locator(".choices a").first.click()
    page.select_option("#id_category", "migrant-diaspora")
    page.select_option("#id_country", "JO")
    page.locator("main form button[type=submit]").click()  # the name is missing

    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_country").input_value() == "JO", "what was chosen is kept"
    assert_accessible(page)
    page.screenshot(path=screenshots / f"register-organization-error-{lang}.png", full_page=True)
    page.fill("#id_name", "Migrant Voices" if lang == "en" else "أصوات المهاجرين")
    page.locator("main form button[type=submit]").click()

    assert Organization.objects.get().country.code == "JO"
    assert page.url.endswith(f"/{lang}/stakeholders/my-data/")

"""Pages as a person sees them in Chromium: no axe-core violation of WCAG 2.1 A/AA, and a screenshot."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.browser import WCAG_21_AA, describe

PAGES = {"home": "/{lang}/", "sign-up": "/{lang}/accounts/signup/"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violations(page, live_server, screenshots, name, lang):
    response = page.goto(live_server.url + PAGES[name].format(lang=lang))
    assert response.status == 200

    page.screenshot(path=screenshots / f"{name}-{lang}.png", full_page=True)
    results = Axe().run(page, options=WCAG_21_AA)

    violations = results.response["violations"]
    assert violations == [], describe(violations)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_arabic_layout_mirrors(page, live_server):
    page.goto(live_server.url + "/ar/")

    assert page.evaluate("document.documentElement.dir") == "rtl"
    site_name = page.locator(".site-name").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    assert site_name["x"] > switcher["x"], "the site name starts on the right in Arabic"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/en/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    expect(page.locator(".skip-link")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_load_no_script_and_break_no_content_security_policy(page, live_server):
    csp_errors = []
    page.on("console", lambda message: csp_errors.append(message.text) if "Content Security" in message.text else None)

    page.goto(live_server.url + "/en/accounts/signup/")

    assert page.locator("script").count() == 0
    assert csp_errors == []
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") != "rgba(0, 0, 0, 0)"
    )

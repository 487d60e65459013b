"""What the browser tests share: the axe-core check of WCAG 2.1 A/AA and signing in."""

from axe_playwright_python.sync_playwright import Axe

from tests.factories import PASSWORD

# Only the violations come back: the passes of every rule on every node are most of axe's work and
# of what crosses to Python, and a test reads none of them.
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']]}" for v in violations
    )


def assert_accessible(page):
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert violations == [], describe(violations)


def sign_in(page, base_url, lang, email, password=PASSWORD):
    page.goto(f"{base_url}/{lang}/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()


def fits_the_screen(page) -> bool:
    """Nothing scrolls sideways. A click that navigates returns before the next page has loaded;
    waiting for it means the width measured is the new page's, never a document still empty."""
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

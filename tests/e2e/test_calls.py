"""The calls list and a consultation page in Chromium, English and Arabic."""

import pytest

from consultations.demo import seed_demo_consultations
from tests.e2e.test_registry import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_calls_and_a_consultation_are_accessible(page, live_server, screenshots, lang):
    seed_demo_consultations()

    page.goto(f"{live_server.url}/{lang}/calls/")
    assert page.locator(".cards > li").count() == 20  # 5 regions x (attend, speak, funding open; submission upcoming)
    assert_accessible(page)
    page.screenshot(path=screenshots / f"calls-{lang}.png", full_page=True)

    page.goto(f"{live_server.url}/{lang}/consultations/arab-region-2026/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.screenshot(path=screenshots / f"consultation-{lang}.png", full_page=True)

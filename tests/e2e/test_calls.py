"""The calls list, a consultation page and the focal point's call form in Chromium, English and Arabic."""

import pytest
from playwright.sync_api import expect

from consultations.demo import seed_demo_consultations
from consultations.models import OpenCall
from stakeholders.enums import StaffRole
from tests.e2e.browser import assert_accessible, sign_in
from tests.factories import UserFactory, consultation, grant

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


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_focal_point_drafts_a_call_in_the_browser(page, live_server, screenshots, lang):
    focal_point = UserFactory()
    grant(focal_point, StaffRole.FOCAL_POINT, country="KE")
    kenya = consultation(slug="kenya", country="KE", commission="", time_zone="Africa/Nairobi")
    sign_in(page, live_server.url, lang, focal_point.email)

    page.goto(f"{live_server.url}/{lang}/manage/consultations/kenya/calls/new/")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"call-form-{lang}.png", full_page=True)

    # Closing before opening: the error is shown at the top and by the field, and the text stays.
    page.select_option("#id_kind", "speak")
    page.fill("#id_opens_at", "2030-01-05T08:00")
    page.fill("#id_closes_at", "2030-01-01T08:00")
    arabic = page.locator("details:has(#id_title_ar)")
    if arabic.get_attribute("open") is None:  # languages other than the page's are folded until opened
        arabic.locator("summary").click()
    page.fill("#id_title_ar", "دعوة المتحدثين")
    page.fill("#id_text_ar", "أعرب عن اهتمامك بالتحدث.")
    page.select_option("#id_provenance_ar", "original")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.input_value("#id_text_ar") == "أعرب عن اهتمامك بالتحدث."
    assert page.get_attribute("#id_text_ar", "dir") == "rtl"
    assert_accessible(page)
    page.screenshot(path=screenshots / f"call-form-error-{lang}.png", full_page=True)

    page.fill("#id_closes_at", "2030-02-01T23:59")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/manage/consultations/kenya/")
    drafted = OpenCall.objects.get(consultation=kenya)
    assert drafted.title_ar == "دعوة المتحدثين"
    assert_accessible(page)
    page.screenshot(path=screenshots / f"consultation-workspace-{lang}.png", full_page=True)

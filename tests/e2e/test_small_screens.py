"""Every kind of page on a 320 × 640 screen, in English and Arabic (WCAG 1.4.10 reflow): nothing
wider than the screen, no axe-core violation, and a screenshot in var/screenshots/ to look at."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from consultations.enums import CallKind, Modality, PublicationStatus
from registrations.enums import Appearance, Attendance, InterestStatus
from registrations.services.answers import register
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    SessionFactory,
    call,
    consultation,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
PHONE = {"width": 320, "height": 640}


def world():
    """A published consultation with a programme and a speaker, its open calls, a directory, and a
    person registered to attend."""
    starts = NOW + timedelta(days=30)
    place = consultation(
        slug="phone",
        title_en="Regional consultation for Africa on the Global Compact for Migration",
        title_ar="المشاورة الإقليمية لأفريقيا بشأن الاتفاق العالمي من أجل الهجرة",
        status=PublicationStatus.PUBLISHED,
        modality=Modality.HYBRID,
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
    )
    opened = {"opens_at": NOW - timedelta(days=1), "closes_at": NOW + timedelta(days=20)}
    attend = call(
        consultation=place,
        kind=CallKind.ATTEND,
        status=PublicationStatus.PUBLISHED,
        title_ar="التسجيل للحضور",
        **opened,
    )
    speak = call(
        consultation=place,
        kind=CallKind.SPEAK,
        status=PublicationStatus.PUBLISHED,
        title_ar="دعوة المتحدثين",
        **opened,
    )
    panel = SessionFactory(
        consultation=place,
        title_en="Decent work and fair recruitment for migrant workers",
        title_ar="العمل اللائق والتوظيف العادل للعمال المهاجرين",
        starts_at=starts + timedelta(hours=1),
        ends_at=starts + timedelta(hours=2, minutes=30),
    )
    speaker = ProfileFactory(person__display_name="Amina Wanjiru").person
    ExpressionOfInterestFactory(
        call=speak, person=speaker, status=InterestStatus.CONFIRMED, appearance=Appearance.NAME, session=panel
    )
    for n in range(3):
        OrganizationFactory(name_en=f"Transnational Association of Migrant Domestic Workers {n}", acronym="TAMDW")
    person = ProfileFactory(person__display_name="Bashir Haidari").person
    register(attend, by=person, attendance=Attendance.ONLINE, consent=True)
    return attend, person


def check(page, screenshots, name, lang):
    assert fits_the_screen(page), f"{name} scrolls sideways at 320 px"
    assert_accessible(page)
    page.screenshot(path=screenshots / f"small-{name}-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_kind_of_page_reflows_on_a_320_px_screen(browser, live_server, screenshots, lang):
    attend, person = world()
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        for name, path in [
            ("home", "/"),
            ("calls", "/calls/"),
            ("consultation", "/consultations/phone/"),
            ("directory", "/stakeholders/"),
        ]:
            page.goto(f"{live_server.url}/{lang}{path}")
            check(page, screenshots, name, lang)

        # The calls list and the directory show their results before their filters on a phone.
        for path in ["/calls/", "/stakeholders/"]:
            page.goto(f"{live_server.url}/{lang}{path}")
            results = page.locator("#results-heading").bounding_box()
            filters = page.locator("#filters-heading").bounding_box()
            assert results["y"] < filters["y"]
        # On a wide screen they stand beside the results, at the start of the line (the right in Arabic).
        page.set_viewport_size({"width": 1024, "height": 768})
        for path in ["/calls/", "/stakeholders/"]:
            page.goto(f"{live_server.url}/{lang}{path}")
            results = page.locator("#results-heading").bounding_box()
            filters = page.locator("#filters-heading").bounding_box()
            assert (filters["x"] < results["x"]) == (lang == "en")
        page.set_viewport_size(PHONE)

        sign_in(page, live_server.url, lang, person.email)
        page.goto(f"{live_server.url}/{lang}/my-participation/")
        check(page, screenshots, "my-participation", lang)

        # A form with errors: the speaker call's form sent empty.
        page.goto(f"{live_server.url}/{lang}/calls/{attend.pk}/")
        check(page, screenshots, "call", lang)
        newcomer = ProfileFactory(person__display_name="Chidi Okafor").person
        context.clear_cookies()
        sign_in(page, live_server.url, lang, newcomer.email)
        page.goto(f"{live_server.url}/{lang}/calls/{attend.pk}/answer/")
        page.locator("main button[type=submit]").click()
        expect(page.locator(".error-summary")).to_be_visible()
        check(page, screenshots, "form-errors", lang)
    finally:
        context.close()


def test_checkboxes_and_radio_buttons_are_at_least_24_px(browser, live_server):
    attend, _person = world()
    newcomer = ProfileFactory(person__display_name="Chidi Okafor").person
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "en", newcomer.email)
        page.goto(f"{live_server.url}/en/calls/{attend.pk}/answer/")
        boxes = page.locator("main input[type=checkbox], main input[type=radio]")
        assert boxes.count() > 0
        for index in range(boxes.count()):
            box = boxes.nth(index).bounding_box()
            assert box["width"] >= 24
            assert box["height"] >= 24
    finally:
        context.close()

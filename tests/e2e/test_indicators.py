"""The participation indicators in a browser, in English and Arabic, on a 320 px phone and on a desk:
no axe-core violation, charts with text alternatives, nothing wider than the screen, and a first
visit of at most 30 KB on the wire. Screenshots in var/screenshots/indicators-*.png."""

from datetime import UTC, datetime, timedelta

import pytest

from consultations.enums import CallKind, PublicationStatus
from registrations.enums import Attendance, InterestStatus
from stakeholders.enums import Gender, StakeholderCategory
from tests.e2e.browser import assert_accessible, fits_the_screen
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    call,
    consultation,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ENDED = datetime.now(UTC) - timedelta(days=10)
FIRST_VISIT_BUDGET = 30 * 1024  # bytes on the wire: the page and everything it loads
SPEAKERS = [  # (category, country, gender, status, how many)
    (StakeholderCategory.CIVIL_SOCIETY, "KE", Gender.WOMAN, InterestStatus.CONFIRMED, 8),
    (StakeholderCategory.CIVIL_SOCIETY, "KE", Gender.MAN, InterestStatus.NOT_SELECTED, 6),
    (StakeholderCategory.MIGRANT_DIASPORA_ORGANIZATIONS, "SN", Gender.WOMAN, InterestStatus.RESERVE, 7),
    (StakeholderCategory.ACADEMIA, "NG", Gender.MAN, InterestStatus.DECLINED, 5),
    (StakeholderCategory.TRADE_UNIONS, "ZA", Gender.NON_BINARY, InterestStatus.RECEIVED, 2),
]


def world():
    place = consultation(
        slug="africa",
        title_en="Regional consultation for Africa",
        title_ar="المشاورة الإقليمية لأفريقيا",
        status=PublicationStatus.PUBLISHED,
        starts_at=ENDED,
        ends_at=ENDED + timedelta(hours=8),
    )
    speak = call(consultation=place, kind=CallKind.SPEAK)
    attend = call(consultation=place, kind=CallKind.ATTEND)
    for category, country, gender, status, times in SPEAKERS:
        organization = OrganizationFactory(category=category, country=country, is_migrant_led=True)
        for _ in range(times):
            person = ProfileFactory(gender=gender).person
            ExpressionOfInterestFactory(call=speak, person=person, organization=organization, status=status)
    for attendance in [Attendance.IN_PERSON] * 12 + [Attendance.ONLINE] * 6:
        RegistrationFactory(call=attend, person=ProfileFactory().person, attendance=attendance)
    for number in range(6):
        OrganizationFactory(category=StakeholderCategory.LOCAL_AUTHORITIES, country="ET", slug=f"city-{number}")
    return place


def bytes_on_the_wire(page) -> int:
    """What the browser received for the page and everything it loaded (headers and compressed bodies)."""
    return page.evaluate(
        "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".reduce((sum, entry) => sum + entry.transferSize, 0)"
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("screen", ["phone", "desk"])
def test_the_indicators_read_well_everywhere(browser, live_server, screenshots, lang, screen):
    world()
    size = {"width": 320, "height": 640} if screen == "phone" else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=size)
    page = context.new_page()
    try:
        for name, url in [("overview", f"/{lang}/indicators/"), ("consultation", f"/{lang}/indicators/africa/")]:
            page.goto(live_server.url + url)

            assert fits_the_screen(page), url
            assert_accessible(page)
            charts = page.locator("svg[role=img]")
            assert charts.count() == 2
            for chart in charts.all():
                assert chart.get_attribute("aria-labelledby")
                assert chart.locator("title").text_content()
                assert chart.locator("desc").text_content()
            page.screenshot(path=screenshots / f"indicators-{name}-{lang}-{screen}.png", full_page=True)
            if name == "overview":
                assert bytes_on_the_wire(page) <= FIRST_VISIT_BUDGET
    finally:
        context.close()


def test_arabic_charts_grow_from_the_right(browser, live_server):
    world()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/ar/indicators/africa/")
        bar = page.locator("#funnel-chart-title ~ rect").first.bounding_box()
        chart = page.locator("svg[role=img]").first.bounding_box()

        assert abs((bar["x"] + bar["width"]) - (chart["x"] + chart["width"])) < 2
    finally:
        context.close()

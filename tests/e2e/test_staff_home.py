"""The staff home on a 360 px phone, in English and Arabic: the secretariat lands there after signing
in, the whole header fits the first third of the screen, nothing scrolls sideways, and axe-core
finds no violation of WCAG 2.1 A/AA."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from playwright.sync_api import expect

from consultations.enums import CallKind, PublicationStatus
from registrations.enums import InterestStatus, SelectionStatus
from registrations.models import Selection
from registrations.services.reviews import assign_reviewer
from stakeholders.enums import StaffRole, Verification
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    SideEventProposalFactory,
    call,
    consultation,
    grant,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 360, 640
HEADER = {"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT / 3}


def a_busy_secretariat():
    """A member of the secretariat with a consultation to approve, organizations to verify, a speaker
    whose deadline to confirm is tomorrow and side events to decide, titled in English and Arabic."""
    now = datetime.now(UTC)
    person = ProfileFactory(person__display_name="Amina Haddad").person
    grant(person, StaffRole.SECRETARIAT)
    consultation(status=PublicationStatus.SUBMITTED, title_ar="مشاورة إقليمية لأفريقيا")
    for _ in range(3):
        OrganizationFactory(verification=Verification.PENDING)
    place = consultation(
        status=PublicationStatus.PUBLISHED,
        title_en="National consultation of Jordan",
        title_ar="المشاورة الوطنية في الأردن",
        starts_at=now + timedelta(days=20),
        ends_at=now + timedelta(days=20, hours=8),
    )
    closed = {"status": PublicationStatus.PUBLISHED, "opens_at": now - timedelta(days=30), "closes_at": now}
    speak = call(consultation=place, kind=CallKind.SPEAK, title_ar="دعوة للمتحدثين", **closed)
    Selection.objects.create(call=speak, status=SelectionStatus.PUBLISHED)
    ExpressionOfInterestFactory(call=speak, status=InterestStatus.SELECTED, confirm_by=now + timedelta(days=1))
    side_events = call(
        consultation=place,
        kind=CallKind.SIDE_EVENT,
        title_en="Side event proposals",
        title_ar="مقترحات الفعاليات الجانبية",
        **closed,
    )
    for _ in range(2):
        SideEventProposalFactory(call=side_events)
    return person


def header_bottom(page) -> float:
    header = page.locator(".site-header").bounding_box()
    return header["y"] + header["height"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_staff_home_and_its_navigation_fit_a_phone(phone, live_server, screenshots, lang):
    secretariat = a_busy_secretariat()

    sign_in(phone, live_server.url, lang, secretariat.email)

    assert phone.url.endswith(f"/{lang}/manage/home/"), "the secretariat lands on its home"
    assert phone.locator(".waiting__line").count() == 4
    assert header_bottom(phone) <= HEIGHT / 3, "the whole header fits the first third of the screen"
    assert fits_the_screen(phone), "nothing scrolls sideways"
    expect(phone.locator(f".site-nav a[href='/{lang}/manage/home/']")).to_be_visible()
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"staff-home-{WIDTH}-{lang}.png", full_page=True)
    phone.screenshot(path=screenshots / f"staff-home-{WIDTH}-{lang}-first-screen.png")


def test_the_header_fits_the_first_third_of_the_screen_in_every_language(phone, live_server, screenshots):
    secretariat = a_busy_secretariat()
    sign_in(phone, live_server.url, "en", secretariat.email)

    heights = {}
    for code, _name in settings.LANGUAGES:
        phone.goto(f"{live_server.url}/{code}/manage/home/")
        heights[code] = header_bottom(phone)
        phone.screenshot(path=screenshots / f"staff-home-{WIDTH}-{code}-header.png", clip=HEADER)

    assert max(heights.values()) <= HEIGHT / 3, heights


def test_the_language_switcher_keeps_the_page(phone, live_server):
    secretariat = a_busy_secretariat()
    sign_in(phone, live_server.url, "en", secretariat.email)

    phone.locator(".language-switcher a[hreflang='ar']").click()

    assert phone.url.endswith("/ar/manage/home/")
    assert phone.evaluate("document.documentElement.dir") == "rtl"
    assert phone.locator(".waiting__line").count() == 4


def test_a_reviewer_goes_from_the_staff_home_to_the_next_expression_of_interest(page, live_server, screenshots):
    reviewer = ProfileFactory(person__display_name="Omar Khalil").person
    grant(reviewer, StaffRole.REVIEWER)
    speak = call(kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED)
    assign_reviewer(speak.consultation, by=None, reviewer=reviewer)
    first, _second = ExpressionOfInterestFactory(call=speak), ExpressionOfInterestFactory(call=speak)

    sign_in(page, live_server.url, "en", reviewer.email)
    assert page.url.endswith("/en/manage/home/")
    assert_accessible(page)
    page.screenshot(path=screenshots / "staff-home-reviewer-en.png", full_page=True)
    page.get_by_role("link", name="Score the next one").click()

    assert page.url.endswith(f"/manage/calls/{speak.pk}/reviews/{first.pk}/")
    expect(page.get_by_role("link", name="Next expression of interest to score")).to_be_visible()

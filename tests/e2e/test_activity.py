"""The activity log and an object's history as the secretariat reads them in Chromium, English and
Arabic, down to a 320 px wide phone."""

import pytest
from django.db import transaction

from activity.services import record
from consultations.enums import PublicationStatus
from stakeholders.enums import StaffRole, Verification
from stakeholders.services import delete_account
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import OrganizationFactory, UserFactory, consultation, grant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def a_log():
    """A few changes of a consultation and an organization, by a person, the portal and a deleted account."""
    secretariat = UserFactory(display_name="Amina Haddad")
    grant(secretariat, StaffRole.SECRETARIAT)
    focal_point = UserFactory(display_name="Omar Khalil")
    place = consultation(title_en="National consultation of Jordan", title_ar="المشاورة الوطنية في الأردن")
    organization = OrganizationFactory(name_en="Migrant Workers Voice", name_ar="صوت العمال المهاجرين")
    with transaction.atomic():
        record(place, by=focal_point, field="status", before=PublicationStatus.DRAFT, after=PublicationStatus.SUBMITTED)
        record(
            place,
            by=secretariat,
            field="status",
            before=PublicationStatus.SUBMITTED,
            after=PublicationStatus.RETURNED,
            note="Please add the interpretation languages and the venue's step-free access.",
        )
        record(
            organization,
            by=focal_point,
            field="verification",
            before=Verification.PENDING,
            after=Verification.VERIFIED,
        )
        record(place, by=None, field="status", before=PublicationStatus.RETURNED, after=PublicationStatus.DRAFT)
    delete_account(focal_point)
    return secretariat, place


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_log_and_history_are_accessible(page, live_server, screenshots, lang):
    secretariat, place = a_log()

    sign_in(page, live_server.url, lang, secretariat.email)
    response = page.goto(f"{live_server.url}/{lang}/manage/activity/")
    assert response.status == 200
    assert page.locator("tbody tr").count() == 4
    assert_accessible(page)
    page.screenshot(path=screenshots / f"activity-log-{lang}.png", full_page=True)

    page.goto(f"{live_server.url}/{lang}/manage/consultations/{place.slug}/")
    assert page.locator(".history li").count() == 3
    assert_accessible(page)
    page.screenshot(path=screenshots / f"activity-history-{lang}.png", full_page=True)


def test_log_fits_a_small_phone_in_arabic(browser, live_server, screenshots):
    secretariat, _place = a_log()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "ar", secretariat.email)
        page.goto(f"{live_server.url}/ar/manage/activity/")

        assert page.evaluate("document.documentElement.dir") == "rtl"
        # The table scrolls in its own frame; the page itself never scrolls sideways.
        assert fits_the_screen(page)
        assert_accessible(page)
        page.screenshot(path=screenshots / "activity-log-ar-320.png", full_page=True)
    finally:
        context.close()

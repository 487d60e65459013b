"""Registering for a consultation in Chromium, English and Arabic: the form, the waiting list, and
"My participation"."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from consultations.enums import CallKind, Modality, PublicationStatus
from registrations.enums import Attendance, RegistrationStatus
from registrations.models import Registration
from registrations.services.answers import register
from tests.e2e.browser import assert_accessible, sign_in
from tests.factories import ProfileFactory, UserFactory, call, consultation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NOW = datetime.now(UTC)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_registering_when_the_room_is_full_puts_me_on_the_waiting_list(page, live_server, screenshots, lang):
    held = consultation(
        slug="full-room",
        title_ar="المشاورة الإقليمية لأفريقيا",
        status=PublicationStatus.PUBLISHED,
        modality=Modality.HYBRID,
        capacity_in_person=1,
        capacity_online=50,
        starts_at=NOW + timedelta(days=30),
        ends_at=NOW + timedelta(days=30, hours=8),
    )
    attend = call(
        consultation=held,
        kind=CallKind.ATTEND,
        status=PublicationStatus.PUBLISHED,
        title_ar="التسجيل للحضور",
        text_ar="سجّل للمشاركة.",
        opens_at=NOW - timedelta(days=1),
        closes_at=NOW + timedelta(days=20),
    )
    register(attend, by=UserFactory(), attendance=Attendance.IN_PERSON, consent=True)
    person = ProfileFactory().person
    sign_in(page, live_server.url, lang, person.email)

    page.goto(f"{live_server.url}/{lang}/calls/{attend.pk}/answer/")
    assert_accessible(page)
    page.check("input[name=attendance][value=in-person]")
    page.check("input[name=access_needs][value=sign-language]")
    page.locator("main button[type=submit]").click()  # consent not given yet
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.is_checked("input[name=access_needs][value=sign-language]")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"registration-form-error-{lang}.png", full_page=True)

    page.check("#id_consent")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/my-participation/")
    assert Registration.objects.get(person=person).status == RegistrationStatus.WAITLISTED
    card = page.locator(".card", has_text="1").first
    expect(card).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=screenshots / f"my-participation-{lang}.png", full_page=True)

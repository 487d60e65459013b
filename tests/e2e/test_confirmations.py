"""Asking before anything irreversible, in Chromium, in English and Arabic, on a 320 px phone and
without any script: from "My participation" a person opens the page that switches their way of
taking part, then the one that cancels their registration, and confirms each: links and forms, no
script."""

from datetime import UTC, datetime, timedelta

import pytest

from consultations.enums import CallKind, Modality, PublicationStatus
from registrations.enums import Attendance, RegistrationStatus
from registrations.models import Registration
from registrations.services.answers import register
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import ProfileFactory, UserFactory, call, consultation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NOW = datetime.now(UTC)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_switching_then_cancelling_each_ask_first_on_a_phone(phone, live_server, screenshots, lang):
    held = consultation(
        slug="hybrid",
        title_ar="المشاورة الإقليمية لأفريقيا",
        status=PublicationStatus.PUBLISHED,
        modality=Modality.HYBRID,
        capacity_in_person=1,
        capacity_online=1,
        starts_at=NOW + timedelta(days=30),
        ends_at=NOW + timedelta(days=30, hours=8),
    )
    attend = call(
        consultation=held,
        kind=CallKind.ATTEND,
        status=PublicationStatus.PUBLISHED,
        title_ar="التسجيل للحضور",
        opens_at=NOW - timedelta(days=1),
        closes_at=NOW + timedelta(days=20),
    )
    person = ProfileFactory().person
    mine = register(attend, by=person, attendance=Attendance.IN_PERSON, consent=True)
    register(attend, by=UserFactory(), attendance=Attendance.ONLINE, consent=True)  # online is full
    sign_in(phone, live_server.url, lang, person.email)

    phone.goto(f"{live_server.url}/{lang}/my-participation/")
    phone.locator(f"a[href='/{lang}/my-participation/registrations/{mine.pk}/switch/']").click()
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"switch-320-{lang}.png", full_page=True)
    phone.locator("main button[name=action][value=switch]").click()
    phone.wait_for_url(f"**/{lang}/my-participation/")
    mine.refresh_from_db()
    assert (mine.attendance, mine.status, mine.wants_to_switch) == (
        Attendance.IN_PERSON,
        RegistrationStatus.CONFIRMED,
        True,
    )
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"my-participation-switch-asked-320-{lang}.png", full_page=True)

    phone.locator(f"a[href='/{lang}/my-participation/registrations/{mine.pk}/cancel/']").click()
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"cancel-320-{lang}.png", full_page=True)
    assert Registration.objects.get(pk=mine.pk).status == RegistrationStatus.CONFIRMED
    phone.locator("main button.button--danger").click()
    phone.wait_for_url(f"**/{lang}/my-participation/")
    assert Registration.objects.get(pk=mine.pk).status == RegistrationStatus.CANCELLED

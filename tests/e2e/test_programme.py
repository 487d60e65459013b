"""The public programme and a speaker's page in Chromium, English and Arabic, on a wide screen and on
a 320 px one: each speaker as they chose to appear, one of them anonymously."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from consultations.enums import CallKind, PublicationStatus, SessionFormat
from registrations.enums import Appearance, InterestStatus
from stakeholders.enums import StakeholderCategory
from stakeholders.photos import save_speaker_profile
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    SessionFactory,
    call,
    consultation,
    photo,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
STARTS = datetime.now(UTC).replace(hour=6, minute=0, second=0, microsecond=0) + timedelta(days=30)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def speaker(speak, name, appearance, *, session=None, organization=None, **profile):
    person = ProfileFactory(person__display_name=name, country_of_residence="MX").person
    if profile:
        save_speaker_profile(
            person, by=person, **{"affiliation": "", "biography": "", "biography_language": "", **profile}
        )
    return ExpressionOfInterestFactory(
        call=speak,
        person=person,
        status=InterestStatus.CONFIRMED,
        appearance=appearance,
        session=session,
        organization=organization,
    )


def programme():
    place = consultation(
        slug="nairobi",
        status=PublicationStatus.PUBLISHED,
        title_ar="المشاورة الإقليمية لأفريقيا",
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=8),
    )
    speak = call(consultation=place, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED, title_ar="دعوة المتحدثين")
    opening = SessionFactory(
        consultation=place,
        title_en="Opening plenary",
        title_ar="الجلسة العامة الافتتاحية",
        format=SessionFormat.PLENARY,
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=1),
    )
    panel = SessionFactory(
        consultation=place,
        title_en="Decent work for migrant workers",
        title_ar="العمل اللائق للعمال المهاجرين",
        starts_at=STARTS + timedelta(hours=1, minutes=30),
        ends_at=STARTS + timedelta(hours=3),
    )
    network = OrganizationFactory(name_en="Kenya Migrants Network", category=StakeholderCategory.CIVIL_SOCIETY)
    full = speaker(
        speak,
        "Amina Wanjiru",
        Appearance.FULL,
        session=panel,
        affiliation="Domestic Workers United",
        biography="أمينة تنظّم العاملات في المنازل في نيروبي منذ عشر سنوات.",
        biography_language="ar",
        photo=photo(size=(640, 800)),
    )
    speaker(speak, "Bashir Haidari", Appearance.NAME, session=opening)
    speaker(speak, "Chidi Okafor", Appearance.ANONYMOUS, session=panel, organization=network)
    speaker(speak, "Dora Ramírez", Appearance.NAME)
    return full


def shows_image(page, selector) -> bool:
    image = page.locator(selector)
    image.wait_for()
    page.wait_for_function("image => image.complete", arg=image.element_handle())
    return image.evaluate("image => image.naturalWidth") > 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_programme_and_a_speaker_page_in_the_browser(page, live_server, screenshots, lang):
    full = programme()
    visitor = ProfileFactory(time_zone="America/Mexico_City").person
    sign_in(page, live_server.url, lang, visitor.email)

    page.goto(f"{live_server.url}/{lang}/consultations/nairobi/")
    programme_section = page.locator("section[aria-labelledby=programme-heading]")
    assert programme_section.locator(".speakers a").count() == 3  # Amina, Bashir, Dora: never Chidi
    assert "Chidi" not in programme_section.inner_text()
    assert programme_section.locator(".session").count() == 2
    assert_accessible(page)
    programme_section.screenshot(path=screenshots / f"programme-{lang}.png")

    page.set_viewport_size({"width": 320, "height": 640})
    assert fits_the_screen(page)
    assert_accessible(page)
    programme_section.screenshot(path=screenshots / f"programme-320-{lang}.png")

    programme_section.get_by_role("link", name="Amina Wanjiru").click()
    page.wait_for_url(f"**/{lang}/speakers/{full.person_id}/")
    assert shows_image(page, ".speaker-page__photo")
    assert page.locator(".biography").get_attribute("dir") == "rtl"
    assert fits_the_screen(page)
    assert_accessible(page)
    page.screenshot(path=screenshots / f"speaker-320-{lang}.png", full_page=True)

    page.set_viewport_size({"width": 1024, "height": 768})
    assert_accessible(page)
    page.screenshot(path=screenshots / f"speaker-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_speaker_fills_in_their_profile_and_chooses_how_to_appear(page, live_server, screenshots, lang, tmp_path):
    person = ProfileFactory(person__display_name="Amina Wanjiru").person
    speak = call(consultation=consultation(status=PublicationStatus.PUBLISHED), kind=CallKind.SPEAK)
    interest = ExpressionOfInterestFactory(
        call=speak, person=person, status=InterestStatus.SELECTED, confirm_by=datetime.now(UTC) + timedelta(days=3)
    )
    fake = tmp_path / "me.jpg"
    fake.write_text("These are not pixels.")
    sign_in(page, live_server.url, lang, person.email)

    page.goto(f"{live_server.url}/{lang}/stakeholders/profile/speaker/")
    page.fill("#id_affiliation", "Domestic Workers United")
    page.set_input_files("#id_photo", str(fake))
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.input_value("#id_affiliation") == "Domestic Workers United"
    assert_accessible(page)
    page.screenshot(path=screenshots / f"speaker-profile-error-{lang}.png", full_page=True)
    real = tmp_path / "me-for-real.jpg"
    real.write_bytes(photo(gps=True).read())
    page.set_input_files("#id_photo", str(real))
    page.locator("main button[type=submit]").click()
    assert shows_image(page, ".speaker-photo img")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"speaker-profile-{lang}.png", full_page=True)

    page.goto(live_server.url + f"/{lang}" + interest.respond_path().removeprefix("/en"))
    page.check(f"input[name=appearance][value={Appearance.NAME}]")
    page.set_viewport_size({"width": 320, "height": 640})
    assert fits_the_screen(page)
    assert_accessible(page)
    page.screenshot(path=screenshots / f"respond-320-{lang}.png", full_page=True)
    page.locator("button[value=confirm]").click()
    page.wait_for_selector("[role=status]")
    interest.refresh_from_db()
    assert (interest.status, interest.appearance) == (InterestStatus.CONFIRMED, Appearance.NAME)

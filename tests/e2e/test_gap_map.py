"""The gap map's heat map on a 320 px phone and on a desktop, in English and Arabic (and Chinese on the
phone): the regions, then a region's sub-regions, with nothing scrolling sideways but the tables' own
frames, no axe-core violation of WCAG 2.1 A/AA, and screenshots in var/screenshots/gap-map-*.png to
look at."""

import pytest
from playwright.sync_api import expect

from stakeholders.enums import StaffRole, StakeholderCategory
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import OrganizationFactory, ProfileFactory, grant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The first view publishes every figure of the map at once (HiGHS, seconds on a busy machine); the
# views after it read the same answer from the cache.
PUBLISHING = 60_000
COUNTRIES = ["KE", "NG", "EG", "ZA", "MX", "BR", "US", "PH", "IN", "JO", "FR", "DE", "PL", "AU", "FJ"]


def the_secretariat():
    """A member of the secretariat, and a directory of verified organizations spread unevenly over
    categories and countries, so that the picture has every look: each step of the scale, "<5" and a
    dash."""
    for row, category in enumerate(list(StakeholderCategory)[:9]):
        for column, country in enumerate(COUNTRIES):
            number = (row * 7 + column * 5) % 23 if (row + column) % 3 else 0
            OrganizationFactory.create_batch(number, category=category, country=country)
    person = ProfileFactory(person__display_name="Amina Haddad").person
    grant(person, StaffRole.SECRETARIAT)
    return person


def look(page, screenshots, name):
    assert fits_the_screen(page), f"{name} scrolls sideways"
    assert_accessible(page)
    page.screenshot(path=screenshots / f"gap-map-{name}.png", full_page=True)


@pytest.mark.parametrize("lang", ["en", "ar", "zh-hans"])
def test_the_gap_map_fits_a_phone_by_region_then_sub_region(phone, live_server, screenshots, lang):
    person = the_secretariat()
    sign_in(phone, live_server.url, lang, person.email)

    phone.goto(f"{live_server.url}/{lang}/stakeholders/gap-map/", timeout=PUBLISHING)
    picture = phone.locator("figure.heatmap svg[role=img]")
    expect(picture).to_be_visible()
    assert picture.bounding_box()["width"] <= 320
    look(phone, screenshots, f"phone-regions-{lang}")

    phone.locator(".heatmap__places a").first.click()
    expect(phone.locator("figure.heatmap svg[role=img]")).to_be_visible()
    assert "region=002" in phone.url, "Africa, the first region"
    look(phone, screenshots, f"phone-africa-{lang}")

    phone.locator("main a[href='?']").click()
    expect(phone.locator(".heatmap__places")).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_gap_map_on_a_desktop(page, live_server, screenshots, lang):
    person = the_secretariat()
    sign_in(page, live_server.url, lang, person.email)

    page.goto(f"{live_server.url}/{lang}/stakeholders/gap-map/", timeout=PUBLISHING)
    page.locator("details.gap-map__everything > summary").click()
    look(page, screenshots, f"desktop-regions-{lang}")
    page.goto(f"{live_server.url}/{lang}/stakeholders/gap-map/?region=142")
    look(page, screenshots, f"desktop-asia-{lang}")

"""The secretariat decides side-event proposals in Chromium, in English and Arabic, on a wide and a
320 px screen: no WCAG 2.1 A/AA violation, an error shown beside its field, and the accepted side
event in the public programme."""

import pytest
from playwright.sync_api import expect

from consultations.enums import CallKind, PublicationStatus
from registrations.enums import ProposalStatus
from registrations.models import SideEventProposal
from stakeholders.enums import StaffRole
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    SideEventProposalFactory,
    UserFactory,
    call,
    consultation,
    grant,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def proposals():
    place = consultation(
        status=PublicationStatus.PUBLISHED, title_ar="المشاورة الإقليمية لأفريقيا", country="KE", commission=""
    )
    side_events = call(
        consultation=place,
        kind=CallKind.SIDE_EVENT,
        status=PublicationStatus.PUBLISHED,
        title_en="Side events at the regional review",
        title_ar="الفعاليات الجانبية للاستعراض الإقليمي",
    )
    received = SideEventProposalFactory(
        call=side_events,
        person=ProfileFactory(person__display_name="Amina Njeri").person,
        organization=OrganizationFactory(name_en="Migrant Workers Voice Network of East Africa"),
        title="Fair recruitment in practice: what works for domestic workers in the Gulf corridor",
        co_organizers="Kenya Domestic Workers Union\nInternational Labour Organization, Nairobi office",
    )
    SideEventProposalFactory(call=side_events, title="Climate and mobility", status=ProposalStatus.WITHDRAWN)
    return side_events, received


@pytest.mark.parametrize("width", [1024, 320])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_deciding_a_side_event_in_the_browser(page, live_server, screenshots, lang, width):
    side_events, received = proposals()
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    page.set_viewport_size({"width": width, "height": 800})
    name = f"side-events-{lang}-{width}"

    sign_in(page, live_server.url, lang, secretariat.email)
    page.goto(f"{live_server.url}/{lang}/manage/calls/{side_events.pk}/side-events/")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    assert fits_the_screen(page), "nothing scrolls sideways"

    card = page.locator(f"#proposal-{received.pk}")
    card.locator("input[value=accept]").check()
    card.locator(f"#id_proposal-{received.pk}-starts_at").fill("2027-03-10T12:30")
    card.locator(f"#id_proposal-{received.pk}-place").fill("Room 4, UN Gigiri")
    card.locator("button[type=submit]").click()
    page.wait_for_load_state()
    error = page.locator(f"#proposal-{received.pk} .errorlist").first
    expect(error).to_be_visible()
    assert card.locator(f"#id_proposal-{received.pk}-place").input_value() == "Room 4, UN Gigiri"
    assert_accessible(page)
    page.screenshot(path=screenshots / f"{name}-error.png", full_page=True)

    card.locator(f"#id_proposal-{received.pk}-ends_at").fill("2027-03-10T13:45")
    card.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert SideEventProposal.objects.get(pk=received.pk).is_scheduled

    page.goto(f"{live_server.url}/{lang}/consultations/{side_events.consultation.slug}/")
    programme = page.locator(".side-events")
    assert "Room 4, UN Gigiri" in programme.inner_text()
    assert_accessible(page)
    programme.screenshot(path=screenshots / f"{name}-programme.png")
    assert fits_the_screen(page), "nothing scrolls sideways"

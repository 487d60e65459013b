"""The public record of how a call was run, in Chromium, in English and Arabic, on a desk and on a
320 px phone, without JavaScript: the secretariat changes the selection by hand, choosing why from a
list (refused without one, nothing typed lost), publishes, and anyone reads the record."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from consultations.enums import CallKind, PublicationStatus
from registrations.enums import ChangeReason
from registrations.models import ManualChange
from registrations.queries.reviews import settings_of
from registrations.services.reviews import assign_reviewer, save_review, set_rubric
from registrations.services.selection import propose_speakers, publish_selection
from stakeholders.enums import StaffRole
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    call,
    consultation,
    grant,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NOW = datetime.now(UTC)
REASON = "She told us privately she cannot come."


def a_selection_to_change():
    published = NOW - timedelta(days=30)
    speak = call(
        consultation=consultation(status=PublicationStatus.PUBLISHED, title_ar="المشاورة الإقليمية لأفريقيا"),
        kind=CallKind.SPEAK,
        status=PublicationStatus.PUBLISHED,
        title_ar="دعوة إلى التحدث",
        published_at=published,
        opens_at=published,
        closes_at=published + timedelta(days=20),
    )
    settings = settings_of(speak)
    settings.speakers, settings.one_per_organization = 5, False
    settings.save()
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    reviewer = UserFactory()
    grant(reviewer, StaffRole.REVIEWER)
    assign_reviewer(speak.consultation, by=None, reviewer=reviewer)
    organization = OrganizationFactory(country="KE")
    for number in range(14):
        person = ProfileFactory(gender="woman" if number % 2 else "man", person__display_name=f"Speaker {number}")
        interest = ExpressionOfInterestFactory(
            call=speak, person=person.person, organization=organization if number % 3 else None
        )
        save_review(interest, reviewer=reviewer, scores={str(criterion.pk): 5 - number % 6})
    return speak, propose_speakers(speak, by=None)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_change_by_hand_is_counted_on_the_public_record(page, phone, live_server, screenshots, lang):
    speak, selection = a_selection_to_change()
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    sign_in(phone, live_server.url, lang, secretariat.email)
    phone.goto(f"{live_server.url}/{lang}/manage/calls/{speak.pk}/selection/")
    phone.select_option("#id_add", str(selection.reserve[0]))
    phone.fill("#id_reason", REASON)
    phone.locator("form:has(#id_reason) button[type=submit]").click()

    assert phone.locator("#id_category").get_attribute("aria-invalid") == "true"
    assert phone.locator("#id_reason").input_value() == REASON, "nothing typed is lost"
    assert phone.locator("#id_add").input_value() == str(selection.reserve[0])
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"how-call-was-run-swap-error-320-{lang}.png", full_page=True)
    phone.select_option("#id_category", "availability")
    phone.locator("form:has(#id_reason) button[type=submit]").click()
    assert ManualChange.objects.get().category == "availability"
    publish_selection(selection, by=secretariat)

    page.goto(f"{live_server.url}/{lang}/calls/{speak.pk}/")
    page.locator(f"a[href='/{lang}/calls/{speak.pk}/how-it-was-run/']").click()
    text = page.locator("main").inner_text()
    assert REASON not in text
    assert "Speaker" not in text, "nobody who applied is named"
    with translation.override(lang):
        assert str(ChangeReason.AVAILABILITY.label) in text
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"how-call-was-run-{lang}.png", full_page=True)

    phone.goto(f"{live_server.url}/{lang}/calls/{speak.pk}/how-it-was-run/")
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"how-call-was-run-320-{lang}.png", full_page=True)

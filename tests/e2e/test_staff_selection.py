"""The secretariat picks a rule of balance by name and checks the funding total against the budget,
in Chromium, in English and Arabic, on a desk and on a 320 px phone, with no JavaScript needed."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from consultations.enums import CallKind, PublicationStatus
from registrations.models import DiversityRule, FundingApplication
from registrations.queries.reviews import settings_of
from registrations.services.answers import apply_for_funding, express_interest
from registrations.services.reviews import assign_reviewer, save_review, set_rubric
from registrations.services.selection import propose_speakers, swap_speakers
from stakeholders.enums import Gender, StaffRole
from stakeholders.geography import area_name
from tests.e2e.browser import assert_accessible, fits_the_screen, sign_in
from tests.factories import ProfileFactory, UserFactory, call, consultation, grant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NOW = datetime.now(UTC)


def a_call(kind):
    return call(
        consultation=consultation(status=PublicationStatus.PUBLISHED, title_ar="المشاورة الإقليمية لأفريقيا"),
        kind=kind,
        status=PublicationStatus.PUBLISHED,
        title_ar="دعوة",
        opens_at=NOW - timedelta(days=5),
        closes_at=NOW + timedelta(days=5),
    )


def secretariat_signed_in(page, base_url, lang):
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    sign_in(page, base_url, lang, person.email)
    return person


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_rule_of_balance_is_picked_by_name(page, phone, live_server, screenshots, lang):
    speak = a_call(CallKind.SPEAK)
    set_rubric(speak, by=None, criteria=[("Relevance", 100)])

    secretariat_signed_in(page, live_server.url, lang)
    page.goto(f"{live_server.url}/{lang}/manage/calls/{speak.pk}/selection/settings/")
    page.select_option("#id_rules-0-group", "sub_region:014")
    page.fill("#id_rules-0-minimum", "1")
    page.select_option("#id_rules-1-group", "gender:woman")
    page.fill("#id_rules-1-maximum", "3")
    page.fill("#id_rules-1-minimum", "4")  # above "at most": refused beside the field
    page.locator("main form button[type=submit]").first.click()

    assert page.locator("#id_rules-1-maximum").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_rules-0-group").input_value() == "sub_region:014"
    assert_accessible(page)
    page.screenshot(path=screenshots / f"selection-rules-error-{lang}.png", full_page=True)
    page.fill("#id_rules-1-minimum", "1")
    page.locator("main form button[type=submit]").first.click()
    assert sorted(DiversityRule.objects.values_list("dimension", "value", "minimum", "maximum")) == [
        ("gender", "woman", 1, 3),
        ("sub_region", "014", 1, None),
    ]
    with translation.override(lang):  # the saved rules come back by name, in the page's language
        assert page.locator("#id_rules-0-group option:checked").inner_text() == str(Gender.WOMAN.label)
        assert page.locator("#id_rules-1-group option:checked").inner_text() == str(area_name("014"))
    assert_accessible(page)
    page.screenshot(path=screenshots / f"selection-rules-{lang}.png", full_page=True)

    secretariat_signed_in(phone, live_server.url, lang)
    phone.goto(f"{live_server.url}/{lang}/manage/calls/{speak.pk}/selection/settings/")
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"selection-rules-320-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_funding_total_is_checked_against_the_budget(page, phone, live_server, screenshots, lang):
    support = a_call(CallKind.FUNDING_SUPPORT)
    for number, cost in enumerate((900, 800, 1200, 300), start=1):
        person = ProfileFactory(gender="woman" if number > 2 else "man", person__display_name=f"Applicant {number}")
        apply_for_funding(support, by=person.person, travel_cost=Decimal(cost), justification="Travel.")
    applications = list(FundingApplication.objects.order_by("created_at", "pk"))
    url = f"{live_server.url}/{lang}/manage/calls/{support.pk}/funding/"

    secretariat_signed_in(page, live_server.url, lang)
    page.goto(url)
    page.fill("#id_budget", "2000")
    page.locator("form:has(#id_budget) button[type=submit]").click()
    assert page.locator(".message--success").count() == 1
    assert settings_of(support).budget == Decimal(2000)
    for application in applications:  # the committee's own choice: the first three
        box = page.locator(f"input[name=applications][value='{application.pk}']")
        box.set_checked(application != applications[3])
    page.locator("button[name=action][value=check-recommend]").click()
    assert page.locator("#recommend-total").count() == 1
    assert "2,900" in page.locator("#recommend-total").inner_text()
    assert_accessible(page)
    page.screenshot(path=screenshots / f"funding-total-{lang}.png", full_page=True)

    page.locator("button[name=action][value=recommend]").click()  # above the budget, no reason
    assert page.locator("#recommend-reason").get_attribute("aria-invalid") == "true"
    assert not FundingApplication.objects.filter(status="recommended").exists()
    assert_accessible(page)
    page.screenshot(path=screenshots / f"funding-over-budget-{lang}.png", full_page=True)
    page.fill("#recommend-reason", "A donor adds 900 dollars." if lang == "en" else "يضيف مانح 900 دولار.")
    page.locator("button[name=action][value=recommend]").click()
    assert FundingApplication.objects.filter(status="recommended").count() == 3

    secretariat_signed_in(phone, live_server.url, lang)
    phone.goto(url)
    assert fits_the_screen(phone), "nothing scrolls sideways"
    assert_accessible(phone)
    phone.screenshot(path=screenshots / f"funding-320-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_selection_explains_a_change_by_hand(page, live_server, screenshots, lang):
    speak = a_call(CallKind.SPEAK)
    settings = settings_of(speak)
    settings.speakers = 2
    settings.save()
    DiversityRule.objects.create(selection_settings=settings, dimension="gender", value="woman", minimum=1)
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    reviewer = UserFactory()
    grant(reviewer, StaffRole.REVIEWER)
    assign_reviewer(speak.consultation, by=None, reviewer=reviewer)
    interests = []
    for number, (gender, score) in enumerate((("man", 5), ("man", 5), ("man", 4), ("woman", 3)), start=1):
        person = ProfileFactory(gender=gender, person__display_name=f"Speaker {number}").person
        interests.append(express_interest(speak, by=person, statement="Views."))
        save_review(interests[-1], reviewer=reviewer, scores={str(criterion.pk): score})
    selection = propose_speakers(speak, by=None)

    secretariat = secretariat_signed_in(page, live_server.url, lang)
    swap_speakers(
        selection,
        by=secretariat,
        remove=interests[0].pk,
        add=interests[2].pk,
        category="other",
        reason="Opening session.",
    )
    page.goto(f"{live_server.url}/{lang}/manage/calls/{speak.pk}/selection/")

    assert "Opening session." in page.locator("main").inner_text()
    assert_accessible(page)
    page.screenshot(path=screenshots / f"selection-by-hand-{lang}.png", full_page=True)

"""A reviewer scores and the secretariat proposes a selection, in Chromium, English and Arabic."""

from datetime import UTC, datetime, timedelta

import pytest

from consultations.enums import CallKind, PublicationStatus
from registrations.enums import RuleDimension
from registrations.models import DiversityRule, Review, Selection
from registrations.queries.reviews import settings_of
from registrations.services.answers import express_interest
from registrations.services.reviews import assign_reviewer, set_rubric
from stakeholders.enums import StaffRole
from tests.e2e.browser import assert_accessible, sign_in
from tests.factories import ProfileFactory, UserFactory, call, consultation, grant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NOW = datetime.now(UTC)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_reviewing_and_selecting_in_the_browser(page, live_server, screenshots, lang):
    speak = call(
        consultation=consultation(status=PublicationStatus.PUBLISHED, title_ar="المشاورة الإقليمية لأفريقيا"),
        kind=CallKind.SPEAK,
        status=PublicationStatus.PUBLISHED,
        title_ar="دعوة المتحدثين",
        text_ar="أعرب عن اهتمامك بالتحدث.",
        opens_at=NOW - timedelta(days=5),
        closes_at=NOW + timedelta(days=1),
    )
    settings = settings_of(speak)
    settings.speakers = 1
    settings.save()
    DiversityRule.objects.create(selection_settings=settings, dimension=RuleDimension.GENDER, value="woman", minimum=1)
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    for gender in ("man", "woman", "woman"):
        express_interest(speak, by=ProfileFactory(gender=gender).person, statement="Decent work first.")
    reviewer = UserFactory()
    grant(reviewer, StaffRole.REVIEWER)
    assign_reviewer(speak.consultation, by=None, reviewer=reviewer)

    sign_in(page, live_server.url, lang, reviewer.email)
    page.goto(f"{live_server.url}/{lang}/manage/calls/{speak.pk}/reviews/")
    assert_accessible(page)
    for number in range(3):
        page.goto(f"{live_server.url}/{lang}/manage/calls/{speak.pk}/reviews/")
        page.locator("tbody a").nth(number).click()
        page.check(f"input[name=criterion_{criterion.pk}][value='{5 - number}']")
        if number == 0:
            assert_accessible(page)
            page.screenshot(path=screenshots / f"review-form-{lang}.png", full_page=True)
        page.locator("main button[type=submit]").click()
        page.wait_for_url(f"**/{lang}/manage/calls/{speak.pk}/reviews/")
    assert Review.objects.count() == 3

    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    page.context.clear_cookies()
    sign_in(page, live_server.url, lang, secretariat.email)
    page.goto(f"{live_server.url}/{lang}/manage/calls/{speak.pk}/selection/settings/")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"selection-settings-{lang}.png", full_page=True)
    page.goto(f"{live_server.url}/{lang}/manage/calls/{speak.pk}/selection/")
    page.locator("button[name=action][value=propose]").click()
    page.wait_for_url(f"**/{lang}/manage/calls/{speak.pk}/selection/")
    assert len(Selection.objects.get().selected) == 1
    assert_accessible(page)
    page.screenshot(path=screenshots / f"selection-{lang}.png", full_page=True)

"""Reviewers read the rubric in their language: a criterion is named in one or more languages, each
version marked as the original or a translation, as calls are."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from consultations.enums import CallKind, PublicationStatus
from registrations.models import ReviewCriterion
from registrations.queries.reviews import criteria_of
from registrations.services.answers import express_interest
from registrations.services.reviews import assign_reviewer, save_review, set_rubric
from stakeholders.enums import StaffRole
from tests.factories import UserFactory, call, consultation, grant

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)
RELEVANCE = {
    "names": {"name_en": "Relevance to the session", "name_ar": "الصلة بموضوع الجلسة"},
    "provenance": {"en": "original", "ar": "checked"},
    "weight": 100,
}


@pytest.fixture
def speak():
    return call(
        consultation=consultation(status=PublicationStatus.PUBLISHED),
        kind=CallKind.SPEAK,
        status=PublicationStatus.PUBLISHED,
        opens_at=NOW - timedelta(days=1),
        closes_at=NOW + timedelta(days=5),
    )


@pytest.fixture
def secretariat(client):
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    client.force_login(person)
    return person


def reviewer_of(speak):
    person = UserFactory()
    grant(person, StaffRole.REVIEWER)
    assign_reviewer(speak.consultation, by=None, reviewer=person)
    return person


def review_form(client, speak, language):
    reviewer = reviewer_of(speak)
    interest = express_interest(speak, by=UserFactory(), statement="My views.")
    client.force_login(reviewer)
    return client.get(f"/{language}/manage/calls/{speak.pk}/reviews/{interest.pk}/").content.decode()


def test_a_criterion_shows_in_the_reviewers_language_when_it_has_a_version_in_it(client, speak):
    set_rubric(speak, by=None, criteria=[RELEVANCE])

    html = review_form(client, speak, "ar")

    assert "الصلة بموضوع الجلسة (100 %)" in html
    assert "Relevance to the session" not in html


def test_a_criterion_without_the_reviewers_language_shows_wholly_in_its_original_marked_as_such(client, speak):
    set_rubric(speak, by=None, criteria=[RELEVANCE])

    html = review_form(client, speak, "ru")

    assert '<span lang="en" dir="ltr">Relevance to the session</span> (100 %)' in html


def test_the_settings_page_names_a_criterion_in_several_languages_with_their_provenance(client, speak, secretariat):
    response = client.post(f"/en/manage/calls/{speak.pk}/selection/settings/", settings_data())

    assert response.status_code == 302
    (criterion,) = criteria_of(speak)
    assert (criterion.name_en, criterion.name_ar) == ("Relevance", "الصلة")
    assert criterion.provenance == {"en": "original", "ar": "machine"}


def test_a_version_without_its_provenance_is_refused_and_everything_typed_is_kept(client, speak, secretariat):
    response = client.post(
        f"/en/manage/calls/{speak.pk}/selection/settings/", settings_data(**{"criteria-0-provenance_ar": ""})
    )

    assert response.status_code == 200
    assert response.context["criteria"].forms[0].errors == {
        "provenance_ar": ["Say whether this version is the original or a translation."]
    }
    html = response.content.decode()
    assert 'value="الصلة"' in html
    assert 'value="Relevance"' in html
    assert criteria_of(speak) == []


def test_a_criterion_named_in_no_language_is_refused(client, speak, secretariat):
    data = settings_data(**{"criteria-0-name_en": "", "criteria-0-name_ar": "", "criteria-0-provenance_ar": ""})

    response = client.post(f"/en/manage/calls/{speak.pk}/selection/settings/", data)

    assert response.context["criteria"].forms[0].errors == {"name_en": ["Name the criterion."]}


def test_translations_can_be_added_after_reviews_started_and_scores_stay_attached(speak):
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    reviewer = reviewer_of(speak)
    interest = express_interest(speak, by=UserFactory(), statement="Views.")
    save_review(interest, reviewer=reviewer, scores={str(criterion.pk): 4})
    translated = {
        "names": {"name_en": "Relevance", "name_fr": "Pertinence"},
        "provenance": {"en": "original", "fr": "machine"},
        "weight": 100,
    }

    set_rubric(speak, by=None, criteria=[translated])

    (kept,) = criteria_of(speak)
    assert (kept.pk, kept.name_fr, kept.provenance) == (criterion.pk, "Pertinence", {"en": "original", "fr": "machine"})


def test_the_original_wording_cannot_change_after_reviews_started(speak):
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    save_review(
        express_interest(speak, by=UserFactory(), statement="Views."),
        reviewer=reviewer_of(speak),
        scores={str(criterion.pk): 4},
    )

    with pytest.raises(Exception, match="only the translations"):
        set_rubric(speak, by=None, criteria=[("Lived experience", 100)])


def settings_data(**overrides):
    data = {
        "action": "settings",
        "speakers": "4",
        "reserves": "3",
        "confirm_within_days": "7",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-weight": "100",
        "criteria-0-name_en": "Relevance",
        "criteria-0-provenance_en": "original",
        "criteria-0-name_ar": "الصلة",
        "criteria-0-provenance_ar": "machine",
        "rules-TOTAL_FORMS": "0",
        "rules-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def historical_apps():
    return MigrationLoader(connection).project_state(("registrations", "0010_translatable_rubric")).apps


@pytest.mark.parametrize(("call_provenance", "original"), [({"fr": "original", "en": "machine"}, "fr"), ({}, "en")])
def test_the_migration_keeps_each_existing_name_in_its_original_language(speak, call_provenance, original):
    """A criterion saved before names were translated had its name in the `name` column only."""
    migration = importlib.import_module("registrations.migrations.0010_translatable_rubric")
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    apps = historical_apps()
    apps.get_model("consultations", "OpenCall").objects.filter(pk=speak.pk).update(provenance=call_provenance)
    columns = {f"name_{code}": None for code in ("en", "fr", "es", "ar", "ru", "zh_hans")}
    apps.get_model("registrations", "ReviewCriterion").objects.filter(pk=criterion.pk).update(
        name="Relevance", provenance={}, **columns
    )

    migration.copy_names_into_original_language(apps, None)

    criterion = ReviewCriterion.objects.get(pk=criterion.pk)
    assert getattr(criterion, f"name_{original}") == "Relevance"
    assert criterion.provenance == {original: "original"}

"""The secretariat sets how many speakers, the rubric, the rules of balance and who reviews, on its own page."""

from datetime import UTC, datetime, timedelta

import pytest

from consultations.enums import CallKind, PublicationStatus
from registrations.models import DiversityRule, ReviewerAssignment
from registrations.queries.reviews import criteria_of, settings_of
from registrations.services.answers import express_interest
from registrations.services.reviews import assign_reviewer, save_review, set_rubric
from stakeholders.enums import StaffRole
from tests.factories import UserFactory, call, consultation, grant

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)


@pytest.fixture
def speak(client):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)
    return call(
        consultation=consultation(status=PublicationStatus.PUBLISHED),
        kind=CallKind.SPEAK,
        status=PublicationStatus.PUBLISHED,
        opens_at=NOW - timedelta(days=1),
        closes_at=NOW + timedelta(days=5),
    )


def settings_data(**overrides):
    data = {
        "action": "settings",
        "speakers": "4",
        "reserves": "3",
        "one_per_organization": "on",
        "confirm_within_days": "7",
        "budget": "",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name_en": "Relevance",
        "criteria-0-provenance_en": "original",
        "criteria-0-weight": "60",
        "criteria-1-name_en": "Lived experience",
        "criteria-1-provenance_en": "original",
        "criteria-1-weight": "40",
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-0-group": "gender:woman",
        "rules-0-minimum": "2",
        "rules-0-maximum": "",
    }
    return {**data, **overrides}


def test_the_secretariat_saves_the_rubric_and_the_rules(client, speak):
    response = client.post(f"/en/manage/calls/{speak.pk}/selection/settings/", settings_data())

    assert response.status_code == 302
    assert [(c.name, c.weight) for c in criteria_of(speak)] == [("Relevance", 60), ("Lived experience", 40)]
    assert list(DiversityRule.objects.values_list("dimension", "value", "minimum")) == [("gender", "woman", 2)]
    assert settings_of(speak).speakers == 4


def test_weights_that_do_not_add_up_are_refused_and_kept(client, speak):
    response = client.post(
        f"/en/manage/calls/{speak.pk}/selection/settings/", settings_data(**{"criteria-1-weight": "30"})
    )

    assert response.status_code == 200
    assert response.context["criteria"].non_form_errors() == ["The weights of the criteria must add up to 100."]
    assert 'value="Lived experience"' in response.content.decode()
    assert criteria_of(speak) == []


def test_a_reviewer_is_assigned_by_e_mail_only_with_the_role(client, speak):
    reviewer, stranger = UserFactory(), UserFactory()
    grant(reviewer, StaffRole.REVIEWER)
    url = f"/en/manage/calls/{speak.pk}/selection/settings/"

    refused = client.post(url, {"action": "add-reviewer", "email": stranger.email})
    client.post(url, {"action": "add-reviewer", "email": reviewer.email.upper()})

    assert "holds the reviewer role" in refused.context["reviewer_form"].errors["email"][0]
    assert list(ReviewerAssignment.objects.values_list("reviewer", flat=True)) == [reviewer.pk]


def test_the_rubric_cannot_change_once_reviews_started(client, speak):
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    reviewer = UserFactory()
    grant(reviewer, StaffRole.REVIEWER)
    assign_reviewer(speak.consultation, by=None, reviewer=reviewer)
    interest = express_interest(speak, by=UserFactory(), statement="Views.")
    save_review(interest, reviewer=reviewer, scores={str(criterion.pk): 4})

    response = client.post(f"/en/manage/calls/{speak.pk}/selection/settings/", settings_data())

    assert response.context["criteria"].non_form_errors() == ["Reviews have started: the rubric can no longer change."]


def test_the_page_shows_the_forms_with_what_is_saved(client, speak):
    set_rubric(speak, by=None, criteria=[("Relevance", 100)])

    html = client.get(f"/en/manage/calls/{speak.pk}/selection/settings/").content.decode()

    assert 'name="criteria-0-name_en"' in html
    assert 'value="Relevance"' in html
    assert 'name="rules-TOTAL_FORMS"' in html
    assert 'name="speakers"' in html

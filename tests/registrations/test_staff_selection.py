"""The secretariat's selection and funding pages say what happened in words people read: rules picked
by name, money against the budget, scores on the scale they were given, a change by hand called so,
and nobody named beside a rule on a personal answer."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from activity.models import Activity
from consultations.enums import CallKind, PublicationStatus
from registrations.enums import FundingStatus, RuleDimension
from registrations.models import DiversityRule, FundingApplication, Selection
from registrations.queries.reviews import settings_of
from registrations.services.answers import apply_for_funding, express_interest
from registrations.services.reviews import assign_reviewer, save_review, set_rubric
from registrations.services.selection import propose_speakers, swap_speakers
from stakeholders.enums import StaffRole
from tests.factories import ProfileFactory, UserFactory, call, consultation, grant

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)
# (gender, score) of six applicants in order of arrival; two speakers, at least one woman.
APPLICANTS = [("man", 5), ("man", 5), ("man", 4), ("woman", 3), ("woman", 2), ("man", 1)]
# (gender, travel cost) of four funding applications in order of arrival.
COSTS = [("man", 900), ("man", 800), ("woman", 1200), ("woman", 300)]


@pytest.fixture
def secretariat(client):
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    client.force_login(person)
    return person


def a_call(kind):
    return call(
        consultation=consultation(status=PublicationStatus.PUBLISHED),
        kind=kind,
        status=PublicationStatus.PUBLISHED,
        opens_at=NOW - timedelta(days=5),
        closes_at=NOW + timedelta(days=5),
    )


def settings_url(call_):
    return f"/en/manage/calls/{call_.pk}/selection/settings/"


def settings_data(**overrides):
    data = {
        "action": "settings",
        "speakers": "2",
        "reserves": "3",
        "one_per_organization": "on",
        "confirm_within_days": "7",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name_en": "Relevance",
        "criteria-0-provenance_en": "original",
        "criteria-0-weight": "100",
        "rules-TOTAL_FORMS": "3",
        "rules-INITIAL_FORMS": "0",
        "rules-0-group": "sub_region:014",
        "rules-0-minimum": "1",
        "rules-1-group": "country:",
        "rules-1-maximum": "2",
        "rules-2-group": "tag:migrant",
        "rules-2-minimum": "1",
    }
    return {**data, **overrides}


# Rules of balance, picked by name


def test_the_rule_picker_names_every_choice_in_the_staff_language(client, secretariat):
    speak = a_call(CallKind.SPEAK)

    html = client.get(settings_url(speak)).content.decode()

    assert '<optgroup label="Gender">' in html
    assert '<option value="gender:woman">Woman</option>' in html
    assert '<optgroup label="Sub-region: Africa">' in html
    assert '<option value="sub_region:014">Eastern Africa</option>' in html
    assert '<option value="category:trade-unions">Trade unions</option>' in html
    assert '<option value="country:FR">France</option>' in html
    assert '<option value="tag:migrant">Migrant-led</option>' in html
    assert '<option value="objective:1">1. ' in html
    assert '<option value="country:">Each country</option>' in html
    assert "M49 code" not in html


def test_the_rule_picker_speaks_arabic(client, secretariat):
    speak = a_call(CallKind.SPEAK)

    html = client.get(f"/ar/manage/calls/{speak.pk}/selection/settings/").content.decode()

    assert '<option value="country:FR">فرنسا</option>' in html


def test_rules_picked_by_name_keep_their_dimension_and_value(client, secretariat):
    speak = a_call(CallKind.SPEAK)

    response = client.post(settings_url(speak), settings_data())

    assert response.status_code == 302
    assert sorted(DiversityRule.objects.values_list("dimension", "value", "minimum", "maximum")) == [
        (RuleDimension.COUNTRY, "", None, 2),
        (RuleDimension.SUB_REGION, "014", 1, None),
        (RuleDimension.TAG, "migrant", 1, None),
    ]


def test_a_saved_rule_shows_its_choice_again(client, secretariat):
    speak = a_call(CallKind.SPEAK)
    DiversityRule.objects.create(selection_settings=settings_of(speak), dimension="country", value="FR", maximum=1)

    response = client.get(settings_url(speak))

    assert response.context["rules"].forms[0]["group"].value() == "country:FR"
    assert '<option value="country:FR" selected>France</option>' in response.content.decode()


def test_a_choice_not_on_the_list_is_refused_beside_it_and_keeps_the_rest(client, secretariat):
    speak = a_call(CallKind.SPEAK)

    response = client.post(settings_url(speak), settings_data(**{"rules-0-group": "gender:014"}))

    assert response.status_code == 200
    forms = response.context["rules"].forms
    assert forms[0].errors == {"group": ["Choose who the rule counts from the list."]}
    assert forms[1].errors == {}
    assert '<option value="country:" selected>Each country</option>' in response.content.decode()
    assert 'value="Relevance"' in response.content.decode()
    assert not DiversityRule.objects.exists()


def test_who_leads_an_organization_is_covered_never_capped(client, secretariat):
    speak = a_call(CallKind.SPEAK)

    response = client.post(settings_url(speak), settings_data(**{"rules-2-maximum": "3"}))

    assert "leave “at most” empty" in response.context["rules"].forms[2].errors["maximum"][0]
    assert not DiversityRule.objects.exists()


def test_a_rule_needs_a_limit_in_order(client, secretariat):
    speak = a_call(CallKind.SPEAK)

    empty = client.post(settings_url(speak), settings_data(**{"rules-0-minimum": ""}))
    reversed_ = client.post(settings_url(speak), settings_data(**{"rules-0-minimum": "3", "rules-0-maximum": "1"}))

    assert empty.context["rules"].forms[0].errors == {"minimum": ["Give “at least”, “at most” or both."]}
    assert reversed_.context["rules"].forms[0].errors == {"maximum": ["“At most” cannot be below “at least”."]}


def test_a_call_to_speak_has_no_budget_and_funding_no_speakers_nor_rubric(client, secretariat):
    speak, funding = a_call(CallKind.SPEAK), a_call(CallKind.FUNDING_SUPPORT)

    speak_page = client.get(settings_url(speak))
    funding_page = client.get(settings_url(funding))

    assert "budget" not in speak_page.context["settings_form"].fields
    assert "speakers" in speak_page.context["settings_form"].fields
    assert set(funding_page.context["settings_form"].fields) == {"one_per_organization", "budget"}
    assert "criteria" not in funding_page.context
    assert 'name="criteria-TOTAL_FORMS"' not in funding_page.content.decode()


def test_funding_settings_are_saved_without_a_rubric(client, secretariat):
    funding = a_call(CallKind.FUNDING_SUPPORT)
    data = {
        "action": "settings",
        "budget": "2500",
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-0-group": "gender:woman",
        "rules-0-minimum": "2",
    }

    response = client.post(settings_url(funding), data)

    assert response.status_code == 302
    assert settings_of(funding).budget == Decimal(2500)
    assert list(DiversityRule.objects.values_list("dimension", "value", "minimum")) == [("gender", "woman", 2)]


# Funding within the budget


@pytest.fixture
def funding():
    support = a_call(CallKind.FUNDING_SUPPORT)
    for gender, cost in COSTS:
        apply_for_funding(
            support, by=ProfileFactory(gender=gender).person, travel_cost=Decimal(cost), justification="Travel."
        )
    settings = settings_of(support)
    settings.budget = Decimal(2000)
    settings.save()
    return support


def ids(call_, *numbers):
    applications = list(FundingApplication.objects.filter(call=call_).order_by("created_at", "pk"))
    return [applications[number - 1].pk for number in numbers]


def funding_url(call_):
    return f"/en/manage/calls/{call_.pk}/funding/"


def test_saving_the_budget_says_the_new_amount(client, secretariat, funding):
    response = client.post(funding_url(funding), {"action": "budget", "budget": "300"}, follow=True)

    assert [str(message) for message in response.context["messages"]] == ["The budget is now USD\xa0300."]
    assert settings_of(funding).budget == Decimal(300)


def test_checking_the_total_adds_up_the_ticked_applications_and_records_nothing(client, secretariat, funding):
    response = client.post(
        funding_url(funding),
        {"action": "check-recommend", "applications": ids(funding, 1, 3), "reason": "Two regions."},
    )

    checked = response.context["checked"]
    assert (checked["count"], checked["total"], checked["over"]) == (2, "USD\xa02,100", "USD\xa0100")
    assert response.context["recommend_form"]["applications"].value() == [str(pk) for pk in ids(funding, 1, 3)]
    assert "Two regions.</textarea>" in response.content.decode()
    assert not FundingApplication.objects.filter(status=FundingStatus.RECOMMENDED).exists()


def test_a_recommendation_above_the_budget_is_refused_without_a_reason(client, secretariat, funding):
    response = client.post(funding_url(funding), {"action": "recommend", "applications": ids(funding, 1, 2, 3)})

    assert response.context["recommend_form"].errors["reason"] == [
        "Together these cost USD\xa02,900, USD\xa0900 above the budget of USD\xa02,000: write the reason for "
        "going above it, or tick fewer."
    ]
    assert not FundingApplication.objects.filter(status=FundingStatus.RECOMMENDED).exists()


def test_a_recommendation_above_the_budget_is_kept_with_its_reason_in_the_log(client, secretariat, funding):
    client.post(
        funding_url(funding),
        {"action": "recommend", "applications": ids(funding, 1, 2, 3), "reason": "A donor adds 900 dollars."},
    )

    assert FundingApplication.objects.filter(status=FundingStatus.RECOMMENDED).count() == 3
    entry = Activity.objects.get(content_type__model="selection", field="selected")
    assert entry.note.startswith("A donor adds 900 dollars.\n")
    assert "Above the budget: USD\xa02,900 for a budget of USD\xa02,000." in entry.note


def test_a_second_recommendation_counts_the_first_against_the_budget(client, secretariat, funding):
    client.post(funding_url(funding), {"action": "recommend", "applications": ids(funding, 1, 2)})

    refused = client.post(funding_url(funding), {"action": "recommend", "applications": ids(funding, 3)})
    client.post(funding_url(funding), {"action": "recommend", "applications": ids(funding, 4)})

    assert "Together these cost USD\xa02,900" in refused.context["recommend_form"].errors["reason"][0]
    recommended = FundingApplication.objects.filter(status=FundingStatus.RECOMMENDED)
    assert sorted(recommended.values_list("pk", flat=True)) == sorted(ids(funding, 1, 2, 4))  # 2,000: within
    assert Selection.objects.get().selected == ids(funding, 1, 2, 4)


def test_the_chair_grants_above_the_budget_only_with_a_reason(client, secretariat, funding):
    client.post(
        funding_url(funding),
        {"action": "recommend", "applications": ids(funding, 1, 2, 3), "reason": "A donor adds 900 dollars."},
    )

    refused = client.post(funding_url(funding), {"action": "decide", "applications": ids(funding, 1, 2, 3)})
    client.post(
        funding_url(funding),
        {"action": "decide", "applications": ids(funding, 1, 2, 3), "reason": "The donor confirmed."},
    )

    assert "above the budget" in refused.context["decide_form"].errors["reason"][0]
    assert FundingApplication.objects.filter(status=FundingStatus.GRANTED).count() == 3
    decided = Activity.objects.get(content_type__model="selection", field="status")
    assert decided.note.startswith("The donor confirmed.\n")


# Explanations of the speakers' selection that match what happened


@pytest.fixture
def speak(secretariat):
    speak = a_call(CallKind.SPEAK)
    settings = settings_of(speak)
    settings.speakers, settings.reserves = 2, 3
    settings.save()
    DiversityRule.objects.create(selection_settings=settings, dimension=RuleDimension.GENDER, value="woman", minimum=1)
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    reviewer = UserFactory()
    grant(reviewer, StaffRole.REVIEWER)
    assign_reviewer(speak.consultation, by=None, reviewer=reviewer)
    for number, (gender, score) in enumerate(APPLICANTS, start=1):
        person = ProfileFactory(gender=gender, person__display_name=f"Speaker {number}").person
        interest = express_interest(speak, by=person, statement="Views.")
        save_review(interest, reviewer=reviewer, scores={str(criterion.pk): score})
    return speak


def interests(call_):
    return list(call_.expressions_of_interest.order_by("arrival"))


def selection_url(call_):
    return f"/en/manage/calls/{call_.pk}/selection/"


def test_no_one_is_named_beside_a_rule_on_gender(client, speak):
    propose_speakers(speak, by=None)

    page = client.get(selection_url(speak))

    html = page.content.decode()
    assert "2 people were passed over to meet the rule “at least 1 person with Gender: Woman”." in html
    assert "Speaker 2: at least" not in html
    assert "Speaker 3: at least" not in html
    assert page.context["passed_over"] == []


def test_a_change_by_hand_is_explained_as_such_with_its_reason(client, speak, secretariat):
    first, second, third, *_rest = interests(speak)
    selection = propose_speakers(speak, by=None)
    swap_speakers(
        selection,
        by=secretariat,
        remove=first.pk,
        add=third.pk,
        category="other",
        reason="Speaks in the opening\nsession.",
    )

    page = client.get(selection_url(speak))

    reason = "changed by hand: Speaks in the opening session."
    # The one taken out, and the one who outranks the one put in: the change explains both, no rule does.
    assert page.context["passed_over"] == [(first, reason), (second, reason)]
    assert page.context["counted"] == []
    first_selected = page.context["selected"][0]
    assert (first_selected["interest"], first_selected["by_hand"], first_selected["why"]) == (third, True, reason)
    assert page.context["relaxations"] == []
    assert page.context["broken_since"] == []


def test_a_rule_broken_by_hand_is_not_called_a_rule_that_cannot_hold(client, speak, secretariat):
    _first, second, _third, fourth, *_rest = interests(speak)
    selection = propose_speakers(speak, by=None)
    swap_speakers(
        selection, by=secretariat, remove=fourth.pk, add=second.pk, category="withdrew", reason="She withdrew by phone."
    )

    page = client.get(selection_url(speak))

    assert page.context["relaxations"] == []
    assert page.context["broken_since"] == [("at least 1 person with Gender: Woman", 1)]
    assert page.context["passed_over"] == [(fourth, "changed by hand: She withdrew by phone.")]
    assert "The rules cannot all hold" not in page.content.decode()


def test_rules_that_cannot_all_hold_are_said_once(client, speak):
    settings = settings_of(speak)
    DiversityRule.objects.create(selection_settings=settings, dimension=RuleDimension.GENDER, value="woman", minimum=3)

    propose_speakers(speak, by=None)
    html = client.get(selection_url(speak)).content.decode()

    assert html.count("The rules cannot all hold") == 1


def test_a_single_reviewer_s_scores_stay_on_their_scale(client, speak):
    propose_speakers(speak, by=None)

    page = client.get(selection_url(speak))

    html = page.content.decode()
    assert page.context["normalised"] is False
    assert "5 of 5" in html
    assert "3 of 5" in html
    assert "Normalised score" not in html
    assert Selection.objects.get().selected == [
        interest.pk for interest in interests(speak) if interest.arrival in (1, 4)
    ]


def test_several_reviewers_scores_are_normalised_and_the_page_says_how(client, speak):
    (criterion,) = settings_of(speak).criteria.all()
    second_reviewer = UserFactory()
    grant(second_reviewer, StaffRole.REVIEWER)
    assign_reviewer(speak.consultation, by=None, reviewer=second_reviewer)
    save_review(interests(speak)[0], reviewer=second_reviewer, scores={str(criterion.pk): 2})

    page = client.get(selection_url(speak))

    html = page.content.decode()
    assert page.context["normalised"] is True
    assert "Normalised score" in html
    assert "standard deviations above" in html

"""Funding support: within a budget, for diverse representation, recommended by the Executive
Committee and then decided by the chair, both steps on record, every applicant told."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from activity.models import Activity
from consultations.enums import CallKind, PublicationStatus
from portal.models import Notice
from registrations.enums import FundingStatus, RuleDimension
from registrations.models import DiversityRule, FundingApplication, Selection
from registrations.queries.funding import funding_proposal
from registrations.queries.reviews import settings_of
from registrations.services.answers import apply_for_funding
from registrations.services.funding import decide_funding
from stakeholders.enums import StaffRole
from tests.factories import ProfileFactory, UserFactory, call, consultation, grant

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)
# (gender, travel cost) in order of arrival
APPLICATIONS = [("man", 900), ("man", 800), ("woman", 1200), ("woman", 300)]


@pytest.fixture
def funding_call():
    support = call(
        consultation=consultation(status=PublicationStatus.PUBLISHED),
        kind=CallKind.FUNDING_SUPPORT,
        status=PublicationStatus.PUBLISHED,
        opens_at=NOW - timedelta(days=5),
        closes_at=NOW + timedelta(days=5),
    )
    for gender, cost in APPLICATIONS:
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


def test_the_proposal_stays_within_the_budget_and_funds_as_many_as_it_can(funding_call):
    proposal = funding_proposal(funding_call)

    assert sorted(proposal.selected) == sorted(ids(funding_call, 1, 2, 4))  # 2,000 dollars exactly


def test_a_rule_of_balance_changes_who_is_funded(funding_call):
    DiversityRule.objects.create(
        selection_settings=settings_of(funding_call), dimension=RuleDimension.GENDER, value="woman", minimum=2
    )

    proposal = funding_proposal(funding_call)

    assert sorted(proposal.selected) == sorted(ids(funding_call, 3, 4))


def test_the_two_steps_are_recorded_and_everyone_is_told(client, funding_call, django_capture_on_commit_callbacks):
    committee, chair = UserFactory(), UserFactory()
    grant(committee, StaffRole.SECRETARIAT)
    grant(chair, StaffRole.SECRETARIAT)
    url = f"/en/manage/calls/{funding_call.pk}/funding/"
    client.force_login(committee)
    client.post(url, {"action": "recommend", "applications": ids(funding_call, 1, 2, 4)})
    client.force_login(chair)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "decide", "applications": ids(funding_call, 1, 4), "reason": "Budget cut."})

    statuses = list(FundingApplication.objects.order_by("created_at", "pk").values_list("status", flat=True))
    assert statuses == [FundingStatus.GRANTED, FundingStatus.DECLINED, FundingStatus.DECLINED, FundingStatus.GRANTED]
    first = FundingApplication.objects.get(pk=ids(funding_call, 1)[0])
    assert (first.recommended_by, first.decided_by) == (committee, chair)
    selection = Selection.objects.get()
    trail = Activity.objects.filter(content_type__model="selection", object_id=selection.pk).order_by("at", "pk")
    assert [(entry.actor, entry.field, entry.after) for entry in trail] == [
        (committee, "selected", "#{}, #{}, #{}".format(*ids(funding_call, 1, 2, 4))),
        (chair, "status", "published"),
    ]
    assert trail.last().note == "Budget cut.\nDecided by the chair: granted #{}, #{}.".format(*ids(funding_call, 1, 4))
    decided = Activity.objects.filter(content_type__model="fundingapplication", object_id=first.pk).order_by("pk")
    assert [(entry.actor, entry.after) for entry in decided if entry.before] == [
        (committee, FundingStatus.RECOMMENDED),
        (chair, FundingStatus.GRANTED),
    ]
    assert Notice.objects.filter(kind__startswith="funding-").count() == 4


def test_the_chair_cannot_decide_before_a_recommendation(funding_call):
    with pytest.raises(Exception, match="not recommended any application"):
        decide_funding(funding_call, by=None, granted=[])


def test_only_the_secretariat_opens_the_funding_page(client, funding_call):
    client.force_login(UserFactory())

    assert client.get(f"/en/manage/calls/{funding_call.pk}/funding/").status_code == 403


def test_a_refused_recommendation_keeps_the_note_that_was_written(client, funding_call):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)

    response = client.post(
        f"/en/manage/calls/{funding_call.pk}/funding/",
        {"action": "recommend", "reason": "Discussed on 12 March."},
    )

    assert response.status_code == 200
    assert response.context["recommend_form"].errors["applications"] == ["Recommend at least one application."]
    assert "Discussed on 12 March.</textarea>" in response.content.decode()


def test_a_new_budget_is_recorded_with_who_set_it(client, funding_call):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)

    client.post(f"/en/manage/calls/{funding_call.pk}/funding/", {"action": "budget", "budget": "2500"})

    change = Activity.objects.get(field="budget")
    assert (change.actor, change.before, change.after) == (secretariat, "2000.00", "2500.00")


def test_the_funding_page_proposes_within_the_budget(client, funding_call):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)

    page = client.get(f"/en/manage/calls/{funding_call.pk}/funding/")

    assert page.context["proposed"] == set(ids(funding_call, 1, 2, 4))
    assert page.context["proposal"].optimal is True

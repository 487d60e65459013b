"""From reviews to confirmed speakers: reviewers score, the secretariat proposes, overrides one
person with a reason, publishes; everyone is told; a decline hands the slot to the right reserve."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from consultations.enums import CallKind, PublicationStatus
from portal.models import Notice
from registrations.enums import InterestStatus, RuleDimension
from registrations.models import DiversityRule, ExpressionOfInterest, Selection
from registrations.queries.reviews import normalised_scores, settings_of
from registrations.services.answers import express_interest
from registrations.services.reviews import assign_reviewer, set_rubric
from registrations.services.selection import expire_confirmations, propose_speakers, publish_selection
from stakeholders.enums import StaffRole
from tests.consultations.test_models import call, consultation
from tests.factories import ProfileFactory, UserFactory, grant

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)
# (gender, relevance score) of six applicants in order of arrival
APPLICANTS = [("man", 5), ("man", 5), ("man", 4), ("woman", 3), ("woman", 2), ("man", 1)]


@pytest.fixture
def world(client):
    speak = call(
        consultation=consultation(status=PublicationStatus.PUBLISHED),
        kind=CallKind.SPEAK,
        status=PublicationStatus.PUBLISHED,
        opens_at=NOW - timedelta(days=5),
        closes_at=NOW + timedelta(days=1),
    )
    settings = settings_of(speak)
    settings.speakers, settings.reserves = 2, 3
    settings.save()
    DiversityRule.objects.create(selection_settings=settings, dimension=RuleDimension.GENDER, value="woman", minimum=1)
    (criterion,) = set_rubric(speak, by=None, criteria=[("Relevance", 100)])
    interests = [
        express_interest(
            speak, by=ProfileFactory(gender=gender, person__display_name=f"Speaker {number}").person, statement="Views."
        )
        for number, (gender, _score) in enumerate(APPLICANTS, start=1)
    ]
    reviewer = UserFactory()
    grant(reviewer, StaffRole.REVIEWER)
    assign_reviewer(speak.consultation, by=None, reviewer=reviewer)
    client.force_login(reviewer)
    for interest, (_gender, score) in zip(interests, APPLICANTS, strict=True):
        client.post(
            f"/en/manage/calls/{speak.pk}/reviews/{interest.pk}/",
            {f"criterion_{criterion.pk}": score, "comment": "Clear and relevant."},
        )
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)
    return {"call": speak, "interests": interests, "secretariat": secretariat}


def test_the_reviewer_scored_everyone(world):
    assert len(normalised_scores(world["call"])) == 6


def test_the_proposal_keeps_the_rule_and_explains_who_was_passed_over(client, world):
    first, second, third, fourth, *_rest = world["interests"]
    url = f"/en/manage/calls/{world['call'].pk}/selection/"

    client.post(url, {"action": "propose"})
    page = client.get(url)

    selection = Selection.objects.get()
    assert selection.selected == [first.pk, fourth.pk]  # the best man and the best woman
    assert selection.reserve[:2] == [second.pk, third.pk]
    assert [interest.pk for interest, _reason in page.context["displaced"]] == [second.pk, third.pk]
    assert page.context["report"].score_given_up > 0


def test_an_override_that_breaks_a_rule_needs_a_reason(client, world):
    first, second, _third, fourth, *_rest = world["interests"]
    url = f"/en/manage/calls/{world['call'].pk}/selection/"
    client.post(url, {"action": "propose"})

    refused = client.post(url, {"action": "swap", "remove": fourth.pk, "add": second.pk, "reason": ""})
    assert refused.context["swap_form"].non_field_errors() == [
        "This change breaks a rule of the selection: write why it is needed."
    ]
    client.post(url, {"action": "swap", "remove": fourth.pk, "add": second.pk, "reason": "She withdrew by phone."})

    selection = Selection.objects.get()
    assert selection.selected == [first.pk, second.pk]
    override = selection.events.get(action="override")
    assert (override.actor, override.reason) == (world["secretariat"], "She withdrew by phone.")


def test_publishing_tells_every_applicant_and_a_decline_goes_to_the_best_reserve_that_keeps_the_rules(
    client, world, django_capture_on_commit_callbacks
):
    first, second, third, fourth, fifth, sixth = world["interests"]
    url = f"/en/manage/calls/{world['call'].pk}/selection/"
    client.post(url, {"action": "propose"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "publish"})

    statuses = dict(ExpressionOfInterest.objects.values_list("pk", "status"))
    assert statuses[first.pk] == statuses[fourth.pk] == InterestStatus.SELECTED
    assert statuses[second.pk] == statuses[third.pk] == statuses[fifth.pk] == InterestStatus.RESERVE
    assert statuses[sixth.pk] == InterestStatus.NOT_SELECTED
    told = Notice.objects.filter(kind__startswith="selection-").exclude(kind="selection-confirm-reminder")
    assert sorted(told.values_list("object_id", flat=True)) == sorted(interest.pk for interest in world["interests"])
    (to_fourth,) = [message for message in mail.outbox if message.to == [fourth.person.email]]
    assert "please confirm" in to_fourth.subject
    link = re.search(r"https?://\S+/speakers/\S+/", to_fourth.body).group(0)

    client.logout()  # the link works without signing in
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link[link.index("/en/") :], {"answer": "decline"})

    # The woman who declined is replaced by the next woman, not by the higher-scored men: the rule holds.
    fifth.refresh_from_db()
    assert fifth.status == InterestStatus.SELECTED
    assert Notice.objects.filter(kind="selection-offered", object_id=fifth.pk).count() == 1
    assert Selection.objects.get().selected == [first.pk, fifth.pk]


def test_a_missed_deadline_counts_as_a_decline(world):
    selection = propose_speakers(world["call"], by=None)
    publish_selection(selection, by=None)
    first = world["interests"][0]
    ExpressionOfInterest.objects.filter(pk=first.pk).update(confirm_by=NOW - timedelta(minutes=1))

    assert expire_confirmations() == 1
    first.refresh_from_db()
    assert first.status == InterestStatus.DECLINED
    assert ExpressionOfInterest.objects.filter(status=InterestStatus.SELECTED).count() == 2


def test_a_reviewer_cannot_open_the_selection(client, world):
    reviewer = UserFactory()
    grant(reviewer, StaffRole.REVIEWER)
    client.force_login(reviewer)

    assert client.get(f"/en/manage/calls/{world['call'].pk}/selection/").status_code == 403


def test_the_public_programme_lists_confirmed_speakers_who_agreed(client, world):
    first, _second, _third, fourth, *_rest = world["interests"]
    ExpressionOfInterest.objects.filter(pk=first.pk).update(status=InterestStatus.CONFIRMED, may_list_publicly=True)
    ExpressionOfInterest.objects.filter(pk=fourth.pk).update(status=InterestStatus.CONFIRMED, may_list_publicly=False)

    html = client.get(world["call"].consultation.get_absolute_url()).content.decode()

    assert "Speaker 1" in html
    assert "Speaker 4" not in html


def test_an_applicant_sees_the_rules_and_their_own_status_only(client, world):
    publish_selection(propose_speakers(world["call"], by=None), by=None)
    sixth = world["interests"][5]
    client.force_login(sixth.person)

    page = client.get(f"/en/my-participation/interests/{sixth.pk}/how-speakers-are-chosen/")

    html = page.content.decode()
    assert "at least 1 with Gender: Woman" in html
    assert "Not selected" in html
    assert "Speaker 1" not in html
    assert (
        client.get(f"/en/my-participation/interests/{world['interests'][0].pk}/how-speakers-are-chosen/").status_code
        == 403
    )

"""From reviews to confirmed speakers: reviewers score, the secretariat proposes, overrides one
person with a reason, publishes; everyone is told; a decline hands the slot to the right reserve.
Every step is in the activity log. The proposal is computed by a task once the request committed."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection

from activity.models import Activity
from consultations.enums import CallKind, PublicationStatus
from portal.models import Notice
from registrations.enums import Appearance, InterestStatus, ProposalProblem, RuleDimension, SelectionStatus
from registrations.models import DiversityRule, ExpressionOfInterest, ProposalRequest, Selection
from registrations.queries.reviews import normalised_scores, settings_of
from registrations.services.answers import express_interest
from registrations.services.reviews import assign_reviewer, set_rubric
from registrations.services.selection import expire_confirmations, propose_speakers, publish_selection
from registrations.tasks import task_propose_speakers
from stakeholders.enums import StaffRole
from tests.factories import ProfileFactory, UserFactory, call, consultation, grant

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


def propose(client, call_, capture):
    """Ask for a proposal; the task runs when the request's transaction commits."""
    with capture(execute=True):
        return client.post(f"/en/manage/calls/{call_.pk}/selection/", {"action": "propose"})


def test_the_reviewer_scored_everyone(world):
    assert len(normalised_scores(world["call"])) == 6


def test_the_proposal_keeps_the_rule_and_explains_who_was_passed_over(
    client, world, django_capture_on_commit_callbacks
):
    first, second, third, fourth, *_rest = world["interests"]
    url = f"/en/manage/calls/{world['call'].pk}/selection/"

    propose(client, world["call"], django_capture_on_commit_callbacks)
    page = client.get(url)

    selection = Selection.objects.get()
    assert selection.selected == [first.pk, fourth.pk]  # the best man and the best woman
    assert selection.reserve[:2] == [second.pk, third.pk]
    # The rule is on gender, a personal answer: the two men passed over are counted, not named.
    assert page.context["passed_over"] == []
    rule = "at least 1 person with Gender: Woman"
    assert page.context["counted"] == [f"2 people were passed over to meet the rule “{rule}”."]
    assert page.context["report"].score_given_up > 0


def test_an_override_that_breaks_a_rule_needs_a_reason(client, world, django_capture_on_commit_callbacks):
    first, second, _third, fourth, *_rest = world["interests"]
    url = f"/en/manage/calls/{world['call'].pk}/selection/"
    propose(client, world["call"], django_capture_on_commit_callbacks)

    refused = client.post(
        url, {"action": "swap", "remove": fourth.pk, "add": second.pk, "category": "withdrew", "reason": ""}
    )
    assert refused.context["swap_form"].non_field_errors() == [
        "This change breaks a rule of the selection: write why it is needed."
    ]
    client.post(
        url,
        {
            "action": "swap",
            "remove": fourth.pk,
            "add": second.pk,
            "category": "withdrew",
            "reason": "She withdrew by phone.",
        },
    )

    selection = Selection.objects.get()
    assert selection.selected == [first.pk, second.pk]
    override = Activity.objects.get(content_type__model="selection", field="selected", before="#4")
    assert (override.actor, override.after) == (world["secretariat"], "#2")
    assert override.note == "She withdrew by phone.\nBreaks: at least 1 person with Gender: Woman."
    html = client.get(url).content.decode()
    assert "She withdrew by phone." in html
    assert "Proposed by the engine. Selected: #1, #4. Reserve: #2, #3, #5." in html


def test_publishing_tells_every_applicant_and_a_decline_goes_to_the_best_reserve_that_keeps_the_rules(
    client, world, django_capture_on_commit_callbacks
):
    first, second, third, fourth, fifth, sixth = world["interests"]
    url = f"/en/manage/calls/{world['call'].pk}/selection/"
    propose(client, world["call"], django_capture_on_commit_callbacks)

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
        client.post(link[link.index("/en/") :] + "decline/")

    # The woman who declined is replaced by the next woman, not by the higher-scored men: the rule holds.
    fifth.refresh_from_db()
    assert fifth.status == InterestStatus.SELECTED
    assert Notice.objects.filter(kind="selection-offered", object_id=fifth.pk).count() == 1
    assert Selection.objects.get().selected == [first.pk, fifth.pk]
    changes = Activity.objects.filter(field="status").exclude(before="").order_by("at", "pk")
    assert [
        (change.actor, change.before, change.after)
        for change in changes.filter(content_type__model="expressionofinterest", object_id=fourth.pk)
    ] == [
        (world["secretariat"], InterestStatus.RECEIVED, InterestStatus.SELECTED),
        (fourth.person, InterestStatus.SELECTED, InterestStatus.DECLINED),
    ]
    assert (
        changes.get(content_type__model="expressionofinterest", object_id=fifth.pk, after="selected").note
        == "Offered the slot of #4."
    )
    published = changes.get(content_type__model="selection", after=SelectionStatus.PUBLISHED)
    assert published.note == "2 selected, 3 in reserve, and 1 not selected; everyone is told."


def test_a_missed_deadline_counts_as_a_decline(world):
    selection = propose_speakers(world["call"], by=None)
    publish_selection(selection, by=None)
    first = world["interests"][0]
    ExpressionOfInterest.objects.filter(pk=first.pk).update(confirm_by=NOW - timedelta(minutes=1))

    assert expire_confirmations() == 1
    first.refresh_from_db()
    assert first.status == InterestStatus.DECLINED
    expired = Activity.objects.get(content_type__model="expressionofinterest", after=InterestStatus.DECLINED)
    assert (expired.actor, expired.note) == (None, "The deadline to confirm passed.")
    assert ExpressionOfInterest.objects.filter(status=InterestStatus.SELECTED).count() == 2


def test_a_reviewer_cannot_open_the_selection(client, world):
    reviewer = UserFactory()
    grant(reviewer, StaffRole.REVIEWER)
    client.force_login(reviewer)

    assert client.get(f"/en/manage/calls/{world['call'].pk}/selection/").status_code == 403


def test_the_public_programme_lists_confirmed_speakers_who_agreed(client, world):
    first, _second, _third, fourth, *_rest = world["interests"]
    ExpressionOfInterest.objects.filter(pk=first.pk).update(status=InterestStatus.CONFIRMED, appearance=Appearance.NAME)
    ExpressionOfInterest.objects.filter(pk=fourth.pk).update(
        status=InterestStatus.CONFIRMED, appearance=Appearance.ANONYMOUS
    )

    html = client.get(world["call"].consultation.get_absolute_url()).content.decode()

    assert "Speaker 1" in html
    assert "Speaker 4" not in html


def test_an_applicant_sees_the_rules_and_their_own_status_only(client, world):
    publish_selection(propose_speakers(world["call"], by=None), by=None)
    sixth = world["interests"][5]
    client.force_login(sixth.person)

    page = client.get(f"/en/my-participation/interests/{sixth.pk}/how-speakers-are-chosen/")

    html = page.content.decode()
    assert "at least 1 person with Gender: Woman" in html
    assert "Not selected" in html
    assert "Speaker 1" not in html
    assert (
        client.get(f"/en/my-participation/interests/{world['interests'][0].pk}/how-speakers-are-chosen/").status_code
        == 403
    )


def test_while_the_proposal_is_computed_the_page_says_so_and_refreshes(client, world):
    client.post(f"/en/manage/calls/{world['call'].pk}/selection/", {"action": "propose"})  # the task waits

    html = client.get(f"/en/manage/calls/{world['call'].pk}/selection/").content.decode()

    assert '<meta http-equiv="refresh" content="5">' in html
    assert "is being computed" in html
    assert not Selection.objects.exists()


def test_a_proposal_that_cannot_be_made_is_explained_on_the_page(client, world, django_capture_on_commit_callbacks):
    from registrations.models import Review

    Review.objects.all().delete()

    response = propose(client, world["call"], django_capture_on_commit_callbacks)
    page = client.get(f"/en/manage/calls/{world['call'].pk}/selection/")

    assert response.status_code == 302
    assert ProposalRequest.objects.get().problem == ProposalProblem.NOBODY_REVIEWED
    assert "there is nobody to select" in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()


def test_the_task_run_twice_keeps_one_proposal(client, world, django_capture_on_commit_callbacks):
    propose(client, world["call"], django_capture_on_commit_callbacks)

    assert task_propose_speakers(call_id=world["call"].pk, by_id=world["secretariat"].pk) is False
    assert Selection.objects.count() == 1
    assert Activity.objects.filter(content_type__model="selection", field="selected").count() == 1
    assert not ProposalRequest.objects.exists()


def test_proposing_again_keeps_the_history_on_the_same_selection(client, world, django_capture_on_commit_callbacks):
    propose(client, world["call"], django_capture_on_commit_callbacks)
    first_pk = Selection.objects.get().pk

    propose(client, world["call"], django_capture_on_commit_callbacks)

    assert Selection.objects.get().pk == first_pk
    assert Activity.objects.filter(content_type__model="selection", object_id=first_pk).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_engine_runs_after_the_request_committed_outside_any_transaction(client, world, monkeypatch):
    import registrations.services.selection as services

    seen = []
    real = services.propose_selection

    def watched(*args, **kwargs):
        # The request is committed when the engine starts: another connection would see it.
        seen.append((connection.in_atomic_block, ProposalRequest.objects.filter(call=world["call"]).exists()))
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "propose_selection", watched)

    client.post(f"/en/manage/calls/{world['call'].pk}/selection/", {"action": "propose"})

    assert seen == [(False, True)]
    assert len(Selection.objects.get().selected) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_old_audit_trail_moves_into_the_activity_log(world):
    from django.db.migrations.executor import MigrationExecutor

    first, second, *_rest = world["interests"]
    before = [("registrations", "0005_selection_report_is_recomputed")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    selection = old.get_model("registrations", "Selection").objects.create(
        call_id=world["call"].pk, selected=[first.pk], reserve=[second.pk]
    )
    events = old.get_model("registrations", "SelectionEvent").objects
    events.create(
        selection=selection,
        actor_id=world["secretariat"].pk,
        action="proposed",
        details={"selected": [first.pk], "reserve": [second.pk]},
    )
    events.create(
        selection=selection,
        actor_id=world["secretariat"].pk,
        action="override",
        details={"removed": first.pk, "added": second.pk, "breaks": ["at least 1 with gender=woman"]},
        reason="She asked to.",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    trail = Activity.objects.filter(content_type__model="selection", object_id=selection.pk).order_by("at", "pk")
    assert [(entry.actor, entry.field, entry.before, entry.after, entry.note) for entry in trail] == [
        (world["secretariat"], "selected", "", "#1", "Proposed by the engine. Selected: #1. Reserve: #2."),
        (
            world["secretariat"],
            "selected",
            "#1",
            "#2",
            "She asked to.\nChanged by hand.\nBreaks: at least 1 with gender=woman.",
        ),
    ]

"""Every change of a state of an answer, and every change of the secretariat's selection settings, is on
record: who, from → to, why, and whose answer it was; a change that rolls back leaves no row. The person
sees on their own page what others changed, never who by e-mail."""

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from activity.models import Activity
from consultations.enums import CallKind, Modality
from consultations.models import Consultation
from consultations.services import save_consultation
from consultations.signals import seats_changed
from portal.models import Notice
from registrations.enums import (
    Attendance,
    FundingStatus,
    InterestStatus,
    ProposalStatus,
    RegistrationStatus,
)
from registrations.models import ExpressionOfInterest, Registration, ReviewerAssignment
from registrations.queries.reviews import settings_of
from registrations.services.answers import (
    apply_for_funding,
    cancel_registration,
    erase_answers_of,
    express_interest,
    propose_side_event,
    register,
    withdraw,
)
from registrations.services.reviews import (
    assign_reviewer,
    remove_reviewer,
    save_selection_settings,
    set_rubric,
)
from registrations.services.states import set_interest_status
from stakeholders.enums import StaffRole
from stakeholders.services import delete_account
from tests.factories import ProfileFactory, UserFactory, answerable_call, grant

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)
CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


class Undone(Exception):
    """Raised after a change to roll its transaction back."""


def roll_back(change) -> None:
    """Make a change, then roll its transaction back as a later failure would."""
    try:
        with transaction.atomic():
            change()
            raise Undone
    except Undone:
        pass


def open_call(kind=CallKind.ATTEND, seats=1):
    return answerable_call(kind, modality=Modality.IN_PERSON, capacity_in_person=seats, commission="", country="KE")


def register_for(attend, person=None):
    return register(attend, by=person or UserFactory(), attendance=Attendance.IN_PERSON, consent=True)


def log_of(subject):
    return list(
        Activity.objects.filter(object_id=subject.pk, content_type__model=subject._meta.model_name)
        .order_by("pk")
        .values_list("actor", "field", "before", "after", "note", "concerns")
    )


def answer_of(kind, person):
    answer_call = open_call(kind)
    if kind == CallKind.SPEAK:
        return express_interest(answer_call, by=person, statement="My views.")
    if kind == CallKind.SIDE_EVENT:
        return propose_side_event(answer_call, by=person, title="Voices", description="A panel.")
    return apply_for_funding(answer_call, by=person, travel_cost=500, justification="Travel.")


WITHDRAWN = {
    CallKind.SPEAK: InterestStatus.WITHDRAWN,
    CallKind.SIDE_EVENT: ProposalStatus.WITHDRAWN,
    CallKind.FUNDING_SUPPORT: FundingStatus.WITHDRAWN,
}


def test_a_registration_starts_its_history_as_confirmed_by_the_person():
    person = UserFactory()

    registration = register_for(open_call(), person)

    assert log_of(registration) == [(person.pk, "status", "", CONFIRMED, "", person.pk)]


def test_a_cancellation_is_recorded_and_the_promotion_it_causes_is_recorded_by_the_canceller(
    django_capture_on_commit_callbacks,
):
    attend = open_call()
    leaving, waiting = register_for(attend), register_for(attend)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(leaving, by=leaving.person)

    assert log_of(leaving)[-1] == (leaving.person_id, "status", CONFIRMED, CANCELLED, "", leaving.person_id)
    assert log_of(waiting)[-1] == (
        leaving.person_id,
        "status",
        WAITLISTED,
        CONFIRMED,
        "A seat became free after a cancellation.",
        waiting.person_id,
    )
    assert Notice.objects.filter(kind="registration-promoted", object_id=waiting.pk).count() == 1


def test_a_cancellation_that_rolls_back_leaves_no_row():
    attend = open_call()
    leaving, _waiting = register_for(attend), register_for(attend)
    before = Activity.objects.count()

    roll_back(lambda: cancel_registration(leaving, by=leaving.person))

    assert Activity.objects.count() == before
    assert list(Registration.objects.order_by("pk").values_list("status", flat=True)) == [CONFIRMED, WAITLISTED]


def test_a_focal_points_seat_change_promotes_on_their_name_and_tells_the_person(
    django_capture_on_commit_callbacks,
):
    attend = open_call()
    register_for(attend)
    waiting = register_for(attend)
    focal_point = UserFactory()
    grant(focal_point, StaffRole.FOCAL_POINT, country="KE")

    with django_capture_on_commit_callbacks(execute=True):
        save_consultation(attend.consultation, by=focal_point, data={"capacity_in_person": 2}, provenance={})

    assert log_of(waiting)[-1] == (
        focal_point.pk,
        "status",
        WAITLISTED,
        CONFIRMED,
        "The organizers changed the seats.",
        waiting.person_id,
    )
    assert Notice.objects.filter(kind="registration-promoted", object_id=waiting.pk).count() == 1


def test_the_seats_changed_signal_promotes_in_order_on_the_senders_name():
    attend = open_call()
    register_for(attend)
    first, second = register_for(attend), register_for(attend)
    focal_point = UserFactory()
    Consultation.objects.filter(pk=attend.consultation_id).update(capacity_in_person=2)

    seats_changed.send(sender=Consultation, consultation=attend.consultation, by=focal_point)

    assert dict(Registration.objects.values_list("pk", "status"))[first.pk] == CONFIRMED
    assert dict(Registration.objects.values_list("pk", "status"))[second.pk] == WAITLISTED
    assert log_of(first)[-1][:4] == (focal_point.pk, "status", WAITLISTED, CONFIRMED)
    assert log_of(second)[-1][3] == WAITLISTED


@pytest.mark.parametrize("kind", list(WITHDRAWN))
def test_a_withdrawal_is_recorded_by_the_person(kind):
    person = UserFactory()
    answer = answer_of(kind, person)

    withdraw(answer, by=person)

    assert log_of(answer) == [
        (person.pk, "status", "", "received", "", person.pk),
        (person.pk, "status", "received", WITHDRAWN[kind], "", person.pk),
    ]


@pytest.mark.parametrize("kind", list(WITHDRAWN))
def test_a_withdrawal_that_rolls_back_leaves_no_row(kind):
    person = UserFactory()
    answer = answer_of(kind, person)
    before = log_of(answer)

    roll_back(lambda: withdraw(answer, by=person))

    answer.refresh_from_db()
    assert (answer.status, log_of(answer)) == ("received", before)


def test_a_selected_speaker_cannot_withdraw_and_nothing_is_recorded():
    person = UserFactory()
    interest = answer_of(CallKind.SPEAK, person)
    with transaction.atomic():
        set_interest_status(interest, InterestStatus.SELECTED, by=None)
    before = log_of(interest)

    with pytest.raises(Exception, match="can no longer be withdrawn"):
        withdraw(interest, by=person)

    interest.refresh_from_db()
    assert (interest.status, log_of(interest)) == (InterestStatus.SELECTED, before)


def test_deleting_an_account_records_each_change_as_the_person_with_the_reason():
    attend = open_call()
    person = UserFactory()
    registration = register_for(attend, person)
    waiting = register_for(attend)
    answers = {kind: answer_of(kind, person) for kind in WITHDRAWN}
    note = "Following the deletion of the account."

    with transaction.atomic():
        erase_answers_of(person)

    assert log_of(registration)[-1] == (person.pk, "status", CONFIRMED, CANCELLED, note, person.pk)
    assert log_of(waiting)[-1][:4] == (person.pk, "status", WAITLISTED, CONFIRMED)
    for kind, answer in answers.items():
        assert log_of(answer)[-1] == (person.pk, "status", "received", WITHDRAWN[kind], note, person.pk)
    assert ExpressionOfInterest.objects.get(pk=answers[CallKind.SPEAK].pk).statement == ""


# The secretariat's settings of a selection


@pytest.fixture
def speak():
    return open_call(CallKind.SPEAK)


@pytest.fixture
def secretariat():
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    return person


def test_a_rubric_is_recorded_briefly_and_in_full_in_the_note_when_long(speak, secretariat):
    set_rubric(speak, by=secretariat, criteria=[("Relevance", 100)])
    criteria = [("Relevance to the GCM objectives", 60), ("Lived experience of migration", 40)]

    set_rubric(speak, by=secretariat, criteria=criteria)

    settings = settings_of(speak)
    first, second = log_of(settings)
    assert first == (secretariat.pk, "rubric", "", "Relevance (100)", "", None)
    actor, field, before, after, note, _concerns = second
    assert (actor, field, before, len(after), after[-1]) == (secretariat.pk, "rubric", "Relevance (100)", 40, "…")
    assert note == "Relevance (100) → Relevance to the GCM objectives (60) · Lived experience of migration (40)"


def test_a_refused_rubric_leaves_no_row(speak, secretariat):
    with pytest.raises(Exception, match="add up to 100"):
        set_rubric(speak, by=secretariat, criteria=[("Relevance", 60)])

    assert Activity.objects.filter(field="rubric").count() == 0


def test_assigning_and_removing_a_reviewer_is_recorded_without_their_address(speak, secretariat):
    reviewer = UserFactory(display_name="Amina Diallo")

    assignment = assign_reviewer(speak.consultation, by=secretariat, reviewer=reviewer)
    assign_reviewer(speak.consultation, by=secretariat, reviewer=reviewer)
    remove_reviewer(speak.consultation, by=secretariat, reviewer_id=reviewer.pk)

    assert log_of(assignment) == [
        (secretariat.pk, "reviewer", "", "assigned", "", None),
        (secretariat.pk, "reviewer", "assigned", "removed", "", None),
    ]
    labels = set(Activity.objects.filter(field="reviewer").values_list("subject_label", flat=True))
    assert labels == {f"Amina Diallo → {speak.consultation}"}
    assert not ReviewerAssignment.objects.exists()


def test_saved_settings_record_what_changed_and_only_that(speak, secretariat):
    settings_of(speak)
    speakers_before = settings_of(speak).speakers
    rules = [{"dimension": "gender", "value": "woman", "minimum": 2, "maximum": None}]

    save_selection_settings(
        speak,
        by=secretariat,
        settings={"speakers": speakers_before + 3, "reserves": 5},
        criteria=[("Relevance", 100)],
        rules=rules,
    )

    logged = [row[1:4] for row in log_of(settings_of(speak))]
    assert logged == [
        ("speakers", str(speakers_before), str(speakers_before + 3)),
        ("rubric", "", "Relevance (100)"),
        ("rules", "", "Gender woman: 2.."),
    ]


def test_settings_that_roll_back_leave_no_row(speak, secretariat):
    roll_back(lambda: save_selection_settings(speak, by=secretariat, settings={"speakers": 9}, criteria=[], rules=[]))

    assert Activity.objects.count() == 0


# What the person sees


def test_my_participation_shows_what_the_organizers_changed_without_any_address(
    client, django_capture_on_commit_callbacks
):
    attend = open_call()
    register_for(attend)
    person = ProfileFactory().person
    register_for(attend, person)
    focal_point = UserFactory(display_name="Omar Haddad")
    grant(focal_point, StaffRole.FOCAL_POINT, country="KE")
    save_consultation(attend.consultation, by=focal_point, data={"capacity_in_person": 2}, provenance={})
    client.force_login(person)

    response = client.get("/en/my-participation/")

    (change,) = response.context["changes"]
    assert (change.actor_id, change.before_label, change.after_label) == (
        focal_point.pk,
        "On the waiting list",
        "Confirmed",
    )
    page = " ".join(response.content.decode().split())
    assert "from On the waiting list to Confirmed" in page
    assert "Omar Haddad" in page
    assert focal_point.email not in page


def test_a_promotion_caused_by_another_participant_does_not_name_them(client):
    attend = open_call()
    leaving = register_for(attend, UserFactory(display_name="Leaving Participant"))
    person = ProfileFactory().person
    register_for(attend, person)
    cancel_registration(leaving, by=leaving.person)
    client.force_login(person)

    page = client.get("/en/my-participation/").content.decode()

    assert "Leaving Participant" not in page
    assert leaving.person.email not in page
    assert "the portal" in page


def test_my_own_changes_are_not_listed_as_changes_by_others(client):
    person = ProfileFactory().person
    registration = register_for(open_call(), person)
    cancel_registration(registration, by=person)
    client.force_login(person)

    assert client.get("/en/my-participation/").context["changes"] == []


@pytest.mark.parametrize("changes", [1, 5])
def test_my_participation_reads_changes_in_a_fixed_number_of_queries(client, changes):
    person = ProfileFactory().person
    for _number in range(changes):
        attend = open_call()
        register_for(attend)
        register_for(attend, person)
        focal_point = UserFactory()
        grant(focal_point, StaffRole.FOCAL_POINT, country="KE")
        save_consultation(attend.consultation, by=focal_point, data={"capacity_in_person": 2}, provenance={})
    client.force_login(person)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/my-participation/")

    assert len(response.context["changes"]) == changes
    assert len(queries) == 10


def test_an_account_deleted_through_its_data_page_leaves_the_changes_on_record():
    attend = open_call()
    person = ProfileFactory().person
    registration = register_for(attend, person)
    waiting = register_for(attend)

    delete_account(person)

    assert log_of(registration)[-1][:4] == (person.pk, "status", CONFIRMED, CANCELLED)
    assert log_of(waiting)[-1][:4] == (person.pk, "status", WAITLISTED, CONFIRMED)
    assert Notice.objects.filter(kind="registration-promoted", object_id=waiting.pk).count() == 1


def test_a_selected_speaker_who_tries_to_withdraw_is_told_why_and_keeps_their_place(client):
    person = ProfileFactory().person
    interest = answer_of(CallKind.SPEAK, person)
    with transaction.atomic():
        set_interest_status(interest, InterestStatus.SELECTED, by=None)
    client.force_login(person)

    response = client.post(f"/en/my-participation/interests/{interest.pk}/withdraw/", follow=True)

    assert [str(message) for message in response.context["messages"]] == ["This can no longer be withdrawn."]
    interest.refresh_from_db()
    assert interest.status == InterestStatus.SELECTED

"""Only the person changes their own answer: no role, the secretariat's included, acts in their name,
over HTTP or in the services. What organizers change around it (the seats) is recorded on their name
and told to the person."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied

from activity.models import Activity
from consultations.enums import CallKind, Modality, PublicationStatus
from consultations.models import Consultation
from portal.models import Notice
from registrations.enums import Attendance, RegistrationStatus
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, SideEventProposal
from registrations.services.answers import (
    apply_for_funding,
    cancel_registration,
    edit_interest,
    express_interest,
    propose_side_event,
    register,
    withdraw,
)
from stakeholders.enums import StaffRole
from tests.factories import UserFactory, answerable_call, consultation_form, grant

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)


def open_call(kind=CallKind.ATTEND, seats=1):
    """A national consultation of Kenya, in the room and online, whose focal point may change its seats."""
    return answerable_call(
        kind,
        kind="national",
        country="KE",
        commission="",
        time_zone="Africa/Nairobi",
        modality=Modality.HYBRID,
        capacity_in_person=seats,
        capacity_online=300,
    )


@pytest.fixture
def secretariat(client):
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    client.force_login(person)
    assert not person.is_superuser
    return person


@pytest.fixture
def answers():
    """One answer of each kind, all from the same person."""
    person = UserFactory()
    return {
        "registration": register(open_call(), by=person, attendance=Attendance.IN_PERSON, consent=True),
        "interests": express_interest(open_call(CallKind.SPEAK), by=person, statement="My views."),
        "proposals": propose_side_event(
            open_call(CallKind.SIDE_EVENT), by=person, title="Voices", description="A panel."
        ),
        "applications": apply_for_funding(
            open_call(CallKind.FUNDING_SUPPORT), by=person, travel_cost=500, justification="Travel."
        ),
    }


def statuses():
    return [
        model.objects.values_list("status", flat=True).get()
        for model in (Registration, ExpressionOfInterest, SideEventProposal, FundingApplication)
    ]


def test_the_secretariat_cannot_cancel_withdraw_or_edit_someone_elses_answer_over_http(client, secretariat, answers):
    before = statuses()
    interest = answers["interests"]

    responses = [
        client.post(f"/en/my-participation/registrations/{answers['registration'].pk}/cancel/"),
        *(
            client.post(f"/en/my-participation/{kind}/{answers[kind].pk}/withdraw/")
            for kind in ("interests", "proposals", "applications")
        ),
        client.get(f"/en/my-participation/interests/{interest.pk}/edit/"),
        client.post(f"/en/my-participation/interests/{interest.pk}/edit/", {"statement": "Not theirs to say."}),
    ]

    assert [response.status_code for response in responses] == [403] * 6
    assert statuses() == before
    assert ExpressionOfInterest.objects.get().statement == "My views."
    assert not Activity.objects.filter(actor=secretariat).exists()


def test_the_secretariat_cannot_cancel_someone_elses_registration_in_the_service(secretariat, answers):
    with pytest.raises(PermissionDenied):
        cancel_registration(answers["registration"], by=secretariat)

    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("kind", ["interests", "proposals", "applications"])
def test_the_secretariat_cannot_withdraw_someone_elses_answer_in_the_service(secretariat, answers, kind):
    with pytest.raises(PermissionDenied):
        withdraw(answers[kind], by=secretariat)

    answers[kind].refresh_from_db()
    assert answers[kind].status == "received"


def test_the_secretariat_cannot_edit_someone_elses_interest_in_the_service(secretariat, answers):
    with pytest.raises(PermissionDenied):
        edit_interest(answers["interests"], by=secretariat, statement="Not theirs to say.")

    assert ExpressionOfInterest.objects.get().statement == "My views."


def test_nobody_signed_out_acts_on_an_answer_in_the_service(answers):
    with pytest.raises(PermissionDenied):
        cancel_registration(answers["registration"], by=None)


def test_a_focal_points_seat_change_is_recorded_on_their_name_and_the_person_is_told(
    client, django_capture_on_commit_callbacks
):
    attend = open_call()
    register(attend, by=UserFactory(), attendance=Attendance.IN_PERSON, consent=True)
    waiting = register(attend, by=UserFactory(), attendance=Attendance.IN_PERSON, consent=True)
    held = attend.consultation
    Consultation.objects.filter(pk=held.pk).update(status=PublicationStatus.RETURNED)  # theirs to edit again
    focal_point = UserFactory()
    grant(focal_point, StaffRole.FOCAL_POINT, country="KE")
    client.force_login(focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/manage/consultations/{held.slug}/edit/", consultation_form(capacity_in_person="2"))

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    change = Activity.objects.filter(object_id=waiting.pk, content_type__model="registration").first()
    assert (change.actor, change.concerns, change.before, change.after) == (
        focal_point,
        waiting.person,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CONFIRMED,
    )
    assert list(Notice.objects.filter(kind="registration-promoted").values_list("object_id", flat=True)) == [waiting.pk]

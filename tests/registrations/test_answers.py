"""Answering calls as a person does: registering within seats, the waiting list, expressions of
interest in arrival order, withdrawals, the organizers' list and its export, and who sees what."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from consultations.enums import CallKind, Modality
from consultations.models import Summary
from consultations.services import save_consultation
from portal import notices
from portal.models import Notice, NoticeState
from registrations.enums import Attendance, RegistrationStatus
from registrations.models import ExpressionOfInterest, Registration
from registrations.queries.answers import participation_figures
from registrations.services.answers import cancel_registration, express_interest, register
from stakeholders.enums import StaffRole
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    admin_of,
    answerable_call,
    grant,
)

pytestmark = pytest.mark.django_db

NOW = datetime.now(UTC)
CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


def open_call(kind=CallKind.ATTEND, **consultation_fields):
    """Two seats in the room and a hundred online, unless told otherwise."""
    seats = {"modality": Modality.HYBRID, "capacity_in_person": 2, "capacity_online": 100}
    return answerable_call(kind, **{**seats, **consultation_fields})


def register_for(attend, person=None, attendance=Attendance.IN_PERSON):
    return register(attend, by=person or UserFactory(), attendance=attendance, consent=True)


@pytest.fixture
def person(client):
    person = ProfileFactory(notice_language="fr").person
    client.force_login(person)
    return person


def test_registering_through_the_form_confirms_a_seat_and_tells_the_person_once_in_their_language(
    client, person, django_capture_on_commit_callbacks
):
    attend = open_call(title_fr="Consultation régionale pour l’Afrique")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/calls/{attend.pk}/answer/",
            {"attendance": "in-person", "access_needs": ["captioning"], "consent": "on"},
        )

    assert response.url == "/en/my-participation/"
    registration = Registration.objects.get()
    assert (registration.status, registration.access_needs) == (CONFIRMED, ["captioning"])
    assert list(Notice.objects.filter(kind="registration-confirmed").values_list("email", "language")) == [
        (person.email, "fr")
    ]
    (message,) = mail.outbox
    with translation.override("fr"):
        assert message.body.startswith(
            gettext("Your place is confirmed. The invitation is attached: add it to your calendar.")
        )
    assert "Consultation régionale pour l’Afrique" in message.subject
    assert [part[2] for part in message.attachments] == ["text/calendar; charset=utf-8; method=PUBLISH"]


def test_when_seats_are_gone_the_next_person_waits_with_a_visible_position(client, person):
    attend = open_call()
    register_for(attend)
    register_for(attend)

    client.post(f"/en/calls/{attend.pk}/answer/", {"attendance": "in-person", "consent": "on"})

    page = client.get("/en/my-participation/").content.decode()
    assert Registration.objects.get(person=person).status == WAITLISTED
    assert "number 1 on the waiting list" in " ".join(page.split())
    assert Notice.objects.filter(kind="registration-waitlisted", person=person).count() == 1


def test_one_active_registration_per_person_and_the_form_says_so(client, person):
    attend = open_call()
    register_for(attend, person, Attendance.ONLINE)

    response = client.post(f"/en/calls/{attend.pk}/answer/", {"attendance": "in-person", "consent": "on"})

    assert response.context["form"].non_field_errors() == ["You are already registered for this consultation."]
    assert Registration.objects.count() == 1


def test_a_form_opened_before_the_deadline_and_sent_after_is_refused_keeping_what_was_typed(client, person):
    speak = open_call(CallKind.SPEAK)
    assert client.get(f"/en/calls/{speak.pk}/answer/").status_code == 200
    speak.closes_at = NOW - timedelta(minutes=1)
    speak.save()

    response = client.post(f"/en/calls/{speak.pk}/answer/", {"statement": "Decent work for migrant workers."})

    assert response.context["form"].non_field_errors() == [
        "This call closed before your answer arrived; it can no longer be accepted."
    ]
    assert "Decent work for migrant workers." in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0


def test_a_cancellation_promotes_the_first_waiting_and_their_reminders_follow(django_capture_on_commit_callbacks):
    attend = open_call()
    leaving, staying = register_for(attend), register_for(attend)
    first, second = register_for(attend), register_for(attend)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(leaving, by=leaving.person)

    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in (leaving, staying, first, second)] == [CANCELLED, CONFIRMED, CONFIRMED, WAITLISTED]
    assert Notice.objects.filter(kind="registration-cancelled", object_id=leaving.pk).count() == 1
    assert Notice.objects.filter(kind="registration-promoted", object_id=first.pk).count() == 1
    assert Notice.objects.filter(kind="registration-promoted").count() == 1
    assert Notice.objects.filter(kind="consultation-starting", object_id=first.pk).count() == 2


def test_a_reminder_for_a_cancelled_registration_is_never_sent():
    registration = register_for(open_call())
    cancel_registration(registration, by=registration.person)
    reminder = Notice.objects.get(kind="consultation-starting", object_id=registration.pk, reminder="7d")
    Notice.objects.filter(pk=reminder.pk).update(due_at=NOW - timedelta(minutes=1))
    mail.outbox.clear()

    assert notices.deliver(reminder.pk) == NoticeState.CANCELLED
    assert mail.outbox == []


def test_more_seats_promote_in_order_and_fewer_take_no_seat_away():
    attend = open_call()
    seated = [register_for(attend), register_for(attend)]
    waiting = [register_for(attend), register_for(attend), register_for(attend)]
    held = attend.consultation

    save_consultation(held, by=None, data={"capacity_in_person": 4}, provenance={"en": "original"})
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in waiting] == [CONFIRMED, CONFIRMED, WAITLISTED]

    save_consultation(held, by=None, data={"capacity_in_person": 1}, provenance={"en": "original"})
    assert Registration.objects.filter(status=CONFIRMED, attendance=Attendance.IN_PERSON).count() == 4
    assert {registration.pk for registration in seated} <= set(
        Registration.objects.filter(status=CONFIRMED).values_list("pk", flat=True)
    )


def test_an_online_only_consultation_takes_no_seat_in_the_room():
    attend = open_call(modality=Modality.ONLINE, capacity_in_person=None)

    with pytest.raises(Exception, match="cannot be attended this way"):
        register_for(attend, attendance=Attendance.IN_PERSON)


def test_an_edit_keeps_the_arrival_number_and_a_reserve_is_shown(client, person):
    speak = open_call(CallKind.SPEAK)
    speak.max_considered = 1
    speak.save()
    express_interest(speak, by=UserFactory(), statement="First.")
    client.post(f"/en/calls/{speak.pk}/answer/", {"statement": "Second, from a migrant-led group."})
    mine = ExpressionOfInterest.objects.get(person=person)

    client.post(f"/en/my-participation/interests/{mine.pk}/edit/", {"statement": "Shorter."})

    mine.refresh_from_db()
    assert (mine.arrival, mine.statement) == (2, "Shorter.")
    assert "on the reserve list" in client.get("/en/my-participation/").content.decode()


def test_a_statement_over_the_limit_is_refused_and_kept(client, person):
    speak = open_call(CallKind.SPEAK)

    response = client.post(f"/en/calls/{speak.pk}/answer/", {"statement": "x" * 2001})

    assert response.context["form"].errors["statement"] == [
        "Ensure this value has at most 2000 characters (it has 2001)."
    ]
    assert ExpressionOfInterest.objects.count() == 0


def test_someone_else_cannot_cancel_or_edit_my_answers(client, person):
    attend, speak = open_call(), open_call(CallKind.SPEAK)
    theirs = register_for(attend)
    their_interest = express_interest(speak, by=UserFactory(), statement="Theirs.")

    assert client.post(f"/en/my-participation/registrations/{theirs.pk}/cancel/").status_code == 403
    assert client.get(f"/en/my-participation/interests/{their_interest.pk}/edit/").status_code == 403
    assert client.post(f"/en/my-participation/interests/{their_interest.pk}/withdraw/").status_code == 403
    assert theirs.person.email not in client.get("/en/my-participation/").content.decode()


def test_the_organizers_export_never_holds_optional_personal_attributes(client):
    attend = open_call(commission="", country="KE")
    person = ProfileFactory(gender="woman", age_group="18-29", migration_background="migrant").person
    register(attend, by=person, attendance=Attendance.ONLINE, consent=True, access_needs=["captioning"])
    focal_point = UserFactory()
    grant(focal_point, StaffRole.FOCAL_POINT, country="KE")
    client.force_login(focal_point)

    response = client.get(f"/en/manage/consultations/{attend.consultation.slug}/registrations/?format=csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["email"] for row in rows] == [person.email]
    assert rows[0]["access_needs"] == "captioning"
    assert not {"gender", "age_group", "migration_background", "disability"} & set(rows[0])
    assert "woman" not in response.content.decode()


def test_a_focal_point_of_another_country_does_not_see_the_registrations(client):
    attend = open_call(commission="", country="KE")
    register_for(attend)
    focal_point = UserFactory()
    grant(focal_point, StaffRole.FOCAL_POINT, country="UG")
    client.force_login(focal_point)

    assert client.get(f"/en/manage/consultations/{attend.consultation.slug}/registrations/").status_code == 403


def test_the_registrations_page_counts_seats_and_needs(client):
    attend = open_call()
    register(attend, by=UserFactory(), attendance=Attendance.IN_PERSON, consent=True, access_needs=["step-free"])
    register_for(attend)
    register_for(attend)
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)

    context = client.get(f"/en/manage/consultations/{attend.consultation.slug}/registrations/").context

    in_person = context["seat_rows"][0]
    assert (in_person["confirmed"], in_person["waitlisted"], in_person["left"]) == (2, 1, 0)
    assert [(str(row["label"]), row["count"]) for row in context["need_rows"]] == [("Step-free access", 1)]


@pytest.mark.parametrize("kind", [CallKind.SIDE_EVENT, CallKind.FUNDING_SUPPORT])
def test_side_events_and_funding_are_received_and_can_be_withdrawn(client, person, kind):
    answer = open_call(kind)
    data = {"title": "Migrant voices in local government", "description": "A panel.", "co_organizers": ""}
    if kind == CallKind.FUNDING_SUPPORT:
        data = {"travel_cost": "850.00", "justification": "Travel from Kampala to Addis Ababa."}

    client.post(f"/en/calls/{answer.pk}/answer/", data)
    page = client.get("/en/my-participation/")
    answers = page.context["proposals" if kind == CallKind.SIDE_EVENT else "applications"]
    assert len(answers) == 1
    kind_path = "proposals" if kind == CallKind.SIDE_EVENT else "applications"
    client.post(f"/en/my-participation/{kind_path}/{answers[0].pk}/withdraw/")

    assert type(answers[0]).objects.get().status == "withdrawn"


def test_a_funding_estimate_below_zero_is_refused(client, person):
    funding = open_call(CallKind.FUNDING_SUPPORT)

    response = client.post(f"/en/calls/{funding.pk}/answer/", {"travel_cost": "-5", "justification": "Travel."})

    assert response.context["form"].errors["travel_cost"] == ["Ensure this value is greater than or equal to 0."]


def test_a_published_summary_counts_who_took_part(client):
    attend = open_call(slug="held")
    union = OrganizationFactory(category="trade-unions")
    member = ProfileFactory(country_of_residence="KE").person
    admin_of(union, member)
    register(attend, by=member, attendance=Attendance.IN_PERSON, consent=True)
    register(attend, by=ProfileFactory(country_of_residence="MX").person, attendance=Attendance.ONLINE, consent=True)
    Summary.objects.create(consultation=attend.consultation, body_en="What was said.", published_at=NOW)

    figures = participation_figures(attend.consultation)  # as counted, before masking
    page = client.get("/en/consultations/held/").content.decode()

    assert "Fewer than 5 registered participants" in page, "the page gives only the masked figures"
    assert figures["total"] == 2
    assert [(str(label), count) for label, count in figures["categories"]] == [
        ("Trade unions", 1),
        ("As individuals", 1),
    ]
    assert sorted((str(label), count) for label, count in figures["regions"]) == [("Africa", 1), ("Americas", 1)]

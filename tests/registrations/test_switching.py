"""Switching between in person and online: a person keeps their place until a place of the other way
is theirs. With room now, they switch at once; without, they stay where they are and join the other
way's waiting list, in the order people joined it; when their turn comes they switch, and the place
they leave goes to the next person waiting for it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations.enums import CallKind, Modality
from portal.models import Notice
from registrations.enums import Attendance, RegistrationStatus
from registrations.models import Registration
from registrations.queries.answers import switch_position, waitlist_position, with_waitlist_positions
from registrations.services.answers import cancel_registration, keep_attendance, register, request_switch
from tests.factories import Failed, ProfileFactory, UserFactory, answerable_call, log_of, then_fail

pytestmark = pytest.mark.django_db
IN_PERSON, ONLINE = Attendance.IN_PERSON, Attendance.ONLINE
CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


def hybrid(in_person=1, online=1, **fields):
    return answerable_call(
        CallKind.ATTEND, modality=Modality.HYBRID, capacity_in_person=in_person, capacity_online=online, **fields
    )


def registered(attend, attendance):
    return register(attend, by=UserFactory(), attendance=attendance, consent=True)


def state(registration) -> tuple:
    """(way of taking part, status, asks to switch)"""
    registration.refresh_from_db()
    return registration.attendance, registration.status, registration.wants_to_switch


def switch(registration):
    return request_switch(registration, by=registration.person)


def places_in_line(registration) -> tuple:
    """(on the waiting list of their way, on the waiting list of the way they asked for)"""
    registration.refresh_from_db()
    return waitlist_position(registration), switch_position(registration)


def test_with_a_place_free_the_other_way_a_person_switches_at_once_and_their_seat_goes_to_the_next(
    django_capture_on_commit_callbacks,
):
    attend = hybrid(in_person=1, online=1)
    leaving_the_room = registered(attend, IN_PERSON)
    waiting_for_the_room = registered(attend, IN_PERSON)

    with django_capture_on_commit_callbacks(execute=True):
        switch(leaving_the_room)

    assert state(leaving_the_room) == (ONLINE, CONFIRMED, False)
    assert state(waiting_for_the_room) == (IN_PERSON, CONFIRMED, False)
    person = leaving_the_room.person
    assert (person, "attendance", IN_PERSON, ONLINE, "A place of the way asked for was free.") in log_of(
        leaving_the_room
    )
    assert Notice.objects.filter(kind="registration-switched", person=person, reminder=ONLINE).count() == 1
    assert Notice.objects.filter(kind="registration-promoted", person=waiting_for_the_room.person).count() == 1


def test_with_the_other_way_full_a_person_keeps_their_seat_and_joins_its_waiting_list():
    attend = hybrid(in_person=1, online=1)
    in_the_room = registered(attend, IN_PERSON)
    registered(attend, ONLINE)
    already_waiting_online = registered(attend, ONLINE)

    switch(in_the_room)

    assert state(in_the_room) == (IN_PERSON, CONFIRMED, True)
    assert places_in_line(in_the_room) == (None, 2)
    assert places_in_line(already_waiting_online) == (1, None)
    assert (in_the_room.person, "switch_requested_at", "", ONLINE, "") in log_of(in_the_room)


def test_a_newcomer_after_the_request_waits_behind_the_person_switching_and_the_freed_seat_goes_on():
    attend = hybrid(in_person=1, online=1)
    in_the_room = registered(attend, IN_PERSON)
    online = registered(attend, ONLINE)
    switch(in_the_room)
    newcomer_online = registered(attend, ONLINE)
    waiting_for_the_room = registered(attend, IN_PERSON)
    assert (places_in_line(in_the_room), places_in_line(newcomer_online)) == ((None, 1), (2, None))

    cancel_registration(online, by=online.person)

    assert state(in_the_room) == (ONLINE, CONFIRMED, False)
    assert state(waiting_for_the_room) == (IN_PERSON, CONFIRMED, False)
    assert state(newcomer_online) == (ONLINE, WAITLISTED, False)
    assert places_in_line(newcomer_online) == (1, None)


def test_someone_waiting_before_the_request_gets_the_free_place_first():
    attend = hybrid(in_person=1, online=1)
    in_the_room = registered(attend, IN_PERSON)
    online = registered(attend, ONLINE)
    earlier_online = registered(attend, ONLINE)
    switch(in_the_room)

    cancel_registration(online, by=online.person)

    assert state(earlier_online) == (ONLINE, CONFIRMED, False)
    assert state(in_the_room) == (IN_PERSON, CONFIRMED, True)
    assert places_in_line(in_the_room) == (None, 1)


def test_a_person_on_a_waiting_list_switches_at_once_to_a_way_with_room():
    attend = hybrid(in_person=1, online=5)
    registered(attend, IN_PERSON)
    waiting = registered(attend, IN_PERSON)

    switch(waiting)

    assert state(waiting) == (ONLINE, CONFIRMED, False)
    assert Notice.objects.filter(kind="registration-promoted", person=waiting.person).count() == 1


def test_a_person_waiting_for_both_ways_takes_whichever_comes_first_and_keeps_asking_for_the_other():
    attend = hybrid(in_person=1, online=1)
    in_the_room = registered(attend, IN_PERSON)
    online = registered(attend, ONLINE)
    waiting = registered(attend, IN_PERSON)
    switch(waiting)
    assert places_in_line(waiting) == (1, 1)

    cancel_registration(in_the_room, by=in_the_room.person)
    assert state(waiting) == (IN_PERSON, CONFIRMED, True)

    next_for_the_room = registered(attend, IN_PERSON)
    cancel_registration(online, by=online.person)
    assert state(waiting) == (ONLINE, CONFIRMED, False)
    assert state(next_for_the_room) == (IN_PERSON, CONFIRMED, False)


def test_two_people_switching_in_a_chain_each_get_their_turn():
    """Online frees a place: the first waiting for it leaves the room, whose seat goes to the first
    waiting for the room, who leaves online... until nobody waits for a free place."""
    attend = hybrid(in_person=1, online=2)
    in_the_room = registered(attend, IN_PERSON)
    online_first = registered(attend, ONLINE)
    online_second = registered(attend, ONLINE)
    switch(in_the_room)
    switch(online_first)  # the room is full: waits for it
    assert (state(in_the_room), state(online_first)) == ((IN_PERSON, CONFIRMED, True), (ONLINE, CONFIRMED, True))

    cancel_registration(online_second, by=online_second.person)

    assert state(in_the_room) == (ONLINE, CONFIRMED, False)
    assert state(online_first) == (IN_PERSON, CONFIRMED, False)
    confirmed = Registration.objects.filter(status=CONFIRMED)
    assert (confirmed.filter(attendance=IN_PERSON).count(), confirmed.filter(attendance=ONLINE).count()) == (1, 1)


def test_giving_up_the_request_keeps_the_current_place_and_leaves_the_other_list():
    attend = hybrid(in_person=1, online=1)
    in_the_room = registered(attend, IN_PERSON)
    online = registered(attend, ONLINE)
    switch(in_the_room)

    keep_attendance(in_the_room, by=in_the_room.person)
    cancel_registration(online, by=online.person)

    assert state(in_the_room) == (IN_PERSON, CONFIRMED, False)
    assert (in_the_room.person, "switch_requested_at", ONLINE, "", "") in log_of(in_the_room)


def test_cancelling_ends_the_request_too():
    attend = hybrid(in_person=1, online=1)
    in_the_room = registered(attend, IN_PERSON)
    registered(attend, ONLINE)
    switch(in_the_room)

    cancel_registration(in_the_room, by=in_the_room.person)

    assert state(in_the_room) == (IN_PERSON, CANCELLED, False)


def test_a_consultation_held_one_way_only_offers_no_switch():
    attend = answerable_call(CallKind.ATTEND, modality=Modality.IN_PERSON, capacity_in_person=10, capacity_online=None)
    in_the_room = registered(attend, IN_PERSON)

    with pytest.raises(ValidationError, match=r"This consultation cannot be attended this way\."):
        switch(in_the_room)
    assert not in_the_room.can_switch


def test_nobody_switches_someone_elses_registration():
    in_the_room = registered(hybrid(), IN_PERSON)

    with pytest.raises(PermissionDenied):
        request_switch(in_the_room, by=UserFactory())
    with pytest.raises(PermissionDenied):
        keep_attendance(in_the_room, by=UserFactory())


def test_a_request_rolled_back_leaves_no_request_and_no_log():
    attend = hybrid(in_person=1, online=1)
    in_the_room = registered(attend, IN_PERSON)
    registered(attend, ONLINE)

    with pytest.raises(Failed):
        then_fail(lambda: switch(in_the_room))

    assert state(in_the_room) == (IN_PERSON, CONFIRMED, False)
    assert [row for row in log_of(in_the_room) if row[1] != "status"] == []


def test_positions_read_for_a_whole_list_are_those_read_one_by_one():
    attend = hybrid(in_person=2, online=2)
    people = [registered(attend, way) for way in (IN_PERSON, ONLINE) * 4]  # the last two of each way wait
    for registration in people[::3]:  # the first in the room, the second online, the last waiting for the room
        switch(registration)

    listed = with_waitlist_positions(Registration.objects.filter(consultation=attend.consultation))

    assert {row.pk: (row.position, row.switch_position) for row in listed} == {
        row.pk: (waitlist_position(row), switch_position(row)) for row in Registration.objects.all()
    }
    assert sorted(row.switch_position for row in listed if row.switch_position) == [3, 3, 4]


# The page that asks first


@pytest.fixture
def person(client):
    person = ProfileFactory().person
    client.force_login(person)
    return person


def test_the_switch_page_says_what_would_happen_and_changes_nothing(client, person):
    attend = hybrid(in_person=1, online=1)
    mine = register(attend, by=person, attendance=IN_PERSON, consent=True)
    registered(attend, ONLINE)
    url = f"/en/my-participation/registrations/{mine.pk}/switch/"

    asked = client.get(url)

    assert asked.context["outlook"]["has_room"] is False
    assert asked.context["outlook"]["position"] == 1
    assert "you keep your current place and join its waiting list, as number 1" in " ".join(
        asked.content.decode().split()
    )
    assert state(mine) == (IN_PERSON, CONFIRMED, False)

    response = client.post(url, {"action": "switch"}, follow=True)

    assert state(mine) == (IN_PERSON, CONFIRMED, True)
    assert [str(message) for message in response.context["messages"]] == [
        "You keep your current place. You are number 1 on the waiting list for this way of taking part: Online. "
        "We will write to you as soon as a place is yours."
    ]
    (shown,) = response.context["registrations"]
    assert shown.switch_position == 1


def test_switching_at_once_from_the_page_says_so(client, person):
    mine = register(hybrid(in_person=1, online=1), by=person, attendance=IN_PERSON, consent=True)

    response = client.post(f"/en/my-participation/registrations/{mine.pk}/switch/", {"action": "switch"}, follow=True)

    assert state(mine) == (ONLINE, CONFIRMED, False)
    assert [str(message) for message in response.context["messages"]] == ["Done: you now take part this way: Online."]

"""Many people switching between in person and online at once, while others cancel and register:
no seat is ever held twice, nobody loses a seat while waiting for the other way, no place stays free
while someone waits for it, and each waiting list stays in one order without gaps. Each attempt runs
in its own thread with its own database connection, as in production."""

import contextlib
import os
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from itertools import chain, zip_longest

import pytest
from celery._state import _set_task_join_will_block
from django.contrib.contenttypes.models import ContentType
from django.db import connections

from activity.models import Activity
from consultations.enums import CallKind, Modality
from registrations.enums import Attendance, RegistrationStatus
from registrations.models import Registration
from registrations.queries.answers import waiting_for, with_waitlist_positions
from registrations.services.answers import cancel_registration, register, request_switch
from tests.factories import UserFactory, answerable_call

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
needs_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="row locks (SELECT … FOR UPDATE) and simultaneous connections need PostgreSQL; SQLite locks the whole file",
)
IN_PERSON, ONLINE = Attendance.IN_PERSON, Attendance.ONLINE
CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)
SEATS = 15


@pytest.fixture(autouse=True)
def _celery_join_flag():
    """Notices run inline (eager) in tests, and Celery marks "inside a task" in one process-wide
    flag that concurrent threads restore in any order: reset it after the threads."""
    yield
    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _forget_content_types():
    """A serialized rollback flushes the database without recreating the content types."""
    yield
    ContentType.objects.clear_cache()


def all_at_once(task, arguments, workers):
    """Run the task for every argument from many threads released together by a barrier."""
    barrier = threading.Barrier(min(workers, len(arguments)))
    errors = []

    def attempt(argument):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=60)
        try:
            return task(argument)
        except Exception as error:  # every failure is counted and reported
            errors.append(error)
            return None
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(attempt, arguments))
    return results, errors


def seats_held_at_every_step(consultation) -> list[Counter]:
    """Replay the activity log of the consultation's registrations in the order it was written (one
    transaction at a time, under the consultation's lock): the confirmed places of each way after
    every change."""
    registrations = {row.pk: row for row in Registration.objects.filter(consultation=consultation)}
    rows = list(Activity.objects.filter(content_type__model="registration", object_id__in=registrations).order_by("pk"))
    first_way = {}
    for row in rows:
        if row.field == "attendance":
            first_way.setdefault(row.object_id, row.before)
    way = {pk: first_way.get(pk, registration.attendance) for pk, registration in registrations.items()}
    status = {}
    steps = []
    for row in rows:
        if row.field == "status":
            status[row.object_id] = row.after
        elif row.field == "attendance":
            way[row.object_id] = row.after
        steps.append(Counter(way[pk] for pk, current in status.items() if current == CONFIRMED))
    return steps


@needs_postgresql
def test_switching_cancelling_and_registering_at_once_never_overbooks_or_takes_a_seat_away():
    attend = answerable_call(CallKind.ATTEND, modality=Modality.HYBRID, capacity_in_person=SEATS, capacity_online=SEATS)
    consultation = attend.consultation

    def registered(attendance):
        return register(attend, by=UserFactory(), attendance=attendance, consent=True)

    in_the_room = [registered(IN_PERSON) for _ in range(SEATS)]
    online = [registered(ONLINE) for _ in range(SEATS)]
    waiting_for_the_room = [registered(IN_PERSON) for _ in range(3)]
    waiting_online = [registered(ONLINE) for _ in range(3)]
    newcomers = [UserFactory() for _ in range(10)]
    # More places free up than people already waited for them: those who asked to switch get theirs,
    # in chains (a seat left in the room goes to someone leaving online, whose place goes on...).
    switching = in_the_room[:10] + online[:10] + waiting_for_the_room[:2] + waiting_online[1:2]
    leaving = in_the_room[10:] + online[10:] + waiting_online[:1]
    operations = [
        operation
        for operation in chain.from_iterable(
            zip_longest(
                [("switch", registration) for registration in switching],
                [("cancel", registration) for registration in leaving],
                [("register", (person, (IN_PERSON, ONLINE)[number % 2])) for number, person in enumerate(newcomers)],
            )
        )
        if operation is not None
    ]

    def attempt(operation):
        action, subject = operation
        if action == "switch":
            return request_switch(subject, by=subject.person)
        if action == "cancel":
            return cancel_registration(subject, by=subject.person)
        person, attendance = subject
        return register(attend, by=person, attendance=attendance, consent=True)

    _results, errors = all_at_once(attempt, operations, workers=len(operations))

    assert errors == []
    # No seat was ever held twice: at every step of the log, no way had more confirmed than its seats.
    steps = seats_held_at_every_step(consultation)
    assert max(step[IN_PERSON] for step in steps) <= SEATS
    assert max(step[ONLINE] for step in steps) <= SEATS
    # Nobody lost a seat while waiting for the other way: everyone who held one and did not cancel
    # holds one now, and no confirmed place was ever taken back.
    kept = [registration.pk for registration in in_the_room + online if registration not in leaving]
    assert set(Registration.objects.filter(pk__in=kept).values_list("status", flat=True)) == {CONFIRMED}
    assert not Activity.objects.filter(
        content_type__model="registration", field="status", before=CONFIRMED, after=WAITLISTED
    ).exists()
    cancelled = Registration.objects.filter(status=CANCELLED)
    assert set(cancelled.values_list("pk", flat=True)) == {registration.pk for registration in leaving}
    # No place stays free while someone waits for it, and each waiting list is one order without gaps.
    active = with_waitlist_positions(Registration.objects.filter(consultation=consultation).exclude(status=CANCELLED))
    for attendance in (IN_PERSON, ONLINE):
        confirmed = active.filter(status=CONFIRMED, attendance=attendance).count()
        line = waiting_for(consultation.pk, attendance).count()
        assert confirmed == SEATS or line == 0
        positions = [row.position for row in active if row.position and row.attendance == attendance]
        positions += [row.switch_position for row in active if row.switch_position and row.attendance != attendance]
        assert sorted(positions) == list(range(1, line + 1))
    switched = Activity.objects.filter(content_type__model="registration", field="attendance").count()
    assert switched > 0, "the freed places went to people who asked to switch"
    print(f"\n{len(operations)} at once: {switched} switched, {len(steps)} changes replayed, no seat held twice")

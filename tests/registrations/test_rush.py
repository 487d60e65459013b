"""A regional consultation opens to hundreds at the same minute: nothing overbooked, lost or reordered.
Each attempt runs in its own thread with its own database connection, as in production."""

import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from celery._state import _set_task_join_will_block
from django.contrib.contenttypes.models import ContentType
from django.db import connections

from consultations.enums import CallKind, Modality
from registrations.enums import Attendance, RegistrationStatus
from registrations.models import ExpressionOfInterest, Registration
from registrations.queries.answers import waitlist_position
from registrations.services.answers import cancel_registration, edit_interest, express_interest, register
from tests.factories import UserFactory, answerable_call

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
needs_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="row locks (SELECT … FOR UPDATE) and simultaneous connections need PostgreSQL; SQLite locks the whole file",
)
NOW = datetime.now(UTC)


@pytest.fixture(autouse=True)
def _celery_join_flag():
    """Notices run inline (eager) in tests, and Celery marks "inside a task" in one process-wide
    flag that concurrent threads restore in any order: reset it, or a later test that waits for a
    real worker's result is told it is inside a task."""
    yield
    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _forget_content_types():
    """A serialized rollback flushes the database without recreating the content types: forget the
    cached ones, or the next test records activity against a content type that no longer exists."""
    yield
    ContentType.objects.clear_cache()


open_call = answerable_call


def all_at_once(task, arguments, workers=50):
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


@needs_postgresql
def test_300_at_once_for_100_seats_confirm_100_and_queue_200_in_order():
    attend = open_call(CallKind.ATTEND, modality=Modality.IN_PERSON, capacity_in_person=100, capacity_online=None)
    people = [UserFactory() for _ in range(300)]

    def attempt(person):
        return register(attend, by=person, attendance=Attendance.IN_PERSON, consent=True).pk

    _ids, errors = all_at_once(attempt, people)

    assert errors == []
    confirmed = Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITLISTED).order_by("pk")
    assert confirmed.count() == 100
    assert [waitlist_position(registration) for registration in waiting] == list(range(1, 201))
    print(f"\n300 at once for 100 seats: {confirmed.count()} confirmed, {waiting.count()} waitlisted, 0 errors")

    first_ten_waiting = list(waiting[:10])
    leaving = list(confirmed.select_related("person").order_by("?")[:10])
    _results, errors = all_at_once(
        lambda registration: cancel_registration(registration, by=registration.person), leaving
    )

    assert errors == []
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 100
    promoted = Registration.objects.filter(pk__in=[registration.pk for registration in first_ten_waiting])
    assert set(promoted.values_list("status", flat=True)) == {RegistrationStatus.CONFIRMED}
    still_waiting = Registration.objects.filter(status=RegistrationStatus.WAITLISTED).order_by("pk")
    assert [waitlist_position(registration) for registration in still_waiting] == list(range(1, 191))


@needs_postgresql
def test_200_expressions_of_interest_at_once_get_distinct_numbers_in_commit_order():
    speak = open_call(CallKind.SPEAK)
    people = [UserFactory() for _ in range(200)]

    def attempt(person):
        return express_interest(speak, by=person, statement="Decent work for migrant workers.")

    interests, errors = all_at_once(attempt, people)

    assert errors == []
    numbers = list(ExpressionOfInterest.objects.order_by("arrival").values_list("arrival", "created_at"))
    assert [number for number, _at in numbers] == list(range(1, 201))
    # Each number is taken under the call's row lock and committed before the next is handed out,
    # so the order of numbers is the order in which the writes happened.
    stamps = [at for _number, at in numbers]
    assert stamps == sorted(stamps)
    edited = edit_interest(interests[0], by=interests[0].person, statement="A shorter statement.")
    assert ExpressionOfInterest.objects.get(pk=edited.pk).arrival == interests[0].arrival

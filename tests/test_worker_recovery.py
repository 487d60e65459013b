"""Faults heal themselves: a worker that starts sends at once the notice a killed worker left half-sent
and the notices that came due while no worker ran, without beat; and the time limits, the stuck
threshold and Redis's visibility timeout fit together."""

import os
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from portal import notices
from portal.celery import app as celery_app
from portal.models import Notice, NoticeState
from portal.notices import Recipient
from portal.tasks import notices_being_sent, task_send_notices
from tests.factories import OrganizationFactory
from tests.workers import real_workers, smtp_sink


def needs_a_real_worker(test):
    marks = [
        pytest.mark.integration,
        pytest.mark.skipif(
            not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith("postgres"),
            reason="a worker process shares the test database and broker only on PostgreSQL and Redis (CI has both)",
        ),
        pytest.mark.django_db(transaction=True, serialized_rollback=True),
    ]
    for mark in marks:
        test = mark(test)
    return test


@pytest.fixture
def sink():
    with smtp_sink() as held:
        yield held


@pytest.fixture
def workers(sink):
    with real_workers(sink.port) as pool:
        yield pool


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    return condition()


def decision_notice(**queue_options) -> Notice:
    notices.queue("organization-decided", OrganizationFactory(), [Recipient("admin@example.org")], **queue_options)
    return Notice.objects.get(kind="organization-decided", email="admin@example.org")


@needs_a_real_worker
def test_a_notice_half_sent_by_a_killed_worker_is_sent_when_a_worker_starts(sink, workers):
    sink.holding.set()
    killed = workers.start()
    notice = decision_notice()  # autocommit: handed to the worker at once
    assert sink.reached.wait(timeout=90), "the worker began sending"
    assert wait_until(lambda: Notice.objects.get(pk=notice.pk).state == NoticeState.SENDING, timeout=10)

    workers.kill(killed)
    sink.holding.clear()
    left = Notice.objects.get(pk=notice.pk)
    assert left.state == NoticeState.SENDING
    assert left.sending_since > timezone.now() - timedelta(seconds=settings.NOTICE_STUCK_AFTER_SECONDS)
    assert sink.messages == []

    workers.start()  # nothing else: no beat, no sweep, no enqueue from here

    assert sink.wait_for(1, timeout=90) == 1
    sent = Notice.objects.get(pk=notice.pk)
    assert sent.state == NoticeState.SENT
    assert sink.messages[0]["Message-ID"] == sent.message_id


@needs_a_real_worker
def test_notices_that_came_due_while_no_worker_ran_are_sent_when_one_starts(sink, workers):
    notice = decision_notice(due_at=timezone.now() + timedelta(days=1))  # not handed to any worker
    Notice.objects.filter(pk=notice.pk).update(due_at=timezone.now() - timedelta(minutes=5))

    workers.start()

    assert sink.wait_for(1, timeout=90) == 1
    assert Notice.objects.get(pk=notice.pk).state == NoticeState.SENT


@pytest.mark.django_db
def test_a_notice_a_live_worker_is_sending_is_not_taken_from_it():
    sending = decision_notice(due_at=timezone.now() + timedelta(days=1))
    notices.queue(
        "organization-decided", OrganizationFactory(), [Recipient("other@example.org")], due_at=timezone.now()
    )
    left = Notice.objects.get(email="other@example.org")
    Notice.objects.update(state=NoticeState.SENDING, sending_since=timezone.now() - timedelta(seconds=1))
    reported = {"celery@live": [{"name": task_send_notices.name, "kwargs": {"notice_ids": [sending.pk]}}]}

    recovered = notices.recover_stuck(older_than=timedelta(0), except_ids=notices_being_sent(reported))

    assert recovered == 1
    assert Notice.objects.get(pk=sending.pk).state == NoticeState.SENDING
    assert Notice.objects.get(pk=left.pk).state == NoticeState.PENDING


def test_a_live_worker_never_holds_a_notice_long_enough_to_look_stuck():
    # A notice is "sending" only inside a sending task, which is killed at the hard time limit.
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT < settings.NOTICE_STUCK_AFTER_SECONDS


def test_redis_gives_no_task_to_a_second_worker_while_the_first_may_still_run_it():
    longest = max(
        [settings.CELERY_TASK_TIME_LIMIT]
        + [limits["time_limit"] for limits in settings.CELERY_TASK_ANNOTATIONS.values() if "time_limit" in limits]
    )
    # A task reserved by a busy worker (prefetch) may wait one time limit before it starts.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > 2 * longest
    celery_app.loader.import_default_modules()  # every app's tasks, as a worker loads them
    for name, limits in settings.CELERY_TASK_ANNOTATIONS.items():
        task = celery_app.tasks[name]  # a name that is no task would have its time limits apply to nothing
        assert (task.soft_time_limit, task.time_limit) == (limits["soft_time_limit"], limits["time_limit"])
        assert task.soft_time_limit < task.time_limit

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from portal.health import check_database


@shared_task(name="portal.check_health")
def task_check_health() -> dict:
    """Prove a worker can reach the database and say which one and which broker carried the task."""
    from portal.celery import app

    return {"database": check_database(), "broker": app.connection().transport_cls}


@shared_task(name="portal.send_notices", acks_late=True)
def task_send_notices(*, notice_ids: list[int]) -> dict:
    """Send a batch of notices, one at a time; each is claimed under a row lock, so a batch sent
    twice (a redelivery after a crash, or the sweeper) sends each notice once."""
    from django.core.mail import get_connection

    from portal.notices import deliver

    outcomes, objects = {}, {}
    with get_connection() as connection:  # one SMTP session for the batch
        for notice_id in notice_ids:
            try:
                outcome = deliver(notice_id, connection=connection, objects=objects)
            except SoftTimeLimitExceeded:
                # Out of time (a slow SMTP server): the notices not yet claimed are still pending and
                # the sweep sends them; the one interrupted is recovered as stuck.
                outcomes["left for the sweep"] = len(notice_ids) - sum(outcomes.values())
                break
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


@shared_task(name="portal.sweep_notices")
def task_sweep_notices() -> dict:
    """Every minute (django-celery-beat): reminders that came due, notices to retry, and notices
    left half-sent by a worker that died."""
    from datetime import timedelta

    from django.conf import settings

    from portal.notices import enqueue_due, recover_stuck

    recovered = recover_stuck(older_than=timedelta(seconds=settings.NOTICE_STUCK_AFTER_SECONDS))
    return {"recovered": recovered, "enqueued": enqueue_due()}


# How long a starting worker waits for the others to say which notices they are sending.
INSPECT_TIMEOUT_SECONDS = 2.0


@shared_task(name="portal.recover_after_restart")
def task_recover_after_restart() -> dict:
    """Sent by each worker as it starts (portal.celery): the notices a killed worker left "sending"
    go out again now rather than NOTICE_STUCK_AFTER_SECONDS later, and those that came due while no
    worker ran go out too, without waiting for beat. A notice counts as left behind when it was
    "sending" before this task began and no worker that answers is sending it; a live worker that
    does not answer in time may see the one notice it is sending repeated (same Message-ID)."""
    from datetime import timedelta

    from django.utils import timezone

    from portal.celery import app
    from portal.notices import enqueue_due, recover_stuck

    began = timezone.now()
    in_flight = notices_being_sent(app.control.inspect(timeout=INSPECT_TIMEOUT_SECONDS).active() or {})
    recovered = recover_stuck(older_than=max(timezone.now() - began, timedelta(0)), except_ids=in_flight)
    return {"recovered": recovered, "enqueued": enqueue_due()}


def notices_being_sent(active: dict) -> set[int]:
    """The notice ids of the sending tasks that workers report running, from inspect().active()."""
    return {
        notice_id
        for requests in active.values()
        for request in requests
        if request.get("name") == task_send_notices.name
        for notice_id in (request.get("kwargs") or {}).get("notice_ids", [])
    }

from celery import shared_task

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
            outcome = deliver(notice_id, connection=connection, objects=objects)
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

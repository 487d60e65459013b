from celery import shared_task

from portal.health import check_database


@shared_task(name="portal.check_health")
def task_check_health() -> dict:
    """Prove a worker can reach the database and say which one and which broker carried the task."""
    from portal.celery import app

    return {"database": check_database(), "broker": app.connection().transport_cls}

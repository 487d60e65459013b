"""The Celery app. Broker and results on Redis; with no REDIS_URL tasks run inline (see settings)."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def recover_after_restart(sender, **kwargs):
    """Faults heal when a worker starts, beat or no beat: notices a killed worker left half-sent, and
    those that came due meanwhile, are sent (portal.tasks.task_recover_after_restart). The task goes
    to a queue this worker consumes, so that it runs even on a worker given its own queue."""
    queue = next(iter(sender.app.amqp.queues.consume_from))
    sender.app.send_task("portal.recover_after_restart", queue=queue)

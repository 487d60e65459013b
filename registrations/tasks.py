from celery import shared_task

from registrations.services.selection import expire_confirmations


@shared_task(name="registrations.expire_confirmations")
def task_expire_confirmations() -> int:
    """Every quarter of an hour (django-celery-beat): a selected speaker who let the deadline pass
    counts as declining, and the slot goes to the next reserve who keeps the rules."""
    return expire_confirmations()

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from consultations.models import OpenCall
from registrations.services.selection import expire_confirmations, run_proposal_request

logger = logging.getLogger(__name__)


@shared_task(name="registrations.expire_confirmations")
def task_expire_confirmations() -> int:
    """Every quarter of an hour (django-celery-beat): a selected speaker who let the deadline pass
    counts as declining, and the slot goes to the next reserve who keeps the rules."""
    return expire_confirmations()


@shared_task(name="registrations.propose_speakers", acks_late=True)
def task_propose_speakers(*, call_id: int, by_id: int | None) -> bool:
    """Compute the proposal the secretariat asked for, outside the web request. Run twice (a
    redelivery), it finds the request served and does nothing. True when a proposal was kept."""
    call = OpenCall.objects.filter(pk=call_id).first()
    if call is None:
        logger.info("call %s is gone: no proposal to compute", call_id)
        return False
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    with translation.override(settings.LANGUAGE_CODE):  # the log's notes read the same wherever it runs
        return run_proposal_request(call, by=by) is not None

import logging
import smtplib

from celery import shared_task

from stakeholders.services import send_invitation

logger = logging.getLogger(__name__)


@shared_task(
    name="stakeholders.send_invitation",
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=8,
)
def task_send_invitation(*, invitation_id: int) -> bool:
    sent = send_invitation(invitation_id)
    if not sent:
        logger.info("Invitation %s already sent, accepted or gone", invitation_id)
    return sent

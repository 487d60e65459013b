"""Publishing consultations and open calls: a focal point drafts and submits, the secretariat publishes."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.enums import PublicationStatus
from consultations.models import Consultation, OpenCall
from stakeholders.models import in_every_language

ADVANCE_NOTICE = timedelta(days=14)


def check_call_can_be_published(call: OpenCall, *, at) -> None:
    """The rules of an open call: a valid window, a text in some language, sufficient advance notice
    (14 days from publication to closing) unless the secretariat recorded why it is shorter."""
    errors = []
    if call.closes_at <= at:
        errors.append(_("The call closes before it would be published."))
    if not any(getattr(call, column) for column in in_every_language("text")):
        errors.append(_("The call has no text in any language."))
    if call.closes_at - max(at, call.opens_at) < ADVANCE_NOTICE and not call.short_notice_reason.strip():
        errors.append(
            _(
                "The call must stay open at least %(days)s days after publication, "
                "or the secretariat must record why not."
            )
            % {"days": ADVANCE_NOTICE.days}
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_for_approval(item: Consultation | OpenCall, *, by) -> None:
    if item.status not in (PublicationStatus.DRAFT, PublicationStatus.RETURNED):
        raise ValidationError(_("Only a draft or a returned item can be submitted."))
    item.status = PublicationStatus.SUBMITTED
    item.submitted_at = timezone.now()
    item.save(update_fields=["status", "submitted_at"])


@transaction.atomic
def return_with_comment(item: Consultation | OpenCall, *, by, comment: str) -> None:
    if not comment.strip():
        raise ValidationError(_("Say what must change before it can be published."))
    item.status = PublicationStatus.RETURNED
    item.return_comment = comment
    item.save(update_fields=["status", "return_comment"])


@transaction.atomic
def publish_call(call: OpenCall, *, by, short_notice_reason: str | None = None) -> OpenCall:
    """The secretariat publishes a call; a shorter notice than the rule needs its reason on record."""
    if short_notice_reason is not None:
        call.short_notice_reason = short_notice_reason
    now = timezone.now()
    check_call_can_be_published(call, at=now)
    if call.consultation.status != PublicationStatus.PUBLISHED:
        raise ValidationError(_("Publish the consultation before its calls."))
    call.status = PublicationStatus.PUBLISHED
    call.published_at = now
    call.save(update_fields=["status", "published_at", "short_notice_reason"])
    return call


@transaction.atomic
def publish_consultation(consultation: Consultation, *, by) -> Consultation:
    if consultation.status not in (PublicationStatus.SUBMITTED, PublicationStatus.DRAFT):
        raise ValidationError(_("This consultation cannot be published from its present state."))
    consultation.status = PublicationStatus.PUBLISHED
    consultation.published_at = timezone.now()
    consultation.save(update_fields=["status", "published_at"])
    return consultation

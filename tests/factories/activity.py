"""Rows of the activity log, arranged in the past where a test needs them there."""

from django.db import transaction

from activity.models import Activity
from activity.services import record
from consultations.enums import PublicationStatus
from stakeholders.enums import Verification


def change(subject, *, by, field="status", before="", after="", note="", at=None) -> Activity:
    with transaction.atomic():
        row = record(subject, by=by, field=field, before=before, after=after, note=note)
    if at is not None:
        # Arranging the past: the service always writes "now".
        Activity.objects.filter(pk=row.pk).update(at=at)
    return row


def published(place, *, by, at=None):
    return change(place, by=by, before=PublicationStatus.SUBMITTED, after=PublicationStatus.PUBLISHED, at=at)


def verified(organization, *, by, at=None, note=""):
    return change(
        organization,
        by=by,
        field="verification",
        before=Verification.PENDING,
        after=Verification.VERIFIED,
        note=note,
        at=at,
    )

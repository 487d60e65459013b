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


def log_of(subject) -> list[tuple]:
    """What the log says of one object, oldest first: (who, what, from, to, why)."""
    rows = Activity.objects.filter(object_id=subject.pk, content_type__model=type(subject)._meta.model_name)
    return [(row.actor, row.field, row.before, row.after, row.note) for row in rows.order_by("at", "pk")]


class Failed(Exception):
    """Something after the change failed, in the same transaction."""


def then_fail(change) -> None:
    with transaction.atomic():
        change()
        raise Failed

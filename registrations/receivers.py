"""What registrations do when something they depend on changes elsewhere (imports flow one way: the
other apps send signals and know nothing of registrations)."""

from django.dispatch import receiver

from consultations.signals import seats_changed as consultation_seats_changed
from registrations.services import answers


@receiver(consultation_seats_changed, dispatch_uid="registrations.promote_after_seats_changed")
def promote_after_seats_changed(sender, *, consultation, by, **kwargs):
    """More seats promote the waiting in order, recorded as done by whoever changed the seats."""
    answers.seats_changed(consultation, by=by)

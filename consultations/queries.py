"""Reads of consultations and calls for the public pages."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from consultations.enums import PublicationStatus
from consultations.models import Consultation, OpenCall, Session, Summary
from stakeholders.models import in_language

PUBLISHED = PublicationStatus.PUBLISHED


def public_calls(*, now=None):
    """Published calls of published consultations that have not closed yet, soonest deadline first."""
    now = now or timezone.now()
    return (
        OpenCall.objects.filter(status=PUBLISHED, consultation__status=PUBLISHED, closes_at__gt=now)
        .select_related("consultation")
        .prefetch_related("eligibility")
        .order_by("closes_at")
    )


def public_consultation(slug):
    return (
        Consultation.objects.filter(status=PUBLISHED)
        .prefetch_related(
            Prefetch("sessions", Session.objects.annotate(slot_count=Count("slots")).order_by("starts_at")),
            Prefetch("calls", OpenCall.objects.filter(status=PUBLISHED).order_by("closes_at")),
            "languages",
            "interpretation",
            "co_organizers",
        )
        .get(slug=slug)
    )


def languages_of(item, field: str) -> list[str]:
    """The interface languages a translated text exists in, in the portal's order."""
    return [code for code, _name in settings.LANGUAGES if getattr(item, in_language(field, code))]


def with_text_in(language: str) -> Q:
    column = in_language("text", language)
    return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})


def published_summary(consultation):
    return (
        Summary.objects.filter(consultation=consultation, published_at__isnull=False)
        .select_related("written_by")
        .first()
    )

"""Session materials in the programme, as the person reading the page may open them.

The consultation-wide ones: {% materials_of consultation as materials %} (materials.general, and
materials.withheld: how many are for registered participants only). A session's:
{% materials_of_session session as items %}, or the one-line include
{% include "consultations/includes/session_materials.html" with session=session %}.
The materials of a consultation are read once per page, however many sessions ask."""

from django import template
from django.contrib.auth.models import AnonymousUser

from registrations.queries.materials import materials_for

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user") or AnonymousUser()


def _materials(context, consultation) -> dict:
    # Kept on the context object itself: each include renders with a render_context of its own.
    read = context.__dict__.setdefault("_materials_read", {})
    if consultation.pk not in read:
        read[consultation.pk] = materials_for(consultation, _viewer(context))
    return read[consultation.pk]


@register.simple_tag(takes_context=True)
def materials_of(context, consultation):
    found = _materials(context, consultation)
    return {"general": found["by_session"].get(None, []), "withheld": found["withheld"]}


@register.simple_tag(takes_context=True)
def materials_of_session(context, session):
    shown = context.get("consultation")
    consultation = shown if getattr(shown, "pk", None) == session.consultation_id else session.consultation
    return _materials(context, consultation)["by_session"].get(session.pk, [])

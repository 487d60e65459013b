"""{{ session|in_one_language }}: an object with all its texts in the one language it is shown in
(consultations.queries.in_one_language), with shown_language and shown_direction for lang and dir."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from consultations import queries

register = template.Library()


@register.filter
def in_one_language(item):
    return queries.in_one_language(item, get_language())


@register.filter
def text_in_its_language(item, field):
    """{{ consultation|text_in_its_language:"title" }}: one text of an object, in the object's one
    display language, isolated in a <bdi> that says its language and direction; safe to hand to
    {% blocktranslate %} as a variable."""
    shown = queries.in_one_language(item, get_language())
    return format_html(
        '<bdi lang="{}" dir="{}">{}</bdi>', shown.shown_language, shown.shown_direction, getattr(shown, field)
    )


@register.filter
def each_in_one_language(items) -> list:
    """{% with sessions=consultation.sessions.all|each_in_one_language %}: each in its own one language."""
    return [queries.in_one_language(item, get_language()) for item in items]

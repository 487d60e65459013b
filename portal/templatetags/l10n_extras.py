"""Dates' companions as each language writes them: `{{ consultation.time_zone|zone_name:consultation.starts_at }}`
("<bdi>توقيت أديس أبابا UTC+3</bdi>"; plain text in a text e-mail) and `{{ names|join_list }}`
("A, B and C" / "أ وب وج" / "甲、乙和丙")."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from portal import l10n
from portal.languages import direction as language_direction
from stakeholders.models import shown_language

register = template.Library()


@register.filter(needs_autoescape=True)
def zone_name(name, moment=None, autoescape=True):
    """A time zone by its city in the page's language with its UTC offset at `moment` (now if none),
    isolated with <bdi> in HTML so that an offset's "+3" never flips around in Arabic."""
    label = l10n.zone_label(name or "", moment)
    if not label or not autoescape:
        return label
    return format_html("<bdi>{}</bdi>", label)


@register.filter(needs_autoescape=True)
def join_list(items, style="standard", autoescape=True):
    """Items joined by the language's own separators; `|join_list:"unit-narrow"` for a bare list
    without "and"."""
    text = l10n.join_list(items, style)
    return format_html("{}", text) if autoescape else text


@register.filter
def in_its_language(item, field):
    """{{ organization|in_its_language:"name" }}: a text translated field by field (an organization's
    name, acronym, description) as the page shows it, in a <bdi>; the <bdi> says the version's
    language and direction when it is not the page's (an Arabic name on the English page)."""
    value = item.get(field) if isinstance(item, dict) else getattr(item, field, "")
    if not value:
        return ""
    page = get_language() or "en"
    language = shown_language(item, field, page)
    if not language or language == page:
        return format_html("<bdi>{}</bdi>", value)
    return format_html('<bdi lang="{}" dir="{}">{}</bdi>', language, language_direction(language), value)


@register.filter
def shown_language_of(item, field):
    """{{ organization|shown_language_of:"description" }}: the language of the version shown when it
    is not the page's, for the lang of a block of text; "" when it is the page's."""
    page = get_language() or "en"
    language = shown_language(item, field, page)
    return "" if language == page else language


@register.filter
def direction(language):
    """{{ material.language|direction }}: "rtl" or "ltr", the dir of text in that language."""
    return language_direction(language or "en")

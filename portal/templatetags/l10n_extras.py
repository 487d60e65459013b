"""Dates' companions as each language writes them: `{{ consultation.time_zone|zone_name:consultation.starts_at }}`
("<bdi>توقيت أديس أبابا UTC+3</bdi>"; plain text in a text e-mail) and `{{ names|join_list }}`
("A, B and C" / "أ وب وج" / "甲、乙和丙")."""

from django import template
from django.templatetags.i18n import language_name_local
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
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
    without "and". Each item is escaped on its own, so items already marked up (a <bdi>) keep it."""
    if not autoescape:
        return l10n.join_list(items, style)
    return mark_safe(l10n.join_list([conditional_escape(item) for item in items], style))  # noqa: S308 (escaped above)


@register.filter
def language_versions(versions) -> list:
    """The language versions of a text as list items: each language by its own name, in its own
    language and isolated, with where the version comes from ("français (Original)")."""
    return [
        format_html(
            '<bdi lang="{}">{}</bdi>{}',
            version["code"],
            language_name_local(version["code"]),
            format_html(" ({})", version["provenance"].label) if version.get("provenance") else "",
        )
        for version in versions
    ]


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

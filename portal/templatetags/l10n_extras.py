"""Dates' companions as each language writes them: `{{ consultation.time_zone|zone_name:consultation.starts_at }}`
("<bdi>توقيت أديس أبابا UTC+3</bdi>"; plain text in a text e-mail) and `{{ names|join_list }}`
("A, B and C" / "أ وب وج" / "甲、乙和丙")."""

from django import template
from django.utils.html import format_html

from portal import l10n

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

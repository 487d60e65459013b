"""Figures of people on public pages, through the one method that masks small groups."""

from django import template

from consultations.figures import public_counts

register = template.Library()


@register.simple_tag
def in_public(counts: dict):
    """{% in_public participation as figures %}: {"total": n, "<breakdown>": [(label, n), ...]} as
    bands of five, groups of fewer than 5 left out (consultations.figures.public_counts)."""
    counts = dict(counts or {})
    total = counts.pop("total", 0) or 0
    return public_counts(total, counts)

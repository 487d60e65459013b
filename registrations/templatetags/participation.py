"""Who took part in a consultation, counted from registrations, for its published summary."""

from django import template

from registrations.queries import participation_figures

register = template.Library()


@register.simple_tag
def participation_of(consultation):
    return participation_figures(consultation)

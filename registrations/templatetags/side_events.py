"""Accepted side events with a time, for the consultation's public page:
{% side_events_of consultation as side_events %}."""

from django import template

from registrations.queries.side_events import scheduled_side_events

register = template.Library()


@register.simple_tag
def side_events_of(consultation):
    return list(scheduled_side_events(consultation))

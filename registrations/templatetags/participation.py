"""Who took part in a consultation, counted from registrations, for its published summary; and its
confirmed speakers, as each chose to appear, for its programme."""

from django import template

from consultations.figures import public_counts
from registrations.queries.answers import participation_figures
from registrations.queries.speakers import confirmed_speakers

register = template.Library()


@register.simple_tag
def participation_of(consultation):
    """For a public page: the counts only as consultations.figures.public_counts shows them (bands
    of five, small groups left out), never the exact ones."""
    counts = participation_figures(consultation)
    return public_counts(counts.pop("total"), counts)


@register.simple_tag
def speakers_of(consultation):
    return confirmed_speakers(consultation)


@register.filter
def speakers_in(speakers: dict, session_id):
    return speakers.get(session_id, [])

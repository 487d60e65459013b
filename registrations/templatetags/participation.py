"""Who took part in a consultation, counted from registrations, for its published summary; and its
confirmed speakers, as each chose to appear, for its programme."""

from django import template
from django.utils.translation import gettext_lazy as _

from consultations.figures import public_counts
from registrations.enums import Attendance
from registrations.queries.answers import participation_figures
from registrations.queries.speakers import confirmed_speakers
from stakeholders.enums import StakeholderCategory
from stakeholders.geography import area_name, placements

register = template.Library()

INDIVIDUALS = _("As individuals")  # the group participation_figures counts people without an organization in


@register.simple_tag
def participation_of(consultation):
    """For a public page: the counts only as consultations.figures.public_counts shows them (bands
    of five; small groups, and any hidden to protect them, left out), never the exact ones. Every
    group a reader knows of is counted, empty ones too, so that the protection reckons with them."""
    counts = participation_figures(consultation)
    every_group = {
        "attendance": [label for _value, label in Attendance.choices],
        "categories": [*(label for _value, label in StakeholderCategory.choices), INDIVIDUALS],
        "regions": [area_name(code) for code in sorted({place.region for place in placements().values()} - {None})],
    }
    breakdowns = {name: with_empty_groups(counts[name], labels) for name, labels in every_group.items()}
    return public_counts(counts["total"], breakdowns, partial={"regions"})


def with_empty_groups(counted: list[tuple[object, int]], labels: list) -> list[tuple[object, int]]:
    """Every group of `labels` in that order, with its count, or 0 where nobody is counted."""
    by_label = {str(label): count for label, count in counted}
    return [(label, by_label.get(str(label), 0)) for label in labels]


@register.simple_tag
def speakers_of(consultation):
    return confirmed_speakers(consultation)


@register.filter
def speakers_in(speakers: dict, session_id):
    return speakers.get(session_id, [])

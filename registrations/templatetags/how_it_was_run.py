"""Links to the public record of how a call was run, once its selection is published:
{% has_record call as recorded %} on the call's page, {% calls_run consultation as runs %} in the programme."""

from django import template

from registrations.queries.how_it_was_run import calls_with_record, has_record

register = template.Library()


@register.simple_tag(name="has_record")
def has_record_tag(call) -> bool:
    return has_record(call)


@register.simple_tag
def calls_run(consultation) -> list:
    return calls_with_record(consultation)

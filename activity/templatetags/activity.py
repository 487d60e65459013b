from django import template

from activity import queries

register = template.Library()


@register.simple_tag
def history_of(*subjects):
    """`{% history_of consultation as entries %}`: the object's rows of the log, newest first (one query)."""
    return list(queries.history_of(*subjects))

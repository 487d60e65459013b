"""The engine's rules in the reader's language: the engine names them by key and parameters."""

from django.utils.translation import gettext as _
from django_countries import countries

from registrations.engine import EACH
from registrations.enums import RuleDimension
from stakeholders.enums import Gender, LedBy, StakeholderCategory
from stakeholders.geography import area_name


def value_label(dimension, value) -> str:
    if value is None:
        return _("not given")
    if value == EACH:
        return _("each")
    labels = {
        "gender": lambda: Gender(value).label if value in Gender.values else value,
        "sub_region": lambda: area_name(value) or value,
        "category": lambda: StakeholderCategory(value).label if value in StakeholderCategory.values else value,
        "country": lambda: countries.name(value) or value,
        "tag": lambda: LedBy(value).label if value in LedBy.values else value,
        "objective": lambda: _("GCM objective %(number)s") % {"number": value},
    }
    return str(labels.get(dimension, lambda: value)())


def rule_text(rule) -> str:
    """`rule` is the engine's Rule or its dict form (as kept in the audit trail)."""
    key = rule["key"] if isinstance(rule, dict) else rule.key
    dimension = rule["dimension"] if isinstance(rule, dict) else rule.dimension
    value = rule["value"] if isinstance(rule, dict) else rule.value
    limit = rule["limit"] if isinstance(rule, dict) else rule.limit
    what = RuleDimension(dimension).label if dimension in RuleDimension.values else dimension
    words = {"what": what, "value": value_label(dimension, value), "limit": _number(limit)}
    texts = {
        "minimum": _("at least %(limit)s with %(what)s: %(value)s"),
        "coverage": _("at least %(limit)s with %(what)s: %(value)s"),
        "maximum": _("at most %(limit)s with %(what)s: %(value)s"),
        "one_per_organization": _("at most one speaker per organization"),
        "size": _("exactly %(limit)s speakers"),
        "size_maximum": _("at most %(limit)s selected"),
        "budget": _("a total cost of at most %(limit)s"),
    }
    return texts.get(key, key) % words


def _number(limit):
    return int(limit) if float(limit).is_integer() else limit

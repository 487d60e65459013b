"""The engine's rules in the reader's language: the engine names them by key and parameters."""

from django.utils.translation import gettext as _
from django_countries import countries

from registrations.engine import EACH, Rule, RuleKey
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


def rule_text(rule: Rule) -> str:
    what = RuleDimension(rule.dimension).label if rule.dimension in RuleDimension.values else rule.dimension
    words = {"what": what, "value": value_label(rule.dimension, rule.value), "limit": _number(rule.limit)}
    texts = {
        RuleKey.MINIMUM: _("at least %(limit)s with %(what)s: %(value)s"),
        RuleKey.COVERAGE: _("at least %(limit)s with %(what)s: %(value)s"),
        RuleKey.MAXIMUM: _("at most %(limit)s with %(what)s: %(value)s"),
        RuleKey.ONE_PER_ORGANIZATION: _("at most one speaker per organization"),
        RuleKey.SIZE: _("exactly %(limit)s speakers"),
        RuleKey.SIZE_MAXIMUM: _("at most %(limit)s selected"),
        RuleKey.BUDGET: _("a total cost of at most %(limit)s"),
    }
    return texts[rule.key] % words


def _number(limit):
    return int(limit) if float(limit).is_integer() else limit

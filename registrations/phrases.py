"""The engine's rules and the selection's figures in the reader's language: the engine names rules
by key and parameters; amounts of money are formatted as everywhere in the portal."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from portal.l10n import join_list
from registrations.engine import EACH, Rule, RuleKey
from registrations.enums import RuleDimension
from registrations.templatetags.money import amount
from stakeholders.enums import Gender, LedBy, StakeholderCategory
from stakeholders.geography import area_name


def money(value) -> str:
    """An amount of funding support with its currency in the reader's language ("USD 300"); "" for none."""
    return amount(value)


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


def dimension_label(dimension) -> str:
    return str(RuleDimension(dimension).label) if dimension in RuleDimension.values else str(dimension)


def rule_text(rule: Rule) -> str:
    limit = money(rule.limit) if rule.key == RuleKey.BUDGET else _number(rule.limit)
    words = {"what": dimension_label(rule.dimension), "value": value_label(rule.dimension, rule.value), "limit": limit}
    count = int(rule.limit) if rule.key != RuleKey.BUDGET and float(rule.limit).is_integer() else 0
    texts = {
        RuleKey.MINIMUM: lambda: ngettext(
            "at least %(limit)s person with %(what)s: %(value)s",
            "at least %(limit)s people with %(what)s: %(value)s",
            count,
        ),
        RuleKey.COVERAGE: lambda: ngettext(
            "at least %(limit)s person with %(what)s: %(value)s",
            "at least %(limit)s people with %(what)s: %(value)s",
            count,
        ),
        RuleKey.MAXIMUM: lambda: ngettext(
            "at most %(limit)s person with %(what)s: %(value)s",
            "at most %(limit)s people with %(what)s: %(value)s",
            count,
        ),
        RuleKey.ONE_PER_ORGANIZATION: lambda: _("at most one speaker per organization"),
        RuleKey.SIZE: lambda: ngettext("exactly %(limit)s speaker", "exactly %(limit)s speakers", count),
        RuleKey.SIZE_MAXIMUM: lambda: ngettext("at most %(limit)s selected", "at most %(limit)s selected", count),
        RuleKey.BUDGET: lambda: _("a total cost of at most %(limit)s"),
    }
    return texts[rule.key]() % words


def changed_by_hand(reason: str) -> str:
    """Why someone is in or out of a selection when the secretariat changed it by hand."""
    return _("changed by hand: %(reason)s") % {"reason": reason} if reason else _("changed by hand")


def passed_over_count(rule: Rule, count: int) -> str:
    """People passed over for a rule on a personal attribute are counted, never named."""
    return ngettext(
        "%(count)s person was passed over to meet the rule “%(rule)s”.",
        "%(count)s people were passed over to meet the rule “%(rule)s”.",
        count,
    ) % {"count": count, "rule": rule_text(rule)}


def _number(limit):
    return int(limit) if float(limit).is_integer() else limit


def selection_published(*, selected: int, reserve: int, others: int) -> str:
    """What the log says when a selection is published: "2 selected, 1 in reserve and 4 not selected"."""
    outcomes = [
        ngettext("%(count)s selected", "%(count)s selected", selected) % {"count": selected},
        ngettext("%(count)s in reserve", "%(count)s in reserve", reserve) % {"count": reserve},
        ngettext("%(count)s not selected", "%(count)s not selected", others) % {"count": others},
    ]
    listed = join_list(outcomes)
    return _("%(outcomes)s; everyone is told.") % {"outcomes": listed}

"""What the task team reads beside a proposal: the balance table, the rules at their limit, and why
a better-scored applicant was passed over. All of it works on any selection, proposed or overridden.
"""

from collections.abc import Hashable, Sequence

from .model import (
    DIMENSIONS,
    MAXIMUM_KEYS,
    MINIMUM_KEYS,
    Applicant,
    BalanceRow,
    Rule,
    RuleBook,
    RuleKey,
)


def balance(book: RuleBook, selected: Sequence[Applicant]) -> tuple[BalanceRow, ...]:
    """One row per value of each dimension (unstated values too) and per coverage item."""
    chosen = {applicant.id for applicant in selected}
    limits: dict[tuple, dict] = {}
    for rule in book.rules:
        if rule.key in (RuleKey.MINIMUM, RuleKey.MAXIMUM, RuleKey.COVERAGE):
            limits.setdefault((rule.dimension, rule.value), {})[rule.key] = rule.limit
    groups = [(dimension, value) for dimension in DIMENSIONS for value in _values(book, dimension)]
    groups += [(item.kind, item.value) for item in book.settings.coverage]
    rows = []
    for group in dict.fromkeys(groups):
        members = [book.applicants[position] for position in book.index.groups.get(group, ())]
        bounds = limits.get(group, {})
        rows.append(
            BalanceRow(
                dimension=group[0],
                value=group[1],
                applicants=len(members),
                selected=sum(member.id in chosen for member in members),
                minimum=bounds.get(RuleKey.MINIMUM, bounds.get(RuleKey.COVERAGE)),
                maximum=bounds.get(RuleKey.MAXIMUM),
            )
        )
    return tuple(rows)


def _values(book: RuleBook, dimension: str) -> list:
    present = {value for (name, value) in book.index.groups if name == dimension}
    named = {rule.value for rule in book.rules if rule.dimension == dimension}
    return sorted(present | named, key=lambda value: (value is None, str(value)))


def binding(book: RuleBook, selected: Sequence[Applicant]) -> tuple[Rule, ...]:
    """Rules at their limit that held someone back or in: a full maximum with applicants left out
    of its group, a minimum met exactly, a budget too short for anyone left."""
    totals = book.totals(selected)
    everyone = book.totals(book.applicants)
    taken = set(selected)
    left_out = [applicant for applicant in book.applicants if applicant not in taken]
    bound = []
    for rule in book.rules:
        total = totals[rule]
        if rule.key == RuleKey.BUDGET:
            at_limit = any(total + applicant.cost > rule.limit for applicant in left_out)
        elif rule.key in MINIMUM_KEYS:
            at_limit = 0 < rule.limit <= total <= rule.limit
        elif rule.key in MAXIMUM_KEYS:
            at_limit = total >= rule.limit and everyone[rule] > total
        else:  # the panel size binds every panel; saying so tells nothing
            at_limit = False
        if at_limit:
            bound.append(rule)
    return tuple(bound)


def displaced(book: RuleBook, selected: Sequence[Applicant]) -> dict[Hashable, Rule | None]:
    """For each applicant left out although they outrank someone selected, a rule that explains it.
    Best effort: a full group they belong to, else a minimum that a lower-ranked selected person
    fills alone. None when only a combination of rules explains it."""
    if not selected:
        return {}
    totals = book.totals(selected)
    worst = max(applicant.rank_key for applicant in selected)
    taken = set(selected)
    explained = {}
    for applicant in sorted(book.applicants, key=lambda applicant: applicant.rank_key):
        if applicant.rank_key >= worst:
            break
        if applicant not in taken:
            explained[applicant.id] = _full_group(book, applicant, selected, totals) or _needed_minimum(
                book, applicant, selected, totals
            )
    return explained


def _full_group(
    book: RuleBook, applicant: Applicant, selected: Sequence[Applicant], totals: dict[Rule, float]
) -> Rule | None:
    rules = book.rules_of(applicant)
    # The organization first: it is the most specific reason and the easiest to accept.
    rules.sort(key=lambda rule: rule.key != RuleKey.ONE_PER_ORGANIZATION)
    for rule in rules:
        if rule.key in (RuleKey.MAXIMUM, RuleKey.ONE_PER_ORGANIZATION) and totals[rule] >= rule.limit:
            return rule
        if rule.key == RuleKey.BUDGET:
            # Too dear even in place of the dearest person they outrank.
            freed = max((other.cost for other in selected if other.rank_key > applicant.rank_key), default=0)
            if totals[rule] - freed + applicant.cost > rule.limit:
                return rule
    return None


def _needed_minimum(
    book: RuleBook, applicant: Applicant, selected: Sequence[Applicant], totals: dict[Rule, float]
) -> Rule | None:
    own = set(book.rules_of(applicant))
    for other in sorted(selected, key=lambda other: other.rank_key, reverse=True):
        if other.rank_key <= applicant.rank_key:
            break
        for rule in book.rules_of(other):
            if rule.key in MINIMUM_KEYS and rule not in own and totals[rule] <= rule.limit:
                return rule
    return None


def reserve(book: RuleBook, selected: Sequence[Applicant]) -> tuple:
    """The others by score then arrival; `best_replacement` decides at a decline who keeps the rules."""
    size = book.settings.reserve_size
    if size is None:
        size = len(selected)
    taken = set(selected)
    others = sorted(
        (applicant for applicant in book.applicants if applicant not in taken), key=lambda applicant: applicant.rank_key
    )
    return tuple(applicant.id for applicant in others[:size])

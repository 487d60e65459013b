"""The data the selection engine reads and returns: plain frozen dataclasses, no Django.

Rules a user writes (`Bound`, `Coverage`, `Rules`) are expanded into concrete `Rule`s, one per
limit on one group of applicants, so that the solver, the checker and the reports all count the
same groups the same way (`members`).
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

DIMENSIONS = ("gender", "sub_region", "category", "country")
COVERAGE_KINDS = ("tag", "objective")
# A `Bound` value meaning "every value of the dimension", e.g. at most 2 per country.
EACH = "*"
# Scores count in millionths of a point: sums of integers compare exactly in the solver and here,
# so equal scores are equal and arrival alone decides between them.
SCORE_UNITS = 10**6


class RuleKey(StrEnum):
    """What a rule limits: machine names that the interface translates (`registrations.phrases`)."""

    MINIMUM = "minimum"
    COVERAGE = "coverage"
    MAXIMUM = "maximum"
    ONE_PER_ORGANIZATION = "one_per_organization"
    SIZE = "size"
    SIZE_MAXIMUM = "size_maximum"
    BUDGET = "budget"


# The direction of each key's limit.
MINIMUM_KEYS = frozenset({RuleKey.MINIMUM, RuleKey.COVERAGE})
MAXIMUM_KEYS = frozenset({RuleKey.MAXIMUM, RuleKey.ONE_PER_ORGANIZATION, RuleKey.SIZE_MAXIMUM, RuleKey.BUDGET})
EXACT_KEYS = frozenset({RuleKey.SIZE})
# Head count and money are fixed by the session and the budget; every other rule may give way.
HARD_KEYS = frozenset({RuleKey.SIZE, RuleKey.SIZE_MAXIMUM, RuleKey.BUDGET})


class TimeLimitReached(Exception):
    """The solver's time ran out before it found any selection that keeps the hard rules."""


@dataclass(frozen=True)
class Applicant:
    id: Hashable
    score: float
    arrival: int
    gender: str | None = None
    sub_region: str | None = None
    category: str | None = None
    country: str | None = None
    organization: Hashable | None = None
    tags: frozenset = frozenset()
    objectives: frozenset = frozenset()
    cost: float = 0

    @property
    def units(self) -> int:
        return round(self.score * SCORE_UNITS)

    @property
    def rank_key(self) -> tuple:
        """Higher score first, then first come."""
        return (-self.units, self.arrival)


@dataclass(frozen=True)
class Bound:
    dimension: str
    value: Any
    minimum: int | None = None
    maximum: int | None = None

    def __post_init__(self):
        if self.dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension {self.dimension!r}")
        if self.minimum is None and self.maximum is None:
            raise ValueError("a bound needs a minimum or a maximum")
        if None not in (self.minimum, self.maximum) and self.minimum > self.maximum:
            raise ValueError(f"minimum above maximum for {self.dimension}={self.value}")

    def limits(self, value) -> list["Rule"]:
        """The rules this bound puts on one value of its dimension (EACH: on every value, as written)."""
        limits = []
        if self.minimum:
            limits.append(Rule(RuleKey.MINIMUM, self.dimension, value, self.minimum))
        if self.maximum is not None:
            limits.append(Rule(RuleKey.MAXIMUM, self.dimension, value, self.maximum))
        return limits


@dataclass(frozen=True)
class Coverage:
    kind: str
    value: Any
    minimum: int = 1

    def __post_init__(self):
        if self.kind not in COVERAGE_KINDS:
            raise ValueError(f"unknown coverage kind {self.kind!r}")

    def limits(self) -> list["Rule"]:
        return [Rule(RuleKey.COVERAGE, self.kind, self.value, self.minimum)] if self.minimum else []


@dataclass(frozen=True)
class Rules:
    """`k` speakers exactly; with a `budget` (funding), at most `k` (None: no limit on the count)."""

    k: int | None
    bounds: tuple[Bound, ...] = ()
    one_per_organization: bool = True
    coverage: tuple[Coverage, ...] = ()
    budget: float | None = None
    reserve_size: int | None = None  # None: as many reserves as speakers

    def __post_init__(self):
        if self.k is None and self.budget is None:
            raise ValueError("a selection needs k, a budget or both")
        if self.k is not None and self.k < 0:
            raise ValueError("k cannot be negative")

    def stated(self) -> list["Rule"]:
        """The rules as written, for telling people how the choice is made: a bound on each value
        stays one rule (value EACH), not one per value the applicants happen to have."""
        stated = hard_rules(self, count=None)
        stated += [rule for bound in self.bounds for rule in bound.limits(bound.value)]
        stated += [rule for item in self.coverage for rule in item.limits()]
        if self.one_per_organization:
            stated.append(Rule(RuleKey.ONE_PER_ORGANIZATION, "organization", EACH, 1))
        return list(dict.fromkeys(stated))


@dataclass(frozen=True)
class Rule:
    """One concrete limit: `key` names it for the interface, the rest are its parameters."""

    key: RuleKey
    dimension: str | None = None
    value: Any = None
    limit: float = 0

    def __post_init__(self):
        object.__setattr__(self, "key", RuleKey(self.key))  # a plain string is checked and converted

    @property
    def is_hard(self) -> bool:
        return self.key in HARD_KEYS

    def describe(self) -> str:
        """Stable English for logs and tests; people see a translation built from key and parameters."""
        group = f"{self.dimension}={self.value}"
        return {
            RuleKey.MINIMUM: f"at least {self.limit} with {group}",
            RuleKey.COVERAGE: f"at least {self.limit} with {group}",
            RuleKey.MAXIMUM: f"at most {self.limit} with {group}",
            RuleKey.ONE_PER_ORGANIZATION: f"at most 1 from organization {self.value}",
            RuleKey.SIZE: f"exactly {self.limit} selected",
            RuleKey.SIZE_MAXIMUM: f"at most {self.limit} selected",
            RuleKey.BUDGET: f"total cost at most {self.limit}",
        }[self.key]

    def __str__(self) -> str:
        return self.describe()


class Violation(NamedTuple):
    """A rule and by how much a selection misses it (people, or money for the budget)."""

    rule: Rule
    amount: float


@dataclass(frozen=True)
class BalanceRow:
    dimension: str
    value: Any
    applicants: int
    selected: int
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Proposal:
    selected: tuple  # ids, best score first
    reserve: tuple  # ids in the order they would be offered a slot
    total_score: float
    baseline_score: float  # the best score with no diversity rule
    relaxations: tuple[Violation, ...] = ()
    conflicts: tuple[Rule, ...] = ()  # a smallest set of rules that cannot hold together
    binding: tuple[Rule, ...] = ()
    displaced: dict = field(default_factory=dict)  # id -> Rule (None when no single rule explains it)
    balance: tuple[BalanceRow, ...] = ()
    optimal: bool = True

    @property
    def score_given_up(self) -> float:
        return self.baseline_score - self.total_score


@dataclass(frozen=True)
class Replacement:
    id: Hashable
    breaks: tuple[Violation, ...] = ()


def groups_of(applicant: Applicant) -> list[tuple]:
    """The groups (dimension, value) an applicant counts in; every rule but the hard ones names one."""
    groups = [(dimension, getattr(applicant, dimension)) for dimension in DIMENSIONS]
    groups += [("tag", tag) for tag in applicant.tags]
    groups += [("objective", objective) for objective in applicant.objectives]
    if applicant.organization is not None:
        groups.append(("organization", applicant.organization))
    return groups


def weight(rule: Rule, applicant: Applicant) -> float:
    return applicant.cost if rule.key == RuleKey.BUDGET else 1


class Index:
    """Positions of applicants by group, built once per list of applicants."""

    def __init__(self, applicants: Iterable[Applicant]):
        self.applicants = tuple(applicants)
        self.groups: dict[tuple, list[int]] = defaultdict(list)
        for position, applicant in enumerate(self.applicants):
            for group in groups_of(applicant):
                self.groups[group].append(position)

    def values(self, dimension: str) -> list:
        return sorted({value for (name, value) in self.groups if name == dimension and value is not None}, key=str)

    def members(self, rule: Rule) -> list[int]:
        if rule.is_hard:
            return list(range(len(self.applicants)))
        return self.groups.get((rule.dimension, rule.value), [])


class RuleBook:
    """The concrete rules for one list of applicants, and what any selection among them breaks."""

    def __init__(self, applicants: Iterable[Applicant], rules: Rules):
        self.applicants = tuple(applicants)
        validate(self.applicants)
        self.settings = rules
        self.index = Index(self.applicants)
        self.rules = expand(rules, self.index)
        self.by_id = {applicant.id: applicant for applicant in self.applicants}
        self.hard = [rule for rule in self.rules if rule.is_hard]
        self.by_group = defaultdict(list)
        for rule in self.rules:
            if not rule.is_hard:
                self.by_group[(rule.dimension, rule.value)].append(rule)

    def rules_of(self, applicant: Applicant) -> list[Rule]:
        return [rule for group in groups_of(applicant) for rule in self.by_group.get(group, ())] + self.hard

    def lookup(self, ids: Iterable[Hashable]) -> list[Applicant]:
        ids = list(ids)
        if len(set(ids)) != len(ids):
            raise ValueError("a selection names someone twice")
        unknown = [applicant_id for applicant_id in ids if applicant_id not in self.by_id]
        if unknown:
            raise ValueError(f"not among the applicants: {unknown}")
        return [self.by_id[applicant_id] for applicant_id in ids]

    def totals(self, selected: Iterable[Applicant]) -> dict[Rule, float]:
        totals = dict.fromkeys(self.rules, 0)
        for applicant in selected:
            for rule in self.rules_of(applicant):
                totals[rule] += weight(rule, applicant)
        return totals

    def violations(self, selected: Iterable[Applicant]) -> tuple[Violation, ...]:
        totals = self.totals(selected)
        return tuple(Violation(rule, amount) for rule in self.rules if (amount := shortfall(rule, totals[rule])) > 0)


def shortfall(rule: Rule, total: float) -> float:
    """How far a group's total is from the rule's limit; 0 when the rule holds."""
    if rule.key in MINIMUM_KEYS:
        return max(0, rule.limit - total)
    if rule.key == RuleKey.BUDGET:  # money adds up in floats; a rounding error is not an overspend
        excess = total - rule.limit
        return excess if excess > 1e-6 * max(1.0, abs(rule.limit)) else 0
    if rule.key in MAXIMUM_KEYS:
        return max(0, total - rule.limit)
    return abs(total - rule.limit)


def expand(rules: Rules, everyone: Index) -> list[Rule]:
    """Concrete rules for these applicants: EACH becomes one rule per value present, and one rule per
    organization that more than one applicant belongs to (the others cannot break it)."""
    expanded = []
    for bound in rules.bounds:
        values = everyone.values(bound.dimension) if bound.value == EACH else [bound.value]
        expanded += [rule for value in values for rule in bound.limits(value)]
    expanded += [rule for item in rules.coverage for rule in item.limits()]
    if rules.one_per_organization:
        expanded += [
            Rule(RuleKey.ONE_PER_ORGANIZATION, "organization", value, 1)
            for (name, value), positions in everyone.groups.items()
            if name == "organization" and len(positions) > 1
        ]
    # A bound written twice is one rule, with one slack.
    return list(dict.fromkeys(expanded + hard_rules(rules, len(everyone.applicants))))


def hard_rules(rules: Rules, count: int | None) -> list[Rule]:
    """`count` applicants (None: the rules as written, before anyone applies)."""
    hard = []
    if rules.budget is not None:
        hard.append(Rule(RuleKey.BUDGET, limit=rules.budget))
        if rules.k is not None:
            hard.append(Rule(RuleKey.SIZE_MAXIMUM, limit=rules.k))
    else:
        # Fewer applicants than seats: everyone is selected, which is not a broken rule.
        hard.append(Rule(RuleKey.SIZE, limit=rules.k if count is None else min(rules.k, count)))
    return hard


def validate(applicants: Iterable[Applicant]) -> None:
    ids = [applicant.id for applicant in applicants]
    if len(set(ids)) != len(ids):
        raise ValueError("applicant ids must be unique")
    if any(applicant.cost < 0 for applicant in applicants):
        raise ValueError("costs cannot be negative")

"""The engine's entry points: propose, check an override, replace a speaker who declines."""

from collections.abc import Hashable, Iterable, Sequence
from math import fsum

from .model import Applicant, Proposal, Replacement, Rule, RuleBook, Rules, Violation, shortfall, weight
from .report import balance, binding, displaced, reserve


def propose_selection(applicants: Iterable[Applicant], rules: Rules, *, time_limit: float | None = None) -> Proposal:
    """The best selection under the rules, relaxed as little as possible when they cannot all hold,
    with its reserve list and the balance report. `time_limit` (seconds, default the solver's own)
    bounds each solve; a proposal stopped by it says `optimal=False`, and TimeLimitReached is
    raised when no selection was found in time."""
    from .solve import TIME_LIMIT_SECONDS, find_conflicts, solve  # HiGHS and numpy load on first use

    limit = TIME_LIMIT_SECONDS if time_limit is None else time_limit
    book = RuleBook(applicants, rules)
    outcome = solve(book.index, book.rules, time_limit=limit)
    selected = _ranked(book.applicants[position] for position in outcome.chosen)
    relaxations = book.violations(selected)
    bound = binding(book, selected)
    conflicts = ()
    if relaxations:
        relaxed = {violation.rule for violation in relaxations}
        conflicts = find_conflicts(book.index, book.rules, relaxed=relaxed, binding=set(bound), time_limit=limit)
    return Proposal(
        selected=tuple(applicant.id for applicant in selected),
        reserve=reserve(book, selected),
        total_score=_score(selected),
        baseline_score=_score(_score_only(book, time_limit=limit)),
        relaxations=relaxations,
        conflicts=conflicts,
        binding=bound,
        displaced=displaced(book, selected),
        balance=balance(book, selected),
        optimal=outcome.optimal,
    )


def check_selection(
    selected: Iterable[Hashable], applicants: Iterable[Applicant], rules: Rules
) -> tuple[Violation, ...]:
    """The rules a selection breaks, each with by how much (for a manual override, say)."""
    book = RuleBook(applicants, rules)
    return book.violations(book.lookup(selected))


def explain_selection(selected: Iterable[Hashable], applicants: Iterable[Applicant], rules: Rules) -> Proposal:
    """The same report as a proposal's, for a selection someone made by hand."""
    book = RuleBook(applicants, rules)
    chosen = _ranked(book.lookup(selected))
    return Proposal(
        selected=tuple(applicant.id for applicant in chosen),
        reserve=reserve(book, chosen),
        total_score=_score(chosen),
        baseline_score=_score(_score_only(book)),
        relaxations=book.violations(chosen),
        binding=binding(book, chosen),
        displaced=displaced(book, chosen),
        balance=balance(book, chosen),
    )


def best_replacement(
    selection: Iterable[Hashable], declined_id: Hashable, applicants: Iterable[Applicant], rules: Rules
) -> Replacement | None:
    """The best-ranked applicant left out who, in place of the one who declined, breaks no rule
    further than the selection already did; failing that, the best-ranked one, with what it breaks.
    None when nobody is left."""
    book = RuleBook(applicants, rules)
    current = book.lookup(selection)
    if declined_id not in {applicant.id for applicant in current}:
        raise ValueError(f"{declined_id!r} is not in the selection")
    allowed = {rule: shortfall(rule, total) for rule, total in book.totals(current).items()}
    remaining = [applicant for applicant in current if applicant.id != declined_id]
    base = book.totals(remaining)
    taken = {applicant.id for applicant in current}
    candidates = _ranked(applicant for applicant in book.applicants if applicant.id not in taken)
    # Rules the departure alone pushed past what was allowed (a minimum the one who declined filled):
    # with the candidate's own rules, the only ones a swap can make worse.
    worse = [rule for rule in book.rules if shortfall(rule, base[rule]) > allowed[rule]]
    for candidate in candidates:
        totals = _with(book, base, candidate)
        if all(shortfall(rule, totals[rule]) <= allowed[rule] for rule in book.rules_of(candidate) + worse):
            return Replacement(candidate.id, _breaks(book, totals))
    if not candidates:
        return None
    return Replacement(candidates[0].id, _breaks(book, _with(book, base, candidates[0])))


def _with(book: RuleBook, base: dict[Rule, float], candidate: Applicant) -> dict[Rule, float]:
    """Totals with one more person; a shallow view is enough since only their rules change."""
    changes = {rule: base[rule] + weight(rule, candidate) for rule in book.rules_of(candidate)}
    return _Overlay(base, changes)


def _breaks(book: RuleBook, totals: dict[Rule, float]) -> tuple[Violation, ...]:
    return tuple(Violation(rule, amount) for rule in book.rules if (amount := shortfall(rule, totals[rule])) > 0)


class _Overlay(dict):
    def __init__(self, base: dict, changes: dict):
        super().__init__(changes)
        self.base = base

    def __missing__(self, rule: Rule) -> float:
        return self.base[rule]


def _score_only(book: RuleBook, *, time_limit: float | None = None) -> list[Applicant]:
    """What a choice by score alone would take: the top k, or within a budget the best the money buys."""
    if book.settings.budget is None:
        return _ranked(book.applicants)[: book.settings.k]
    from .solve import TIME_LIMIT_SECONDS, solve

    outcome = solve(book.index, book.hard, time_limit=TIME_LIMIT_SECONDS if time_limit is None else time_limit)
    return [book.applicants[position] for position in outcome.chosen]


def _ranked(applicants: Iterable[Applicant]) -> list[Applicant]:
    return sorted(applicants, key=lambda applicant: applicant.rank_key)


def _score(applicants: Sequence[Applicant]) -> float:
    return fsum(applicant.score for applicant in applicants)

"""The speaker-selection engine (design note §3, Selection) on generated calls of 500, 2,000 and
10,000 expressions of interest for a panel of 30.

Rules: 40-60 % women; 22 sub-regions, at most 3 each and at least 1 from six of them; 18
categories, at most 4 each; 190 countries, at most 2 each; one per organization (organizations
shared by several applicants); at least one migrant-led and one youth applicant; GCM objectives
2, 5 and 16 covered. Prints, for each size: the MIP's time (HiGHS on one thread) and score and
whether it proved optimality, next to a greedy baseline (by score, skipping anyone who would
overfill a group, then swaps to meet the minimums) and the rules the greedy one breaks.
Figures, not pass/fail. Runs without Django: `.venv/bin/python bench/selection.py`.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registrations.engine import EACH, Applicant, Bound, Coverage, Rules, propose_selection
from registrations.engine.model import MAXIMUM_KEYS, MINIMUM_KEYS, RuleBook, RuleKey, shortfall
from registrations.engine.solve import solve

K = 30
SIZES = (500, 2_000, 10_000)
SUB_REGIONS = [f"SR{number:02}" for number in range(22)]
CATEGORIES = [f"C{number:02}" for number in range(18)]
COUNTRIES = [f"K{number:03}" for number in range(190)]
REGION_OF = {country: SUB_REGIONS[number % 22] for number, country in enumerate(COUNTRIES)}


def applicants(count: int, seed: int) -> list[Applicant]:
    """Skewed like a real call: a few countries, categories and organizations send most applicants,
    scores on a 0-1 scale with three decimals (so equal scores happen and arrival decides)."""
    # Seeded, so every run measures the same calls; nothing secret is drawn.
    draw = random.Random(seed)  # noqa: S311
    country_weights = [1 / (rank + 1) for rank in range(len(COUNTRIES))]
    category_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(CATEGORIES))]
    organizations = max(1, count // 3)
    people = []
    for arrival in range(count):
        country = draw.choices(COUNTRIES, country_weights)[0]
        people.append(
            Applicant(
                id=arrival,
                score=round(min(1.0, max(0.0, draw.gauss(0.6, 0.15))), 3),
                arrival=arrival,
                gender=draw.choices(["woman", "man", "non-binary", None], [45, 50, 2, 3])[0],
                sub_region=REGION_OF[country],
                category=draw.choices(CATEGORIES, category_weights)[0],
                country=country,
                organization=None if draw.random() < 0.2 else int(organizations * draw.random() ** 2),
                tags=frozenset(tag for tag in ("migrant-led", "youth") if draw.random() < 0.05),
                objectives=frozenset(draw.sample(range(1, 24), draw.randint(1, 3))),
            )
        )
    return people


def rules() -> Rules:
    bounds = (
        Bound("gender", "woman", minimum=round(0.4 * K), maximum=round(0.6 * K)),
        Bound("sub_region", EACH, maximum=3),
        *(Bound("sub_region", region, minimum=1) for region in SUB_REGIONS[-6:]),
        Bound("category", EACH, maximum=4),
        Bound("country", EACH, maximum=2),
    )
    coverage = (Coverage("tag", "migrant-led"), Coverage("tag", "youth"))
    coverage += tuple(Coverage("objective", objective) for objective in (2, 5, 16))
    return Rules(k=K, bounds=bounds, coverage=coverage)


def greedy(book: RuleBook) -> list:
    """By score, skipping whoever would overfill a group; then, for each unmet minimum, swap in the
    best of its group for the lowest-ranked selected person whose leaving breaks no other minimum."""
    ranked = sorted(book.applicants, key=lambda applicant: applicant.rank_key)
    chosen, totals = [], book.totals([])
    for applicant in ranked:
        if len(chosen) == K:
            break
        if _fits(book, totals, applicant):
            chosen.append(applicant)
            totals = book.totals(chosen)
    for rule in [rule for rule in book.rules if rule.key in MINIMUM_KEYS]:
        while shortfall(rule, book.totals(chosen)[rule]) > 0 and _swap_in(book, chosen, rule, ranked):
            pass
    return chosen


def _fits(book: RuleBook, totals: dict, applicant: Applicant) -> bool:
    return all(
        totals[rule] + 1 <= rule.limit
        for rule in book.rules_of(applicant)
        if rule.key in MAXIMUM_KEYS - {RuleKey.BUDGET}
    )


def _swap_in(book: RuleBook, chosen: list, rule, ranked: list) -> bool:
    for leaving in sorted(chosen, key=lambda applicant: applicant.rank_key, reverse=True):
        if rule in book.rules_of(leaving):
            continue
        rest = [applicant for applicant in chosen if applicant is not leaving]
        totals = book.totals(rest)
        if any(totals[other] < other.limit for other in book.rules_of(leaving) if other.key in MINIMUM_KEYS):
            continue
        for joining in ranked:
            if joining not in chosen and rule in book.rules_of(joining) and _fits(book, totals, joining):
                chosen[chosen.index(leaving)] = joining
                return True
    return False


def measure(count: int) -> None:
    people, settings = applicants(count, seed=count), rules()
    book = RuleBook(people, settings)
    started = time.perf_counter()
    outcome = solve(book.index, book.rules)
    solve_seconds = time.perf_counter() - started
    started = time.perf_counter()
    proposal = propose_selection(people, settings)
    propose_seconds = time.perf_counter() - started
    started = time.perf_counter()
    chosen = greedy(book)
    greedy_seconds = time.perf_counter() - started
    greedy_score = sum(applicant.score for applicant in chosen)
    broken = book.violations(chosen)
    print(
        f"N={count:>6}  MIP {solve_seconds:6.2f} s (with reports {propose_seconds:5.2f} s)  "
        f"optimal={outcome.optimal!s:5}  score {proposal.total_score:8.3f}  relaxed {len(proposal.relaxations)}  "
        f"| greedy {greedy_seconds:6.2f} s  score {greedy_score:8.3f}  size {len(chosen)}  breaks {len(broken)}  "
        f"| score-only {proposal.baseline_score:8.3f}"
    )


def main() -> None:
    print(f"k={K}; HiGHS on one thread; scores on a 0-1 scale")
    for count in SIZES:
        measure(count)


if __name__ == "__main__":
    main()

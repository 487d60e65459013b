"""The speaker-selection engine (design note §3, Selection): small cases checked by hand, then
random small calls checked against brute force over every possible panel."""

from itertools import combinations

import highspy
import pytest
from hypothesis import given
from hypothesis import strategies as st

from registrations.engine import (
    EACH,
    Applicant,
    BalanceRow,
    Bound,
    Coverage,
    Replacement,
    Rule,
    RuleKey,
    Rules,
    TimeLimitReached,
    Violation,
    best_replacement,
    check_selection,
    explain_selection,
    propose_selection,
)

pytestmark = pytest.mark.unit

WOMEN_AT_LEAST_2 = Rule(RuleKey.MINIMUM, "gender", "woman", 2)


def person(id, score, *, arrival=None, **attributes):
    """Arrival follows the id unless a case is about arrival."""
    return Applicant(id=id, score=score, arrival=id if arrival is None else arrival, **attributes)


def men_and_women():
    men = [person(i, score, gender="man") for i, score in ((1, 9), (2, 8), (3, 7))]
    return [*men, *(person(i, score, gender="woman") for i, score in ((4, 6), (5, 5), (6, 4)))]


def test_gender_minimum_takes_the_best_women_over_better_men():
    proposal = propose_selection(men_and_women(), Rules(3, bounds=(Bound("gender", "woman", minimum=2),)))

    assert proposal.selected == (1, 4, 5)
    assert proposal.relaxations == ()
    assert proposal.total_score == 20
    assert proposal.baseline_score == 24
    assert proposal.score_given_up == 4
    assert proposal.binding == (WOMEN_AT_LEAST_2,)
    assert proposal.displaced == {2: WOMEN_AT_LEAST_2, 3: WOMEN_AT_LEAST_2}


def test_gender_maximum_caps_the_men():
    proposal = propose_selection(men_and_women(), Rules(3, bounds=(Bound("gender", "man", maximum=1),)))

    assert proposal.selected == (1, 4, 5)
    assert proposal.displaced == {
        2: Rule(RuleKey.MAXIMUM, "gender", "man", 1),
        3: Rule(RuleKey.MAXIMUM, "gender", "man", 1),
    }


def test_sub_region_minimum_and_maximum_hold_together():
    applicants = [
        person(1, 9, sub_region="Western Africa"),
        person(2, 8, sub_region="Western Africa"),
        person(3, 7, sub_region="Western Africa"),
        person(4, 6, sub_region="South America"),
        person(5, 2, sub_region="Melanesia"),
    ]
    bounds = (Bound("sub_region", "Western Africa", maximum=2), Bound("sub_region", "Melanesia", minimum=1))

    proposal = propose_selection(applicants, Rules(3, bounds=bounds))

    assert proposal.selected == (1, 2, 5)


def test_category_bound_applies_to_each_category_with_each():
    applicants = [
        person(1, 9, category="academia"),
        person(2, 8, category="academia"),
        person(3, 7, category="trade unions"),
        person(4, 6, category="trade unions"),
        person(5, 5, category="media"),
    ]

    proposal = propose_selection(applicants, Rules(3, bounds=(Bound("category", EACH, maximum=1),)))

    assert proposal.selected == (1, 3, 5)


def test_country_maximum_lets_the_next_country_in():
    applicants = [person(1, 9, country="MX"), person(2, 8, country="MX"), person(3, 1, country="SN")]

    proposal = propose_selection(applicants, Rules(2, bounds=(Bound("country", EACH, maximum=1),)))

    assert proposal.selected == (1, 3)
    assert proposal.displaced == {2: Rule(RuleKey.MAXIMUM, "country", "MX", 1)}


def test_one_per_organization_keeps_the_best_of_each_organization():
    applicants = [
        person(1, 9, organization="IOM-NGO-1"),
        person(2, 8, organization="IOM-NGO-1"),
        person(3, 7, organization=None),
        person(4, 6, organization=None),
    ]

    proposal = propose_selection(applicants, Rules(3))

    assert proposal.selected == (1, 3, 4)
    assert proposal.displaced == {2: Rule(RuleKey.ONE_PER_ORGANIZATION, "organization", "IOM-NGO-1", 1)}


def test_one_per_organization_can_be_switched_off():
    applicants = [person(1, 9, organization="a"), person(2, 8, organization="a"), person(3, 7)]

    proposal = propose_selection(applicants, Rules(2, one_per_organization=False))

    assert proposal.selected == (1, 2)


def test_coverage_tag_brings_in_a_migrant_led_organization():
    applicants = [person(1, 9), person(2, 8), person(3, 3, tags=frozenset({"migrant-led"}))]

    proposal = propose_selection(applicants, Rules(2, coverage=(Coverage("tag", "migrant-led"),)))

    assert proposal.selected == (1, 3)
    assert proposal.binding == (Rule(RuleKey.COVERAGE, "tag", "migrant-led", 1),)


def test_coverage_objectives_covers_each_listed_objective_with_fewest_losses():
    applicants = [
        person(1, 9, objectives=frozenset({1})),
        person(2, 8, objectives=frozenset({1})),
        person(3, 4, objectives=frozenset({5})),
        person(4, 3, objectives=frozenset({5, 16})),
        person(5, 2, objectives=frozenset({16})),
    ]
    coverage = (Coverage("objective", 5), Coverage("objective", 16))

    proposal = propose_selection(applicants, Rules(2, coverage=coverage))

    assert proposal.selected == (1, 4)


def test_budget_buys_the_best_total_score_not_the_best_single_score():
    applicants = [person(1, 9, cost=10), person(2, 6, cost=5), person(3, 5, cost=5), person(4, 1, cost=0)]

    proposal = propose_selection(applicants, Rules(None, budget=10))

    assert proposal.selected == (2, 3, 4)
    assert proposal.total_score == 12
    assert proposal.baseline_score == 12


def test_budget_with_a_count_limit_and_diversity():
    applicants = [
        person(1, 9, cost=4, gender="man"),
        person(2, 8, cost=4, gender="man"),
        person(3, 5, cost=4, gender="woman"),
        person(4, 7, cost=9, gender="woman"),
    ]
    rules = Rules(2, budget=8, bounds=(Bound("gender", "woman", minimum=1),))

    proposal = propose_selection(applicants, rules)

    assert proposal.selected == (1, 3)
    assert proposal.baseline_score == 17
    assert proposal.displaced == {2: Rule(RuleKey.MINIMUM, "gender", "woman", 1), 4: Rule(RuleKey.BUDGET, limit=8)}


def test_all_rules_together():
    applicants = [
        person(1, 10, gender="man", sub_region="Western Europe", country="FR", organization="o1"),
        person(2, 9, gender="man", sub_region="Western Europe", country="FR", organization="o2"),
        person(3, 9, gender="woman", sub_region="Western Europe", country="DE", organization="o1"),
        person(4, 8, gender="man", sub_region="Western Africa", country="SN", category="trade unions"),
        person(5, 7, gender="woman", sub_region="Western Africa", country="GH", tags=frozenset({"youth"})),
        person(6, 6, gender="woman", sub_region="Central America", country="MX", objectives=frozenset({7})),
        person(7, 2, gender="man", sub_region="Central America", country="GT", tags=frozenset({"migrant-led"})),
    ]
    rules = Rules(
        4,
        bounds=(
            Bound("gender", "woman", minimum=2, maximum=3),
            Bound("sub_region", EACH, maximum=2),
            Bound("sub_region", "Central America", minimum=1),
            Bound("country", EACH, maximum=1),
            Bound("category", "trade unions", maximum=0),
        ),
        coverage=(Coverage("tag", "migrant-led"), Coverage("objective", 7)),
    )

    proposal = propose_selection(applicants, rules)

    # Migrant-led (7) and objective 7 (6) take two seats and fill Central America; no trade unions (4);
    # a second woman is 3 or 5; 1 would shut out both 2 (France) and 3 (o1): 2 and 3 score more.
    assert proposal.selected == (2, 3, 6, 7)
    assert proposal.relaxations == ()
    assert check_selection(proposal.selected, applicants, rules) == ()


def test_impossible_minimum_is_relaxed_by_the_missing_count():
    applicants = [person(1, 9, gender="man"), person(2, 8, gender="man"), person(3, 1, gender="woman")]
    rules = Rules(3, bounds=(Bound("gender", "woman", minimum=2),))

    proposal = propose_selection(applicants, rules)

    assert proposal.selected == (1, 2, 3)
    assert proposal.relaxations == (Violation(WOMEN_AT_LEAST_2, 1),)
    assert proposal.conflicts == (WOMEN_AT_LEAST_2,)


def test_conflicting_maxima_relax_the_one_that_costs_least_score():
    applicants = [
        person(1, 9, sub_region="Caribbean"),
        person(2, 8, sub_region="Caribbean"),
        person(3, 7, sub_region="Polynesia"),
        person(4, 1, sub_region="Polynesia"),
    ]
    rules = Rules(3, bounds=(Bound("sub_region", EACH, maximum=1),))

    proposal = propose_selection(applicants, rules)

    caribbean = Rule(RuleKey.MAXIMUM, "sub_region", "Caribbean", 1)
    assert proposal.selected == (1, 2, 3)
    assert proposal.relaxations == (Violation(caribbean, 1),)
    assert set(proposal.conflicts) == {
        caribbean,
        Rule(RuleKey.MAXIMUM, "sub_region", "Polynesia", 1),
        Rule(RuleKey.SIZE, limit=3),
    }


def test_equal_scores_go_to_the_first_to_arrive():
    applicants = [person(1, 5, arrival=30), person(2, 5, arrival=10), person(3, 5, arrival=20)]

    proposal = propose_selection(applicants, Rules(2))

    assert proposal.selected == (2, 3)
    assert proposal.reserve == (1,)


def test_arrival_never_outweighs_the_smallest_score_difference():
    applicants = [person(1, 0.5, arrival=1), person(2, 0.500001, arrival=2)]

    assert propose_selection(applicants, Rules(1)).selected == (2,)


def test_fewer_applicants_than_seats_selects_everyone_without_relaxation():
    proposal = propose_selection([person(1, 3), person(2, 4)], Rules(5))

    assert proposal.selected == (2, 1)
    assert proposal.relaxations == ()


def test_check_selection_reports_each_broken_rule_with_its_amount():
    rules = Rules(3, bounds=(Bound("gender", "woman", minimum=2), Bound("gender", "man", maximum=1)))

    broken = check_selection([1, 2, 3], men_and_women(), rules)

    assert broken == (Violation(WOMEN_AT_LEAST_2, 2), Violation(Rule(RuleKey.MAXIMUM, "gender", "man", 1), 2))


def test_check_selection_rejects_someone_who_did_not_apply():
    with pytest.raises(ValueError, match="not among the applicants"):
        check_selection([1, 99], men_and_women(), Rules(2))


def test_explain_selection_reports_an_override_like_a_proposal():
    rules = Rules(3, bounds=(Bound("gender", "woman", minimum=2),))

    report = explain_selection([1, 2, 4], men_and_women(), rules)

    assert report.relaxations == (Violation(WOMEN_AT_LEAST_2, 1),)
    assert report.total_score == 23


def test_best_replacement_keeps_the_rules_over_a_better_score():
    rules = Rules(3, bounds=(Bound("gender", "woman", minimum=2),))

    replacement = best_replacement([1, 4, 5], 4, men_and_women(), rules)

    assert replacement == Replacement(6)


def test_best_replacement_falls_back_to_the_best_ranked_with_what_it_breaks():
    applicants = [*men_and_women()[:3], person(4, 6, gender="woman"), person(5, 5, gender="woman")]
    rules = Rules(3, bounds=(Bound("gender", "woman", minimum=2),))

    replacement = best_replacement([1, 4, 5], 4, applicants, rules)

    assert replacement == Replacement(2, (Violation(WOMEN_AT_LEAST_2, 1),))


def test_best_replacement_is_none_when_nobody_is_left():
    assert best_replacement([1, 2], 1, [person(1, 3), person(2, 2)], Rules(2)) is None


def test_balance_report_counts_applicants_and_selected_beside_the_bounds():
    rules = Rules(3, bounds=(Bound("gender", "woman", minimum=2),), coverage=(Coverage("tag", "youth"),))

    proposal = propose_selection(men_and_women(), rules)

    gender_rows = [row for row in proposal.balance if row.dimension == "gender"]
    assert gender_rows == [
        BalanceRow("gender", "man", applicants=3, selected=1),
        BalanceRow("gender", "woman", applicants=3, selected=2, minimum=2),
    ]
    assert proposal.balance[-1] == BalanceRow("tag", "youth", applicants=0, selected=0, minimum=1)
    assert proposal.relaxations == (Violation(Rule(RuleKey.COVERAGE, "tag", "youth", 1), 1),)


def test_reserve_lists_the_others_by_score_then_arrival_up_to_its_size():
    applicants = [person(1, 9), person(2, 5, arrival=9), person(3, 5, arrival=4), person(4, 7)]

    proposal = propose_selection(applicants, Rules(1, reserve_size=2))

    assert proposal.reserve == (4, 3)


def test_the_rules_as_written_are_stated_once_each_not_per_value():
    rules = Rules(
        4,
        bounds=(Bound("country", EACH, maximum=2), Bound("gender", "woman", minimum=2, maximum=3)),
        coverage=(Coverage("tag", "youth"),),
    )

    assert rules.stated() == [
        Rule(RuleKey.SIZE, limit=4),
        Rule(RuleKey.MAXIMUM, "country", EACH, 2),
        Rule(RuleKey.MINIMUM, "gender", "woman", 2),
        Rule(RuleKey.MAXIMUM, "gender", "woman", 3),
        Rule(RuleKey.COVERAGE, "tag", "youth", 1),
        Rule(RuleKey.ONE_PER_ORGANIZATION, "organization", EACH, 1),
    ]


def test_a_budget_is_stated_with_its_head_count_limit():
    assert Rules(3, budget=500, one_per_organization=False).stated() == [
        Rule(RuleKey.BUDGET, limit=500),
        Rule(RuleKey.SIZE_MAXIMUM, limit=3),
    ]


def test_a_rule_key_is_one_the_engine_knows():
    assert Rule("minimum", "gender", "woman", 1).key is RuleKey.MINIMUM
    with pytest.raises(ValueError, match="at_least"):
        Rule("at_least", "gender", "woman", 1)


def test_the_solver_stops_at_its_time_limit():
    from registrations.engine.model import Index
    from registrations.engine.solve import TIME_LIMIT_SECONDS, Program

    program = Program(Index(men_and_women()), [Rule(RuleKey.SIZE, limit=3)])

    assert program.highs.getOptionValue("time_limit") == (highspy.HighsStatus.kOk, TIME_LIMIT_SECONDS)
    assert Program(Index([]), [], time_limit=1.5).highs.getOptionValue("time_limit")[1] == 1.5


def test_a_proposal_out_of_time_before_any_selection_says_so():
    with pytest.raises(TimeLimitReached):
        propose_selection(men_and_women(), Rules(3, bounds=(Bound("gender", "woman", minimum=2),)), time_limit=0)


def test_rule_descriptions_are_stable():
    assert WOMEN_AT_LEAST_2.describe() == "at least 2 with gender=woman"
    assert str(Rule(RuleKey.ONE_PER_ORGANIZATION, "organization", "o1", 1)) == "at most 1 from organization o1"


# Random small calls against brute force. The checker below reads the rules afresh, independently
# of the engine's own expansion, so the two must agree on what every rule means.

GENDERS = ["woman", "man", None]
SUB_REGIONS = ["Caribbean", "Polynesia", "Western Asia"]
CATEGORIES = ["academia", "media"]
COUNTRIES = ["FJ", "JM", "JO"]
VALUES = {"gender": GENDERS[:2], "sub_region": SUB_REGIONS, "category": CATEGORIES, "country": COUNTRIES}
HARD = {RuleKey.SIZE, RuleKey.SIZE_MAXIMUM, RuleKey.BUDGET}


@st.composite
def calls(draw):
    count = draw(st.integers(1, 9))
    arrivals = draw(st.permutations(range(count)))
    applicants = [
        Applicant(
            id=f"eoi-{number}",
            score=draw(st.integers(0, 5)),  # few values, so equal totals are common and arrival decides
            arrival=arrivals[number],
            gender=draw(st.sampled_from(GENDERS)),
            sub_region=draw(st.sampled_from(SUB_REGIONS)),
            category=draw(st.sampled_from(CATEGORIES)),
            country=draw(st.sampled_from(COUNTRIES)),
            organization=draw(st.sampled_from([None, "o1", "o2", "o3"])),
            tags=draw(st.frozensets(st.sampled_from(["migrant-led", "youth"]))),
            objectives=draw(st.frozensets(st.integers(1, 3))),
            cost=draw(st.integers(0, 4)),
        )
        for number in range(count)
    ]
    budget = draw(st.none() | st.integers(2, 12))
    k = draw(st.integers(1, 4)) if budget is None else draw(st.none() | st.integers(1, 4))
    coverage = draw(
        st.lists(st.builds(Coverage, st.just("tag"), st.sampled_from(["migrant-led", "youth"])), max_size=1)
    )
    coverage += draw(st.lists(st.builds(Coverage, st.just("objective"), st.integers(1, 3)), max_size=2))
    rules = Rules(
        k,
        bounds=tuple(draw(st.lists(bounds(), max_size=3))),
        one_per_organization=draw(st.booleans()),
        coverage=tuple(coverage),
        budget=budget,
    )
    return applicants, rules


@st.composite
def bounds(draw):
    dimension = draw(st.sampled_from(list(VALUES)))
    minimum = draw(st.none() | st.integers(0, 3))
    low = 0 if minimum is None else minimum
    maximum = draw(st.integers(low, 3)) if minimum is None else draw(st.none() | st.integers(low, 3))
    return Bound(dimension, draw(st.sampled_from([EACH, *VALUES[dimension]])), minimum, maximum)


def broken(chosen, everyone, rules):
    """{(key, dimension, value, limit): amount} for every rule the chosen applicants break."""
    out = {}

    def short(key, dimension, value, limit, amount):
        if amount > 0:
            out[(key, dimension, value, limit)] = amount

    for bound in rules.bounds:
        present = {getattr(applicant, bound.dimension) for applicant in everyone} - {None}
        for value in present if bound.value == EACH else {bound.value}:
            count = sum(getattr(applicant, bound.dimension) == value for applicant in chosen)
            if bound.minimum:
                short(RuleKey.MINIMUM, bound.dimension, value, bound.minimum, bound.minimum - count)
            if bound.maximum is not None:
                short(RuleKey.MAXIMUM, bound.dimension, value, bound.maximum, count - bound.maximum)
    for item in rules.coverage:
        field = "tags" if item.kind == "tag" else "objectives"
        count = sum(item.value in getattr(applicant, field) for applicant in chosen)
        short(RuleKey.COVERAGE, item.kind, item.value, item.minimum, item.minimum - count)
    if rules.one_per_organization:
        for organization in {applicant.organization for applicant in chosen} - {None}:
            count = sum(applicant.organization == organization for applicant in chosen)
            short(RuleKey.ONE_PER_ORGANIZATION, "organization", organization, 1, count - 1)
    if rules.budget is None:
        seats = min(rules.k, len(everyone))
        short(RuleKey.SIZE, None, None, seats, abs(len(chosen) - seats))
    else:
        short(RuleKey.BUDGET, None, None, rules.budget, sum(applicant.cost for applicant in chosen) - rules.budget)
        if rules.k is not None:
            short(RuleKey.SIZE_MAXIMUM, None, None, rules.k, len(chosen) - rules.k)
    return out


def soft(violations):
    return {rule: amount for rule, amount in violations.items() if rule[0] not in HARD}


def quality(chosen, everyone, rules):
    """What the engine optimises, in order: least relaxation, best score, earliest arrivals (arrivals
    here are 0..n-1, so their sum is the engine's sum of arrival ranks)."""
    return (
        sum(soft(broken(chosen, everyone, rules)).values()),
        -sum(a.score for a in chosen),
        sum(a.arrival for a in chosen),
    )


def possible_panels(applicants, rules):
    if rules.budget is None:
        sizes = [min(rules.k, len(applicants))]
    else:
        sizes = range(min(len(applicants), len(applicants) if rules.k is None else rules.k) + 1)
    for size in sizes:
        for chosen in combinations(applicants, size):
            if not any(key[0] in HARD for key in broken(chosen, applicants, rules)):
                yield chosen


def as_key(rule):
    return (rule.key, rule.dimension, rule.value, rule.limit)


@given(calls())
def test_proposal_is_the_best_panel_brute_force_finds(call):
    applicants, rules = call
    best = min(quality(chosen, applicants, rules) for chosen in possible_panels(applicants, rules))

    proposal = propose_selection(applicants, rules)

    chosen = [applicant for applicant in applicants if applicant.id in proposal.selected]
    violations = broken(chosen, applicants, rules)
    assert not {key for key in violations if key[0] in HARD}
    assert {as_key(rule): amount for rule, amount in proposal.relaxations} == soft(violations)
    assert quality(chosen, applicants, rules) == best
    assert bool(proposal.relaxations) == (best[0] > 0)


@given(calls())
def test_reported_conflicts_cannot_hold_together_and_each_one_matters(call):
    applicants, rules = call

    proposal = propose_selection(applicants, rules)

    every_subset = [chosen for size in range(len(applicants) + 1) for chosen in combinations(applicants, size)]

    def possible(conflict_keys):
        return any(not conflict_keys & set(broken(chosen, applicants, rules)) for chosen in every_subset)

    conflict = {as_key(rule) for rule in proposal.conflicts}
    assert bool(conflict) == bool(proposal.relaxations)
    if conflict:
        assert not possible(conflict)
        assert all(possible(conflict - {key}) for key in conflict)

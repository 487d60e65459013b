"""The mixed-integer program, solved by HiGHS in up to three lexicographic steps.

One binary column per applicant and one slack column per rule that may give way. Each step keeps
the optimum of the one before as a constraint instead of folding them into one weighted objective,
so a tie-break can never outweigh a real difference of score, nor score a needless relaxation:
1. only when the rules cannot all hold: the least total slack (people too many or too few), which
   then caps the slack; otherwise slack stays fixed at 0;
2. the best score under that;
3. among selections with that score, the earliest arrivals (the least sum of arrival ranks: of two
   equal applicants the earlier wins).
Scores enter as integers (`Applicant.units`) so "that score" is an exact integer, and the result is
checked in integers too, since the solver works in floating point with tolerances.

Each program has a time limit over all its steps: when it runs out, the best selection found so far
is kept and the outcome says it is not proven optimal.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import highspy
import numpy as np

from .model import EXACT_KEYS, MINIMUM_KEYS, Index, Rule, TimeLimitReached, weight

_INF = highspy.kHighsInf
_STATUS = highspy.HighsModelStatus
# Seconds of solving one program may take in all (HiGHS counts them across its runs): a call of
# 10,000 applicants is proven optimal well within it on two cores (`bench/selection.py`).
TIME_LIMIT_SECONDS = 20.0


@dataclass(frozen=True)
class Outcome:
    chosen: tuple[int, ...]  # positions in the index
    optimal: bool


class Program:
    def __init__(self, index: Index, rules: list[Rule], *, time_limit: float = TIME_LIMIT_SECONDS):
        self.index, self.rules = index, rules
        self.count = len(index.applicants)
        self.slack_of = {}  # rule -> column of its slack
        self.row_of = {}  # rule -> row
        self.highs = highspy.Highs()
        options = {"output_flag": False, "threads": 1, "mip_rel_gap": 0.0, "mip_abs_gap": 0.5, "time_limit": time_limit}
        for option, value in options.items():
            self.highs.setOptionValue(option, value)
        self._add_columns()
        self._add_rows()
        self.proven = True
        self.timed_out = False

    def _add_columns(self) -> None:
        soft = [rule for rule in self.rules if not rule.is_hard]
        columns = self.count + len(soft)
        self.highs.addVars(columns, np.zeros(columns), np.concatenate([np.ones(self.count), np.zeros(len(soft))]))
        binaries = np.arange(self.count, dtype=np.int32)
        kind = np.full(self.count, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
        self.highs.changeColsIntegrality(self.count, binaries, kind)
        self.slack_of = {rule: self.count + offset for offset, rule in enumerate(soft)}

    def _add_rows(self) -> None:
        lower, upper, starts, indices, values = [], [], [], [], []
        for row, rule in enumerate(self.rules):
            members = self.index.members(rule)
            starts.append(len(indices))
            indices += members
            values += [weight(rule, self.index.applicants[position]) for position in members]
            if rule in self.slack_of:  # a slack raises a minimum's side and lowers a maximum's
                indices.append(self.slack_of[rule])
                values.append(1.0 if rule.key in MINIMUM_KEYS else -1.0)
            lower.append(-_INF if rule.key not in MINIMUM_KEYS | EXACT_KEYS else rule.limit)
            upper.append(_INF if rule.key in MINIMUM_KEYS else rule.limit)
            self.row_of[rule] = row
        self.highs.addRows(
            len(self.rules),
            np.array(lower, dtype=float),
            np.array(upper, dtype=float),
            len(indices),
            np.array(starts, dtype=np.int32),
            np.array(indices, dtype=np.int32),
            np.array(values, dtype=float),
        )

    def _set_objective(self, costs: Iterable[float], *, maximise: bool) -> None:
        full = np.zeros(self.count + len(self.slack_of))
        costs = np.asarray(list(costs), dtype=float)
        full[: len(costs)] = costs
        self.highs.changeColsCost(len(full), np.arange(len(full), dtype=np.int32), full)
        sense = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
        self.highs.changeObjectiveSense(sense)

    def _run(self) -> bool:
        """False when infeasible; a stop short of proven optimality (the time limit) keeps the best found."""
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == _STATUS.kInfeasible:
            return False
        self.proven = self.proven and status == _STATUS.kOptimal
        self.timed_out = self.timed_out or status == _STATUS.kTimeLimit
        return self.highs.getInfo().primal_solution_status == highspy.kSolutionStatusFeasible

    def _values(self) -> np.ndarray:
        return np.asarray(self.highs.getSolution().col_value)

    def chosen(self) -> tuple[int, ...]:
        return tuple(int(position) for position in np.flatnonzero(self._values()[: self.count] > 0.5))

    def _add_row(self, columns: list[int], values: list[float], lower: float, upper: float) -> None:
        self.highs.addRow(lower, upper, len(columns), np.array(columns, dtype=np.int32), np.array(values, dtype=float))

    def set_slack(self, rules: Iterable[Rule], upper: float) -> None:
        columns = [self.slack_of[rule] for rule in rules if rule in self.slack_of]
        if columns:
            self.highs.changeColsBounds(
                len(columns), np.array(columns, dtype=np.int32), np.zeros(len(columns)), np.full(len(columns), upper)
            )

    def units(self) -> list[int]:
        return [applicant.units for applicant in self.index.applicants]

    def maximise_score(self) -> bool:
        self._set_objective(self.units(), maximise=True)
        return self._run()

    def relax(self) -> None:
        """Let rules give way, by the least total slack there is, and no more."""
        self.set_slack(self.slack_of, _INF)
        self._set_objective([0] * self.count + [1] * len(self.slack_of), maximise=False)
        self._run()
        least = round(self.highs.getInfo().objective_function_value)
        columns = list(self.slack_of.values())
        self._add_row(columns, [1.0] * len(columns), -_INF, least + 0.5)

    def prefer_first_come(self) -> tuple[int, ...]:
        """Among the best-scoring selections, the earliest arrivals; kept only if exact sums agree."""
        best = self.chosen()
        units = self.units()
        target = sum(units[position] for position in best)
        self._add_row(list(range(self.count)), [float(unit) for unit in units], target - 0.5, _INF)
        order = sorted(range(self.count), key=lambda position: self.index.applicants[position].arrival)
        ranks = np.empty(self.count)
        ranks[order] = np.arange(self.count)
        self._set_objective(ranks, maximise=False)
        if not self._run():
            return best
        earliest = self.chosen()
        # The solver's tolerances must not trade score for arrival; integers decide.
        return earliest if sum(units[position] for position in earliest) >= target else best

    def feasible(self, enforced: set[Rule]) -> bool:
        """Could all `enforced` rules hold at once, ignoring the others?"""
        self.set_slack([rule for rule in self.slack_of if rule in enforced], 0)
        self.set_slack([rule for rule in self.slack_of if rule not in enforced], _INF)
        for rule in self.rules:
            if rule.is_hard:
                lower = rule.limit if rule.key in EXACT_KEYS else -_INF
                bounds = (lower, rule.limit) if rule in enforced else (-_INF, _INF)
                self.highs.changeRowBounds(self.row_of[rule], *bounds)
        self._set_objective([], maximise=False)
        return self._run()


def solve(index: Index, rules: list[Rule], *, time_limit: float = TIME_LIMIT_SECONDS) -> Outcome:
    """The best selection: least relaxation, then best score, then first come. Raises
    TimeLimitReached when the time ran out before any selection was found."""
    program = Program(index, rules, time_limit=time_limit)
    if not program.maximise_score():
        if program.timed_out:
            raise TimeLimitReached
        program.relax()
        if not program.maximise_score():
            raise TimeLimitReached  # with every rule allowed to give way, only the clock stops it
    chosen = program.prefer_first_come()
    return Outcome(chosen=chosen, optimal=program.proven)


def find_conflicts(
    index: Index, rules: list[Rule], *, relaxed: set[Rule], binding: set[Rule], time_limit: float = TIME_LIMIT_SECONDS
) -> tuple[Rule, ...]:
    """An irreducible set of rules that cannot all hold (a deletion filter: drop each rule whose
    absence leaves the rest still infeasible). Starts from the relaxed, binding and hard rules when
    they are already infeasible together, which keeps the number of solves small. The relaxed rules
    are tried last, so they stay in the answer when several sets conflict. When the time runs out,
    the rules not yet tried stay in: a larger set than needed, never a wrong one."""
    program = Program(index, rules, time_limit=time_limit)
    kept = [rule for rule in rules if rule in relaxed or rule in binding or rule.is_hard]
    if program.feasible(set(kept)) or program.timed_out:
        kept = list(rules)
    kept.sort(key=lambda rule: (rule in relaxed, rule.is_hard, rule in binding))
    for rule in list(kept):
        trial = set(kept) - {rule}
        if not program.feasible(trial):
            if program.timed_out:
                break
            kept.remove(rule)
    return tuple(kept)

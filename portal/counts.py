"""Counts of people (or organizations) as every page, download and export publishes them, so that no
group of fewer than SMALL_GROUP can be told apart, not even by adding and subtracting the figures
shown beside it.

Everything goes through `publish(table)`. A table is every count shown together about one population
and how they add up: a total and its breakdowns (the diversity page: gender, age group... each with
"Not answered", all over the same people), or a grid with its row and column totals (the gap map).
Breakdowns shown side by side over the same people belong in one table, because the reader combines
them through their common total.

The method:

1. Every count below SMALL_GROUP is hidden, 0 included. A 0 is hidden like a 1 for two reasons: a
   shown 0 beside a hidden "fewer than 5" tells the reader that the hidden group has at least one
   person in it (that someone here is non-binary, say), and a shown 0 is one figure fewer the reader
   has to guess, which is how the old page gave each hidden group away as exactly 1 (128 people,
   127 in the groups shown, zeros shown: the one hidden group holds the last person).
2. Other counts are shown exactly or, on public pages (`in_bands=True`), as the band of five they
   fall in ("10 to 14"), totals included.
3. Then we read the page as a reader would, and hide more counts (complementary suppression) until
   no hidden count can be worked out exactly. The reader is taken to know every count that is shown
   (or its band), every sum that holds (a total is the sum of its breakdown, a row total the sum of
   its row...), any count known anyway (`Table.known_anyway`: the number of accounts), that counts
   are whole numbers of 0 or more, and even, of each hidden count, whether it was hidden for being
   small (so it is 0 to 4) or to protect another (so it is 5 or more): more than any page says
   ("fewer than 5", "not shown"), so that no reasoning about which is which can help. For each
   hidden count HiGHS looks for a whole-number table the reader cannot rule out in which that count
   is different; where there is none, the count is pinned, and a shown count is hidden too: of the
   likeliest few (in a sum with it, a part before a total, the smallest, one of exactly 5 last since
   it cannot be less), the one that frees the most pinned counts. Hiding only ever widens what the
   reader cannot rule out, so a count found safe stays safe.
4. Rarely that cannot succeed: when a total is known anyway, 5 people, none in one group and all 5
   in the other, a reader told which hidden group is the small one has the answer. Then the page
   does not say which hidden counts are small (all read "not shown", `Count.is_small` is None), and
   step 3 is done again for a reader who knows only that a hidden count is 0 or more.

Bands: each shown count is one of five values; a band alone never tells a small group, but bands that
all sit at their ends can (five hidden groups of 4 and a total of "20 to 24": each must be 4); step 3
catches that case like any other.

The answer depends only on the counts (HiGHS runs on one thread, candidates are taken in the table's
order), so loading a page twice shows the same counts hidden: two different patterns of the same
counts could be laid over each other.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import highspy
import numpy as np
from django.utils.formats import number_format
from django.utils.translation import gettext

SMALL_GROUP = 5  # a group of fewer than this is never shown, nor can it be worked out
TOTAL = "total"  # the key of a table's total; a grid's row totals are (row, TOTAL), its column totals (TOTAL, column)
REST = "rest"  # in a breakdown that counts only some people, the others: never shown, yet protected like the rest

_STATUS = highspy.HighsModelStatus
_AS_MANY_AS_ANYONE_COULD = 10**7  # a hidden count has no upper bound for the reader; HiGHS wants a finite one


@dataclass(frozen=True)
class Count:
    """One count as published: `low` to `high` (equal when exact), or not shown (`low` is None)."""

    low: int | None = None
    high: int | None = None
    # Not shown: True, because fewer than SMALL_GROUP; False, to protect a small count (so SMALL_GROUP or
    # more); None, without saying which.
    is_small: bool | None = None
    size: int = SMALL_GROUP

    @property
    def is_shown(self) -> bool:
        return self.low is not None

    @property
    def is_exact(self) -> bool:
        return self.is_shown and self.low == self.high

    def __str__(self) -> str:
        if self.is_small:
            return gettext("fewer than %(number)s") % {"number": SMALL_GROUP}
        if not self.is_shown:
            return gettext("not shown")
        if self.is_exact:
            return number_format(self.low)
        return gettext("%(low)s to %(high)s") % {"low": number_format(self.low), "high": number_format(self.high)}


@dataclass
class Table:
    """Counts by key, and the sums that hold between them: each (key, parts) says count[key] is the sum
    of the counts of its parts. Keys in `never_shown` are counted (for the sums) but never published;
    keys in `known_anyway` are taken as known to every reader, shown or not (the number of accounts
    is no secret), so they are never hidden to protect another count: that would protect nothing."""

    counts: dict[Hashable, int]
    sums: list[tuple[Hashable, tuple[Hashable, ...]]]
    never_shown: frozenset = field(default_factory=frozenset)
    known_anyway: frozenset = field(default_factory=frozenset)


def breakdowns(
    total: int, groups: dict[str, list[int]], *, partial: Iterable[str] = (), total_known: bool = False
) -> Table:
    """`total` people and, for each named breakdown, the count of each of its groups, keyed
    (name, position). A breakdown named in `partial` counts only some people (a region only for those
    who gave a country): the others are its REST. `total_known`: the reader knows the total anyway."""
    counts, sums, rest = {TOTAL: total}, [], set()
    for name, group_counts in groups.items():
        parts = [(name, position) for position in range(len(group_counts))]
        counts.update(zip(parts, group_counts, strict=True))
        if name in partial:
            counts[name, REST] = total - sum(group_counts)
            parts.append((name, REST))
            rest.add((name, REST))
        sums.append((TOTAL, tuple(parts)))
    return Table(counts, sums, frozenset(rest), frozenset({TOTAL} if total_known else ()))


def grid(cells: dict[tuple[Hashable, Hashable], int], rows: list, columns: list) -> Table:
    """A count for each row and column (missing ones are 0), with row totals (row, TOTAL), column
    totals (TOTAL, column) and the grand total TOTAL."""
    counts = {(row, column): cells.get((row, column), 0) for row in rows for column in columns}
    sums = []
    for row in rows:
        parts = tuple((row, column) for column in columns)
        counts[row, TOTAL] = sum(counts[part] for part in parts)
        sums.append(((row, TOTAL), parts))
    for column in columns:
        parts = tuple((row, column) for row in rows)
        counts[TOTAL, column] = sum(counts[part] for part in parts)
        sums.append(((TOTAL, column), parts))
    counts[TOTAL] = sum(counts[row, TOTAL] for row in rows)
    sums.append((TOTAL, tuple((row, TOTAL) for row in rows)))
    sums.append((TOTAL, tuple((TOTAL, column) for column in columns)))
    return Table(counts, sums)


def publish(table: Table, *, in_bands: bool = False) -> dict[Hashable, Count]:
    """Every count of the table as it may be published (see the module's docstring)."""
    says_small = True
    hidden, safe = _hide(table, in_bands=in_bands, says_small=says_small)
    if not safe:
        says_small = False
        hidden, safe = _hide(table, in_bands=in_bands, says_small=says_small)
    return {
        key: _published(count, key in hidden, in_bands=in_bands, says_small=says_small)
        for key, count in table.counts.items()
    }


def _hide(table: Table, *, in_bands: bool, says_small: bool) -> tuple[set, bool]:
    """The counts to hide, and whether none of them can then be worked out."""
    hidden = {key for key, count in table.counts.items() if count < SMALL_GROUP or key in table.never_shown}
    reader = _Reader(table, hidden, in_bands=in_bands, says_small=says_small)
    pinned = reader.pinned([key for key in table.counts if key in hidden])  # in the table's order, never a set's
    while pinned:
        complement = _complement_for(pinned, table, hidden, reader)
        if complement is None:
            return hidden, False  # everything that may be hidden is
        hidden.add(complement)
        reader.hide(complement)
        pinned = reader.pinned([*pinned, complement])
    return hidden, True


def publish_breakdowns(
    total: int,
    groups: dict[str, list[tuple[object, int]]],
    *,
    partial: Iterable[str] = (),
    total_known: bool = False,
    in_bands: bool = False,
) -> tuple[Count, dict[str, list[tuple[object, Count]]]]:
    """`publish` for a total and its (label, count) breakdowns: the total, and each breakdown's
    (label, published count) in the order given."""
    counts = {name: [count for _label, count in rows] for name, rows in groups.items()}
    table = breakdowns(total, counts, partial=partial, total_known=total_known)
    published = publish(table, in_bands=in_bands)
    return published[TOTAL], {
        name: [(label, published[name, position]) for position, (label, _count) in enumerate(rows)]
        for name, rows in groups.items()
    }


def _published(count: int, hidden: bool, *, in_bands: bool, says_small: bool) -> Count:
    if hidden:
        return Count(is_small=count < SMALL_GROUP if says_small else None)
    if in_bands:
        low = count - count % SMALL_GROUP
        return Count(low, low + SMALL_GROUP - 1)
    return Count(count, count)


LOOKAHEAD = 12  # shown counts tried as the next one to hide, the likeliest first


def _complement_for(pinned: list, table: Table, hidden: set, reader: "_Reader") -> Hashable | None:
    """The shown count to hide next: of the likeliest few, the one that frees the most pinned counts
    (a grand total may free a whole empty column at once), then the cheapest to lose."""
    candidates = _likeliest(pinned[0], table, hidden)
    if not candidates:
        return None

    def left_pinned(candidate) -> int:
        reader.hide(candidate)
        left = len(reader.pinned([*pinned, candidate], quick=True))
        reader.show(candidate)
        return left

    scored = [(left_pinned(candidate), position) for position, candidate in enumerate(candidates)]
    return candidates[min(scored)[1]]


def _likeliest(key, table: Table, hidden: set) -> list:
    """Shown counts in a sum with `key`, then in a sum with a hidden count of those (their totals
    first): a part before a total, one whose other sums already hold a hidden count (it will not be
    pinned in turn), the smallest, one of exactly SMALL_GROUP last (it cannot be less, so it gives no
    room on that side); any shown count if none of these."""
    near = [(parent, parts) for parent, parts in table.sums if key == parent or key in parts]
    members = {member for parent, parts in near for member in (parent, *parts)}
    further = [(parent, parts) for parent, parts in table.sums if members & hidden & {parent, *parts}]
    parents = {parent for parent, _parts in table.sums}
    order = {key: position for position, key in enumerate(table.counts)}

    def alone_in(candidate) -> int:
        return sum(
            1
            for parent, parts in table.sums
            if candidate in (parent, *parts) and not (hidden & ({parent, *parts} - {candidate}))
        )

    def cost(candidate):
        count = table.counts[candidate]
        return (candidate in parents, alone_in(candidate), count == SMALL_GROUP, count, order[candidate])

    closed = hidden | table.known_anyway
    first = sorted(members - closed, key=cost)
    then = sorted({parent for parent, _parts in further} - closed - set(first), key=cost)
    candidates = first[: LOOKAHEAD - 4] + then[:4]
    return candidates or sorted(set(table.counts) - closed, key=cost)[:LOOKAHEAD]


class _Reader:
    """What a reader of the published counts can rule out, as an integer program: one column per
    count, bounded by what is shown of it, and one row per sum."""

    def __init__(self, table: Table, hidden: set, *, in_bands: bool, says_small: bool):
        self.says_small = says_small
        self.position = {key: position for position, key in enumerate(table.counts)}
        self.truth = np.array(list(table.counts.values()), dtype=float)
        self.in_bands = in_bands
        self.highs = highspy.Highs()
        for option, value in {"output_flag": False, "threads": 1, "time_limit": 10.0}.items():
            self.highs.setOptionValue(option, value)
        self.known_anyway = table.known_anyway
        bounds = [self._bounds(key, key in hidden) for key in table.counts]
        count = len(bounds)
        self.highs.addVars(
            count, np.array([low for low, _ in bounds], float), np.array([high for _, high in bounds], float)
        )
        for parent, parts in table.sums:
            columns = [self.position[parent], *(self.position[part] for part in parts)]
            values = [1.0] + [-1.0] * len(parts)
            self.highs.addRow(0.0, 0.0, len(columns), np.array(columns, dtype=np.int32), np.array(values, float))
        self.bounds = dict(zip(table.counts, bounds, strict=True))

    def _bounds(self, key, hidden: bool) -> tuple[float, float]:
        count = int(self.truth[self.position[key]])
        if key in self.known_anyway:
            return float(count), float(count)
        if hidden and not self.says_small:
            return 0.0, float(_AS_MANY_AS_ANYONE_COULD)
        if hidden:
            small = count < SMALL_GROUP
            return (0.0, SMALL_GROUP - 1.0) if small else (float(SMALL_GROUP), float(_AS_MANY_AS_ANYONE_COULD))
        if self.in_bands:
            low = count - count % SMALL_GROUP
            return float(low), float(low + SMALL_GROUP - 1)
        return float(count), float(count)

    def hide(self, key) -> None:
        self.bounds[key] = self._bounds(key, True)
        self.highs.changeColBounds(self.position[key], *self.bounds[key])

    def show(self, key) -> None:
        self.bounds[key] = self._bounds(key, False)
        self.highs.changeColBounds(self.position[key], *self.bounds[key])

    def _solve(self) -> np.ndarray | None:
        """A table of whole numbers within the bounds, if there is one. The linear program first:
        when it has none, there is no whole-number one either, and for totals and their breakdowns,
        or a grid with its totals, the corner it finds is whole already; only otherwise does HiGHS
        search in whole numbers."""
        solution = self._run()
        if solution is None or np.allclose(solution, np.rint(solution), rtol=0, atol=1e-6):
            return None if solution is None else np.rint(solution)
        self._whole_numbers(True)
        solution = self._run()
        self._whole_numbers(False)
        return None if solution is None else np.rint(solution)

    def _run(self) -> np.ndarray | None:
        self.highs.run()
        if self.highs.getModelStatus() != _STATUS.kOptimal:
            return None  # a solver that stops short finds nothing, which hides more, never less
        return np.asarray(self.highs.getSolution().col_value)

    def _whole_numbers(self, whole: bool) -> None:
        kind = highspy.HighsVarType.kInteger if whole else highspy.HighsVarType.kContinuous
        count = len(self.truth)
        self.highs.changeColsIntegrality(
            count, np.arange(count, dtype=np.int32), np.full(count, int(kind), dtype=np.uint8)
        )

    def _set_costs(self, keys: list, sense) -> None:
        costs = np.zeros(len(self.truth))
        # Unequal weights: counts that must add up to a known sum would make equal ones a constant.
        costs[[self.position[key] for key in keys]] = np.linspace(1.0, 2.0, len(keys))
        self.highs.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), costs)
        self.highs.changeObjectiveSense(sense)

    def moved_together(self, keys: list) -> list:
        """Of `keys`, those moved in tables found by pushing all of them up at once, then down: many
        counts cleared in a few solves."""
        unresolved, moved = list(keys), []
        for sense in (highspy.ObjSense.kMaximize, highspy.ObjSense.kMinimize):
            while unresolved:
                self._set_costs(unresolved, sense)
                other = self._solve()
                changed = (
                    []
                    if other is None
                    else [key for key in unresolved if other[self.position[key]] != self.truth[self.position[key]]]
                )
                if not changed:
                    break
                moved += changed
                unresolved = [key for key in unresolved if key not in set(changed)]
        self._set_costs([], highspy.ObjSense.kMinimize)
        return moved

    def another_table(self, key) -> np.ndarray | None:
        """Counts the reader cannot rule out in which `key` differs from the truth, if there are any."""
        column = self.position[key]
        truth = self.truth[column]
        low, high = self.bounds[key]
        found = None
        for side in ((truth + 1, high), (low, truth - 1)):
            if side[0] > side[1]:
                continue
            self.highs.changeColBounds(column, *side)
            found = self._solve()
            self.highs.changeColBounds(column, low, high)
            if found is not None:
                return found
        return None

    def pinned(self, keys: list, *, quick: bool = False) -> list:
        """The keys whose counts the reader can work out exactly. A table that differs in one count
        often differs in others too: each table found clears every count it moves. `quick` stops
        after moving them together: some it leaves may move alone (good enough to compare choices)."""
        moved = set(self.moved_together(keys))
        unresolved, pinned = [key for key in keys if key not in moved], []
        if quick:
            return unresolved
        while unresolved:
            key = unresolved.pop(0)
            other = self.another_table(key)
            if other is None:
                pinned.append(key)
            else:
                moved = other != self.truth
                unresolved = [left for left in unresolved if not moved[self.position[left]]]
        return pinned

"""The reader who tries to work out hidden counts, for the tests: given what a page shows and the sums
everyone knows hold, the least and the greatest each count could be, over every table of whole
numbers of 0 or more consistent with it, found by HiGHS as an integer program.

Built here from the shape of the figures (a total and its breakdowns, or a grid with its row and
column totals), not from portal.counts' own sums, so that a sum the portal forgot to reckon with is
still one the reader uses."""

import highspy
import numpy as np

from portal.counts import REST, SMALL_GROUP, TOTAL

NO_LIMIT = 10**6  # far above any count of these tests: "as many as you like"


def sums_of_breakdowns(sizes: dict[str, int], *, partial=()) -> list[tuple[object, list, bool]]:
    """(whole, parts, exact) for a total and its breakdowns: a breakdown of everyone adds up to the
    total; one of only some people (`partial`) to no more than it, and with its REST (the others,
    never shown) exactly to it: the reader is told whether the rest is small, like any hidden count."""
    return [
        *((TOTAL, [(name, position) for position in range(size)], name not in partial) for name, size in sizes.items()),
        *((TOTAL, [*((name, position) for position in range(sizes[name])), (name, REST)], True) for name in partial),
    ]


def sums_of_grid(rows: int, columns: int) -> list[tuple[object, list, bool]]:
    """Each row total is the sum of its row, each column total of its column, and the grand total of
    either."""
    return [
        *(((row, TOTAL), [(row, column) for column in range(columns)], True) for row in range(rows)),
        *(((TOTAL, column), [(row, column) for row in range(rows)], True) for column in range(columns)),
        (TOTAL, [(row, TOTAL) for row in range(rows)], True),
        (TOTAL, [(TOTAL, column) for column in range(columns)], True),
    ]


def what_is_shown(published: dict) -> dict:
    """The range the page gives each count: exact or a band; for a hidden count, 0 to 4 when hidden
    for being small, 5 or more when hidden to protect another (the page says only "not shown": the
    reader is granted more than it says), anything when the page does not say which (`is_small` None)."""
    known = {}
    for key, count in published.items():
        if count.is_shown:
            known[key] = (count.low, count.high)
        elif count.is_small:
            known[key] = (0, SMALL_GROUP - 1)
        elif count.is_small is None:
            known[key] = (0, NO_LIMIT)
        else:
            known[key] = (SMALL_GROUP, NO_LIMIT)
    return known


def possible_ranges(known: dict, sums, *, of) -> dict:
    """For each key in `of`: (least, greatest) it could hold, given the ranges `known` and the sums."""
    keys = sorted(
        {*known, *(whole for whole, _parts, _exact in sums), *(part for _w, parts, _e in sums for part in parts)},
        key=repr,
    )
    column = {key: position for position, key in enumerate(keys)}
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    lows = np.array([known.get(key, (0, NO_LIMIT))[0] for key in keys], dtype=float)
    highs_ = np.array([known.get(key, (0, NO_LIMIT))[1] for key in keys], dtype=float)
    highs.addVars(len(keys), lows, highs_)
    highs.changeColsIntegrality(
        len(keys),
        np.arange(len(keys), dtype=np.int32),
        np.full(len(keys), int(highspy.HighsVarType.kInteger), np.uint8),
    )
    for whole, parts, exact in sums:
        indices = np.array([column[whole], *(column[part] for part in parts)], dtype=np.int32)
        values = np.array([1.0] + [-1.0] * len(parts))
        highs.addRow(0.0, 0.0 if exact else highspy.kHighsInf, len(indices), indices, values)
    ranges = {}
    for key in of:
        ends = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            costs = np.zeros(len(keys))
            costs[column[key]] = 1.0
            highs.changeColsCost(len(keys), np.arange(len(keys), dtype=np.int32), costs)
            highs.changeObjectiveSense(sense)
            highs.run()
            assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal, "the true table always fits"
            ends.append(round(highs.getInfo().objective_function_value))
        ranges[key] = tuple(ends)
    return ranges


def worked_out(known: dict, sums, hidden) -> dict:
    """The hidden counts the reader can work out exactly, with their value."""
    return {key: low for key, (low, high) in possible_ranges(known, sums, of=hidden).items() if low == high}

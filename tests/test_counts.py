"""Counts as the portal publishes them: no group of fewer than 5 can be told apart, not even by a reader
who adds and subtracts every figure shown beside it. The reader of tests/disclosure.py works out the
least and the greatest each hidden count could be; where they are equal, the count is given away."""

import os
import subprocess
import sys

import pytest
from hypothesis import example, find, given
from hypothesis import strategies as st

from portal.counts import REST, SMALL_GROUP, TOTAL, Count, breakdowns, grid, publish, publish_breakdowns
from tests.disclosure import possible_ranges, sums_of_breakdowns, sums_of_grid, what_is_shown, worked_out

pytestmark = pytest.mark.unit

# Counts as they come: many small ones and zeros beside a few large ones.
counts = st.one_of(st.integers(0, 6), st.integers(0, 40))
in_bands = st.booleans()


def hidden_keys(published: dict) -> list:
    return [key for key, count in published.items() if not count.is_shown]


def assert_nothing_worked_out(published, sums, *, known_anyway=None):
    """`known_anyway`: counts the reader knows from elsewhere, whatever the page shows (no secret to keep;
    when it is a total of 0, nobody is there to give away)."""
    known_anyway = known_anyway or {}
    if (0, 0) in known_anyway.values():
        return
    hidden = [key for key in hidden_keys(published) if key not in known_anyway]
    given_away = worked_out({**what_is_shown(published), **known_anyway}, sums, hidden)
    assert given_away == {}, f"worked out exactly: {given_away}"


def assert_small_counts_are_hidden_and_the_rest_true(table, published):
    for key, count in table.counts.items():
        shown = published[key]
        if count < SMALL_GROUP:
            assert not shown.is_shown, key
            assert shown.is_small is not False, key
        elif shown.is_shown:
            assert shown.low <= count <= shown.high, key
            assert shown.low >= SMALL_GROUP, key
            assert shown.is_exact or (shown.low % SMALL_GROUP == 0 and shown.high == shown.low + SMALL_GROUP - 1), key


@given(st.lists(counts, min_size=2, max_size=8), in_bands, st.booleans())  # a breakdown has two groups or more
@example([60, 67, 1, 0, 0, 0], False, True)  # the page: one group of 1, shown zeros
@example([60, 50, 0, 5, 6, 7], False, True)  # a lone 0 beside a 5: hiding the 5 alone would still pin it
@example([4, 4, 4, 4, 4], True, False)  # bands at their ends: 20 to 24 in five groups of at most 4
@example([1, 2], False, True)  # fewer than 5 people, their number known all the same
def test_no_hidden_count_of_a_breakdown_with_its_total_can_be_worked_out(groups, bands, total_known):
    total = sum(groups)
    table = breakdowns(total, {"gender": groups}, total_known=total_known)

    published = publish(table, in_bands=bands)

    assert_small_counts_are_hidden_and_the_rest_true(table, published)
    if total_known and total >= SMALL_GROUP:
        assert published[TOTAL].is_shown, "a total everyone knows is never hidden to protect another"
    known_anyway = {TOTAL: (total, total)} if total_known else None
    assert_nothing_worked_out(published, sums_of_breakdowns({"gender": len(groups)}), known_anyway=known_anyway)


@st.composite
def people(draw):
    """People, each with one group in each of three breakdowns of everyone (sizes 2, 5 and 6) and
    maybe a region (a breakdown of only those who gave one); crowded into few groups, so that small
    groups come up beside large ones."""
    sizes = {"attendance": 2, "age": 5, "category": 6}
    used = {name: draw(st.integers(0, size - 1)) for name, size in sizes.items()}
    person = st.fixed_dictionaries(
        {
            **{name: st.integers(0, used[name]) for name in sizes},
            "region": st.none() | st.integers(0, draw(st.integers(0, 4))),
        }
    )
    return draw(st.lists(person, max_size=60))


def counted(everyone) -> tuple[int, dict[str, list[int]]]:
    sizes = {"attendance": 2, "age": 5, "category": 6, "region": 5}
    groups = {name: [0] * size for name, size in sizes.items()}
    for person in everyone:
        for name, group in person.items():
            if group is not None:
                groups[name][group] += 1
    return len(everyone), groups


ONE_ONLINE = [{"attendance": 0, "age": 1, "category": 2, "region": None}] * 9 + [
    {"attendance": 1, "age": 1, "category": 2, "region": 0}
]


@given(people(), in_bands, st.booleans())
@example(ONE_ONLINE, False, True)  # one person online: "fewer than 5" beside 9 in person and a total of 10
def test_several_breakdowns_of_the_same_people_give_no_small_group_away(everyone, bands, total_known):
    total, groups = counted(everyone)
    table = breakdowns(total, groups, partial={"region"}, total_known=total_known)

    published = publish(table, in_bands=bands)

    assert_small_counts_are_hidden_and_the_rest_true(table, published)
    sizes = {name: len(group_counts) for name, group_counts in groups.items()}
    known_anyway = {TOTAL: (total, total)} if total_known else None
    assert_nothing_worked_out(published, sums_of_breakdowns(sizes, partial={"region"}), known_anyway=known_anyway)


@st.composite
def grids(draw):
    rows, columns = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    cells = {(row, column): draw(counts) for row in range(rows) for column in range(columns)}
    return cells, rows, columns


@given(grids(), in_bands)
@example(({(0, 0): 1, (0, 1): 9, (1, 0): 8, (1, 1): 9}, 2, 2), False)  # one small cell: its row and column give it
def test_no_hidden_count_of_a_grid_with_its_row_and_column_totals_can_be_worked_out(shape, bands):
    cells, rows, columns = shape
    table = grid(cells, list(range(rows)), list(range(columns)))

    published = publish(table, in_bands=bands)

    assert_small_counts_are_hidden_and_the_rest_true(table, published)
    assert_nothing_worked_out(published, sums_of_grid(rows, columns))


def test_the_grid_holds_its_row_and_column_totals():
    table = grid({(0, 0): 2, (0, 1): 7, (1, 1): 5}, [0, 1], [0, 1])

    assert table.counts[0, TOTAL] == 9
    assert table.counts[TOTAL, 1] == 12
    assert table.counts[TOTAL] == 14
    assert table.counts[1, 0] == 0


# The attack: 128 accounts, gender as the old page showed it. Woman 60, Man 67, one
# non-binary person, zeros shown, "Not answered" shown: the hidden group holds the last person.
GENDER = [60, 67, 1, 0, 0, 0]  # woman, man, non-binary, another gender, prefer not to say, not answered


def masked_the_old_way(total: int, groups: list[int]) -> dict:
    """What the old diversity page gave the reader: the total (the number of accounts), 0 and counts of
    5 or more exactly, "fewer than 5" for 1 to 4 (not 0, which was shown)."""
    known = {TOTAL: (total, total)}
    for position, count in enumerate(groups):
        known["gender", position] = (1, SMALL_GROUP - 1) if 0 < count < SMALL_GROUP else (count, count)
    return known


def test_the_old_masking_gives_the_lone_person_away():
    known = masked_the_old_way(128, GENDER)

    assert worked_out(known, sums_of_breakdowns({"gender": 6}), hidden=[("gender", 2)]) == {("gender", 2): 1}


def test_the_same_page_published_now_gives_nobody_away():
    total, figures = publish_breakdowns(128, {"gender": list(enumerate(GENDER))})
    published = {TOTAL: total, **{("gender", position): count for position, count in figures["gender"]}}

    assert str(total) == "128", "the secretariat still reads the exact number of people"
    assert [str(count) for _label, count in figures["gender"]] == ["60", "67", *["fewer than 5"] * 4]
    ranges = possible_ranges(what_is_shown(published), sums_of_breakdowns({"gender": 6}), of=hidden_keys(published))
    assert ranges[("gender", 2)] == (0, 1), "the non-binary person could be in any of the four hidden groups"


@given(st.lists(counts, min_size=2, max_size=6))
def test_the_reader_catches_the_old_masking_wherever_it_gives_someone_away(groups):
    """The reader is the one that checks the portal: on the old masking it finds what subtraction
    finds, a lone hidden group beside shown ones is the total less the rest."""
    known = masked_the_old_way(sum(groups), groups)
    small = [("gender", position) for position, count in enumerate(groups) if 0 < count < SMALL_GROUP]

    given_away = worked_out(known, sums_of_breakdowns({"gender": len(groups)}), small)

    if len(small) == 1:
        assert given_away == {small[0]: groups[small[0][1]]}


def test_the_reader_finds_random_tables_the_old_masking_gives_away():
    leaking = find(
        st.lists(counts, min_size=2, max_size=6),
        lambda groups: bool(
            worked_out(
                masked_the_old_way(sum(groups), groups),
                sums_of_breakdowns({"gender": len(groups)}),
                [("gender", position) for position, count in enumerate(groups) if 0 < count < SMALL_GROUP],
            )
        ),
    )

    assert sum(1 for count in leaking if 0 < count < SMALL_GROUP) >= 1


def test_a_zero_is_hidden_like_a_small_count():
    _total, figures = publish_breakdowns(30, {"disability": [("yes", 0), ("no", 20), ("not answered", 10)]})

    zero = figures["disability"][0][1]
    assert not zero.is_shown
    assert zero.is_small
    assert [str(count) for _label, count in figures["disability"]] == ["fewer than 5", "20", "not shown"], (
        "a lone hidden 0 is protected by the next smallest group, of more than 5"
    )


def test_bands_at_their_ends_are_caught_and_the_total_hidden():
    total, figures = publish_breakdowns(20, {"groups": [(n, 4) for n in range(5)]}, in_bands=True)

    assert not total.is_shown
    assert total.is_small is False, "hidden to protect the groups, and not small"
    assert all(not count.is_shown for _label, count in figures["groups"])


HIDDEN_IN_A_GRID = """
from portal.counts import grid, publish
rows, columns = [f"category {n}" for n in range(19)], [f"place {n}" for n in range(22)]
cells = {("category 0", "place 5"): 6, ("category 1", "place 5"): 7}
cells |= {("category 0", "place 3"): 1, ("category 1", "place 3"): 8}
print(sorted(repr(key) for key, count in publish(grid(cells, rows, columns)).items() if not count.is_shown))
"""


def test_the_same_counts_always_hide_the_same_groups():
    """Whatever order Python gives a set of names in (it changes from one process to the next), so
    that two loads of a page cannot be laid over each other."""
    runs = [
        subprocess.run(
            [sys.executable, "-c", HIDDEN_IN_A_GRID],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]
        for seed in ("1", "2", "3", "4", "5")
    ]

    assert all(run == runs[0] for run in runs)
    assert "('category 0', 'place 3')" in runs[0]


def test_the_people_left_out_of_a_partial_breakdown_are_never_shown():
    table = breakdowns(40, {"region": [20, 12]}, partial={"region"})

    published = publish(table)

    assert not published["region", REST].is_shown


def test_how_a_count_reads():
    assert str(Count(12, 12)) == "12"
    assert str(Count(1200, 1200)) == "1200"
    assert str(Count(10, 14)) == "10 to 14"
    assert str(Count(is_small=True)) == "fewer than 5"
    assert str(Count()) == "not shown"

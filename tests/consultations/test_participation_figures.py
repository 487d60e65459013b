"""Who took part, on a consultation's public page: no group of fewer than 5 people can be told apart,
not even by subtracting the figures the page shows from one another."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultations.enums import CallKind, PublicationStatus
from consultations.figures import public_counts
from consultations.models import Summary
from portal.counts import REST, SMALL_GROUP, TOTAL
from registrations.enums import Attendance
from stakeholders.enums import StakeholderCategory
from tests.disclosure import NO_LIMIT, possible_ranges, sums_of_breakdowns, worked_out
from tests.factories import RegistrationFactory, call, consultation

# Every group a page can name, as a reader knows them: whether the breakdown counts everyone (each
# person has one way of taking part, and one category, "as individuals" included), or only some
# (a region only for those who gave their country of residence).
BREAKDOWNS = {
    "attendance": ([label for _value, label in Attendance.choices], True),
    "categories": ([*(label for _value, label in StakeholderCategory.choices), "As individuals"], True),
    "regions": (["Africa", "Americas", "Asia", "Europe", "Oceania"], False),
}
PARTIAL = {name for name, (_groups, everyone) in BREAKDOWNS.items() if not everyone}
SUMS = sums_of_breakdowns({name: len(groups) for name, (groups, _everyone) in BREAKDOWNS.items()}, partial=PARTIAL)


def told(count: int) -> tuple[int, int]:
    """What the reader is granted of a count the page does not give: whether it is small (0 to 4) or
    not (5 or more). The page does not say it; a reader who knows it still learns nothing exact."""
    return (0, SMALL_GROUP - 1) if count < SMALL_GROUP else (SMALL_GROUP, NO_LIMIT)


def what_the_page_shows(figures, total: int, breakdowns: dict) -> tuple[dict, list]:
    """The ranges a reader can act on, keyed as tests/disclosure.py sums them (the total, and each
    group by its place among the groups a page can name; a count not given, as `told`), and the keys
    of the counts not given."""
    shown_total = figures["total"]
    known = {TOTAL: (shown_total.low, shown_total.high) if shown_total.is_shown else told(total)}
    not_given = [] if shown_total.is_shown else [TOTAL]
    for name, (groups, _everyone) in BREAKDOWNS.items():
        listed = {str(label): (band.low, band.high) for label, band in figures[name]}
        counts = dict(breakdowns[name])
        for position, label in enumerate(groups):
            known[name, position] = listed.get(label) or told(counts[label])
            not_given += [] if label in listed else [(name, position)]
        if name in PARTIAL:
            known[name, REST] = told(total - sum(counts.values()))
            not_given.append((name, REST))
    return known, not_given


def counted(people) -> tuple[int, dict]:
    """What registrations/ counts: the total, and each breakdown's groups, empty ones too (the
    consultation page lists every group a reader knows of before publishing)."""
    counts = {name: dict.fromkeys(groups, 0) for name, (groups, _everyone) in BREAKDOWNS.items()}
    for attendance, category, region in people:
        counts["attendance"][BREAKDOWNS["attendance"][0][attendance]] += 1
        counts["categories"][BREAKDOWNS["categories"][0][category]] += 1
        if region is not None:
            counts["regions"][BREAKDOWNS["regions"][0][region]] += 1
    return len(people), {name: list(groups.items()) for name, groups in counts.items()}


@st.composite
def participants(draw):
    """People, each with a way of taking part, a category and maybe a region; often crowded into a
    few categories, so that groups of every size, small ones beside large ones, come up."""
    categories = draw(st.integers(0, len(BREAKDOWNS["categories"][0]) - 1))
    person = st.tuples(
        st.integers(0, len(BREAKDOWNS["attendance"][0]) - 1),
        st.integers(0, categories),
        st.none() | st.integers(0, len(BREAKDOWNS["regions"][0]) - 1),
    )
    return draw(st.lists(person, max_size=90))


@given(participants())
def test_no_group_of_fewer_than_5_can_be_worked_out_from_the_page(people):
    total, breakdowns = counted(people)

    known, not_given = what_the_page_shows(public_counts(total, breakdowns, partial=PARTIAL), total, breakdowns)

    assert worked_out(known, SUMS, not_given) == {}


@given(participants())
def test_the_page_shows_only_ranges_of_five_and_never_a_small_group(people):
    total, breakdowns = counted(people)

    figures = public_counts(total, breakdowns, partial=PARTIAL)

    for name in breakdowns:
        assert all(band.low >= SMALL_GROUP and band.low % SMALL_GROUP == 0 for _label, band in figures[name])
    if figures["total"].is_shown:
        assert figures["total"].low <= total <= figures["total"].high
    else:
        assert figures["total"].is_small in (total < SMALL_GROUP, None)


def test_exact_counts_beside_a_rounded_total_would_give_a_small_group_away():
    """What the reader can do: 9 in person, 13 trade unionists and a total of 13 to 17 leave the
    online group exactly 4."""
    known = {TOTAL: (13, 17), ("attendance", 0): (9, 9), ("attendance", 1): (0, 4)}
    for position, label in enumerate(BREAKDOWNS["categories"][0]):
        known["categories", position] = (13, 13) if label == "Trade unions" else (0, 4)

    assert worked_out(known, SUMS, [("attendance", 1)]) == {("attendance", 1): 4}


def test_the_same_people_shown_in_ranges_give_nothing_away():
    total, breakdowns = counted([(0, 4, None)] * 9 + [(1, 4, None)] * 4)

    figures = public_counts(total, breakdowns, partial=PARTIAL)

    assert str(figures["total"]) == "10 to 14"
    assert [(str(label), str(band)) for label, band in figures["attendance"]] == [("In person", "5 to 9")]
    known, _not_given = what_the_page_shows(figures, total, breakdowns)
    assert possible_ranges(known, SUMS, of=[("attendance", 1)]) == {("attendance", 1): (1, 4)}


@pytest.mark.django_db
def test_the_consultation_page_shows_who_took_part_in_ranges_without_small_groups(client):
    ended = datetime.now(UTC) - timedelta(days=1)
    held = consultation(
        slug="held", status=PublicationStatus.PUBLISHED, starts_at=ended - timedelta(hours=8), ends_at=ended
    )
    attend = call(consultation=held, kind=CallKind.ATTEND, status=PublicationStatus.PUBLISHED)
    RegistrationFactory.create_batch(7, call=attend, attendance=Attendance.IN_PERSON)
    RegistrationFactory.create_batch(2, call=attend, attendance=Attendance.ONLINE)
    Summary.objects.create(consultation=held, body_en="What was said.", published_at=datetime.now(UTC))

    response = client.get("/en/consultations/held/")

    figures = response.context["figures"]
    assert (figures["total"].low, figures["total"].high) == (5, 9)
    assert [(str(label), str(band)) for label, band in figures["attendance"]] == [("In person", "5 to 9")]
    html = response.content.decode()
    assert "Between 5 and 9 registered participants" in html
    assert "Online" not in html.split('id="summary-heading"')[1].split("</section>")[0]

"""Who took part, on a consultation's public page: no group of fewer than 5 people can be told apart,
not even by subtracting the figures the page shows from one another."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultations.enums import CallKind, PublicationStatus
from consultations.figures import SMALL_GROUP, public_counts
from consultations.models import Summary
from registrations.enums import Attendance
from stakeholders.enums import StakeholderCategory
from tests.factories import RegistrationFactory, call, consultation

# Every group a page can name, as a reader knows them: whether the breakdown counts everyone (each
# person has one way of taking part, and one category, "as individuals" included), or only some
# (a region only for those who gave their country of residence).
BREAKDOWNS = {
    "attendance": ([label for _value, label in Attendance.choices], True),
    "categories": ([*(label for _value, label in StakeholderCategory.choices), "As individuals"], True),
    "regions": (["Africa", "Americas", "Asia", "Europe", "Oceania"], False),
}


def what_the_page_shows(figures) -> dict:
    """The public figures as ranges a reader can act on: (lowest, highest) for the total and for each
    listed group."""
    total = figures["total"]
    return {
        # No figures at all when nobody took part; the section itself says someone did.
        "total": (max(total.low, 1), total.high) if total else (0, 0),
        **{name: {label: (band.low, band.high) for label, band in figures[name]} for name in BREAKDOWNS},
    }


def possible_counts(shown: dict, breakdown: str, group) -> set[int]:
    """Every number of people the group could hold, given only the page and the groups that exist: a
    group not listed holds 0 to 4. For a given total each breakdown is free of the others, and a sum of
    independent ranges of whole numbers takes every value between its least and its greatest."""
    candidates = (
        range(shown[breakdown][group][0], shown[breakdown][group][1] + 1)
        if group in shown[breakdown]
        else range(SMALL_GROUP)
    )
    possible = set()
    for value in candidates:
        lowest, highest = shown["total"]
        for name, (groups, counts_everyone) in BREAKDOWNS.items():
            ranges = [
                (value, value) if (name, label) == (breakdown, group) else shown[name].get(label, (0, SMALL_GROUP - 1))
                for label in groups
            ]
            lowest = max(lowest, sum(low for low, _high in ranges))
            if counts_everyone:
                highest = min(highest, sum(high for _low, high in ranges))
        if lowest <= highest:
            possible.add(value)
    return possible


def counted(people) -> tuple[int, dict]:
    """What registrations/ counts: the total, and each breakdown's groups with someone in them."""
    counts = {name: dict.fromkeys(groups, 0) for name, (groups, _everyone) in BREAKDOWNS.items()}
    for attendance, category, region in people:
        counts["attendance"][BREAKDOWNS["attendance"][0][attendance]] += 1
        counts["categories"][BREAKDOWNS["categories"][0][category]] += 1
        if region is not None:
            counts["regions"][BREAKDOWNS["regions"][0][region]] += 1
    return len(people), {name: [(label, n) for label, n in groups.items() if n] for name, groups in counts.items()}


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

    shown = what_the_page_shows(public_counts(total, breakdowns))

    for name, groups in breakdowns.items():
        for label, count in groups:
            if count < SMALL_GROUP:
                possible = possible_counts(shown, name, label)
                assert count in possible
                assert len(possible) > 1, f"{label} ({name}) is {count}, and the page tells it"


@given(participants())
def test_the_page_shows_only_ranges_of_five_and_never_a_small_group(people):
    total, breakdowns = counted(people)

    figures = public_counts(total, breakdowns)

    for name in breakdowns:
        assert all(band.low >= SMALL_GROUP and band.low % SMALL_GROUP == 0 for _label, band in figures[name])
    if total:
        assert figures["total"].low <= total <= figures["total"].high


def test_exact_counts_beside_a_rounded_total_would_give_a_small_group_away():
    """What the reader of possible_counts can do: 9 in person and a total of 13 rounded to 15 leave the
    online group exactly 4."""
    shown = {
        "total": (13, 17),
        "attendance": {"In person": (9, 9)},
        "categories": {"Trade unions": (13, 13)},
        "regions": {},
    }

    assert possible_counts(shown, "attendance", "Online") == {4}


def test_the_same_people_shown_in_ranges_give_nothing_away():
    total, breakdowns = counted([(0, 4, None)] * 9 + [(1, 4, None)] * 4)

    figures = public_counts(total, breakdowns)

    assert str(figures["total"]) == "10 to 14"
    assert [(str(label), str(band)) for label, band in figures["attendance"]] == [("In person", "5 to 9")]
    assert possible_counts(what_the_page_shows(figures), "attendance", "Online") == {1, 2, 3, 4}


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

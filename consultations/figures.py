"""Counts of people shown in public (who took part in a consultation), so that no small group can be
told apart, not even by subtracting one figure from another."""

from dataclasses import dataclass

from django.utils.translation import gettext

SMALL_GROUP = 5  # a group of fewer people than this is never shown, nor can it be worked out


@dataclass(frozen=True)
class Band:
    """The SMALL_GROUP consecutive counts a count falls in: 0 to 4, 5 to 9, 10 to 14..."""

    low: int

    @property
    def size(self) -> int:
        return SMALL_GROUP

    @property
    def high(self) -> int:
        return self.low + SMALL_GROUP - 1

    @property
    def is_small(self) -> bool:
        return self.low == 0

    def __str__(self) -> str:
        if self.is_small:
            return gettext("fewer than %(number)s") % {"number": SMALL_GROUP}
        return gettext("%(low)s to %(high)s") % {"low": self.low, "high": self.high}


def band_of(count: int) -> Band:
    return Band(count - count % SMALL_GROUP)


def public_counts(total: int, breakdowns: dict[str, list[tuple[object, int]]]) -> dict:
    """The figures of a public page: `total` people, and for each breakdown (by way of taking part,
    by stakeholder category, by region) the (label, count) of its groups, as bands of five.

    The method, in full:

    - every count, the total included, is shown only as the band of five it falls in: "5 to 9",
      "10 to 14"... (the total reads "between 10 and 14"), and a total of 0 is not shown at all;
    - a group in the first band (fewer than 5 people) is not listed, so that a group of 0 and a group
      of 1 to 4 look the same: a listed "fewer than 5" would tell that someone is in it;
    - listed groups come in a fixed order (largest band first, then by name), never in the order of
      their exact counts.

    Why subtraction recovers nothing: write every count as 5k + r. The page tells each k (a group
    left out has k = 0) and nothing of the remainders r, each 0 to 4, the total's too. A breakdown
    that counts everyone only says that its remainders add up to the total's remainder plus a known
    multiple of 5; one that counts some people (regions: those who gave a country) that they add up
    to no more. So a remainder is pinned only when every remainder of a breakdown counting everyone
    must be 4 and the total's 0, which needs that breakdown to have a multiple of 5 possible groups:
    attendance has 2, categories 19 (18 and "as individuals"). Any other group of fewer than 5 could
    as well hold another number of people (tests/consultations/test_participation_figures.py
    checks it against every figure the page shows).
    """
    listed = {}
    for name, groups in breakdowns.items():
        shown = [(label, band_of(count)) for label, count in groups if count >= SMALL_GROUP]
        listed[name] = sorted(shown, key=lambda row: (-row[1].low, str(row[0])))
    return {"total": band_of(total) if total > 0 else None, **listed}

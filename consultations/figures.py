"""Who took part in a consultation, as its public page shows it: the counts published by
portal.counts in bands of five, and the groups it hides not listed at all."""

from portal.counts import Count, publish_breakdowns


def public_counts(total: int, breakdowns: dict[str, list[tuple[object, int]]], *, partial=()) -> dict:
    """The figures of a public page: `total` people and, for each breakdown (by way of taking part,
    by stakeholder category, by region), the (label, count) of every group it can have, empty ones
    included, since a reader knows which groups exist. A breakdown named in `partial` counts only some
    of the people (a region only for those who gave their country).

    All of them are published together, as bands of five (portal.counts.publish with in_bands): the
    total as its band, or hidden; a group as its band, or not listed when it is hidden, whether for
    having fewer than 5 people (0 included, so that an empty group and a group of 1 to 4 look the
    same) or to stop a small group being worked out. Listed groups come in a fixed order (largest
    band first, then by name), never in the order of their exact counts."""
    published_total, published = publish_breakdowns(total, breakdowns, partial=partial, in_bands=True)
    return {"total": published_total, **{name: listed(groups) for name, groups in published.items()}}


def listed(groups: list[tuple[object, Count]]) -> list[tuple[object, Count]]:
    shown = [(label, count) for label, count in groups if count.is_shown]
    return sorted(shown, key=lambda row: (-row[1].low, str(row[0])))

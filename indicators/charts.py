"""Small horizontal bar charts drawn on the server as SVG: the geometry is worked out here, in plain
numbers, and `templates/indicators/includes/chart.html` writes it out. No JavaScript, a few KB each.

Each row has a label on its own line and, under it, one bar per series. A published count is a range
(a band of five, "10 to 14"): the bar is solid up to the low end and pale from there to the high end,
with the range written after it. A count not shown has no bar, only its words ("fewer than 5").

Right-to-left pages are mirrored: bars grow from the right edge and labels start there; the SVG
carries `direction="rtl"`, so that `text-anchor="start"` means the right end of the text.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from portal.counts import Count

WIDTH = 360  # user units; the SVG scales to the width of its container
LABEL_HEIGHT = 20  # the line of a row's label
BAR_HEIGHT = 14
BAR_GAP = 4
ROW_GAP = 10
TEXT_ROOM = 120  # kept after the longest bar for its words ("100 to 104", "fewer than 5")


@dataclass(frozen=True)
class Value:
    """One bar: from `low` to `high` (equal when exact), or nothing to draw (`low` None), and its words."""

    low: float | None
    high: float | None
    text: str
    series: int = 0


@dataclass(frozen=True)
class Bar:
    series: int
    solid_x: float
    solid_width: float
    range_x: float
    range_width: float
    y: float
    text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Row:
    label: str
    label_x: float
    label_y: float
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    """What the template draws: `id` names its title and description for aria-labelledby."""

    id: str
    title: str
    description: str
    width: int
    height: float
    rows: list[Row]
    rtl: bool


def bar_chart(rows: list[tuple[str, list[Value]]], *, id: str, title: str, description: str, rtl: bool) -> Chart:
    """A chart of `rows`, each (label, its values), scaled to the largest high end among them."""
    largest = max((value.high for _label, values in rows for value in values if value.high), default=0) or 1
    scale = (WIDTH - TEXT_ROOM) / largest

    def across(x: float, width: float = 0) -> float:
        """x measured from the start side: from the left, or from the right when mirrored."""
        return WIDTH - x - width if rtl else x

    drawn, y = [], 0.0
    for label, values in rows:
        label_y = y + LABEL_HEIGHT - 5  # the baseline of the label's line
        y += LABEL_HEIGHT
        bars = []
        for value in values:
            solid = (value.low or 0) * scale
            pale = ((value.high or 0) - (value.low or 0)) * scale
            bars.append(
                Bar(
                    series=value.series,
                    solid_x=round(across(0, solid), 1),
                    solid_width=round(solid, 1),
                    range_x=round(across(solid, pale), 1),
                    range_width=round(pale, 1),
                    y=round(y, 1),
                    text=value.text,
                    text_x=round(across(solid + pale + 4), 1),
                    text_y=round(y + BAR_HEIGHT - 3, 1),
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        drawn.append(Row(label=label, label_x=across(0), label_y=round(label_y, 1), bars=bars))
        y += ROW_GAP - BAR_GAP
    return Chart(id=id, title=title, description=description, width=WIDTH, height=round(y, 1), rows=drawn, rtl=rtl)


def count_value(count, *, series: int = 0) -> Value:
    """A published portal.counts.Count as a bar: its range, or nothing drawn and its words."""
    if not count.is_shown:
        return Value(None, None, str(count), series)
    return Value(count.low, count.high, str(count), series)


def share_value(count, total, *, series: int = 0, text) -> Value:
    """The share of a total, both published as ranges: from the least it can be (the part's low end
    over the total's high end) to the most (high over low, at most 100%), in percent."""
    if not (count.is_shown and total.is_shown and total.high):
        return Value(None, None, str(count), series)
    low = 100 * count.low / total.high
    high = min(100.0, 100 * count.high / total.low) if total.low else 100.0
    return Value(low, high, text(round(low), round(high)), series)


def funnel_chart(funnel, *, rtl: bool) -> Chart:
    """The people at each stage of the funnel, one bar a stage."""
    rows = [
        (str(label), [count_value(count)]) for (_key, label), count in zip(funnel.stages, funnel.totals, strict=True)
    ]
    shown = [f"{label}: {count}" for (_key, label), count in zip(funnel.stages, funnel.totals, strict=True)]
    return bar_chart(
        rows,
        id="funnel-chart",
        title=gettext("From offering to speak to speaking"),
        description=gettext("People at each stage: %(stages)s.") % {"stages": "; ".join(shown)},
        rtl=rtl,
    )


def representation_chart(indicators, *, rtl: bool) -> Chart | None:
    """Each stakeholder category's share of the people who offered to speak beside its share of the
    verified organizations of the registry: who is there, and who is still not in the room. Only the
    categories with a count shown on either side; None when neither total is shown."""
    applied_total, registry_total = indicators.funnel.totals[0], indicators.registry_total
    if not (applied_total.is_shown or registry_total.is_shown):
        return None
    categories = next(breakdown for breakdown in indicators.funnel.breakdowns if breakdown.name == "category")
    applied = {str(row.label): row.counts[0] for row in categories.rows}

    def percent(low, high):
        return gettext("%(low)s%% to %(high)s%%") % {"low": low, "high": high}

    rows, described = [], []
    for label, in_registry in indicators.registry["category"]:
        offered = applied.get(str(label), Count())  # not listed: not shown at any stage
        if not (in_registry.is_shown or offered.is_shown):
            continue
        values = [
            share_value(offered, applied_total, series=0, text=percent),
            share_value(in_registry, registry_total, series=1, text=percent),
        ]
        rows.append((str(label), values))
        described.append(
            gettext("%(category)s: %(offered)s of those who offered to speak, %(registry)s of the registry")
            % {"category": label, "offered": values[0].text, "registry": values[1].text}
        )
    if not rows:
        return None
    return bar_chart(
        rows,
        id="representation-chart",
        title=gettext("Who offered to speak, beside the registry"),
        description="; ".join(described) + ".",
        rtl=rtl,
    )

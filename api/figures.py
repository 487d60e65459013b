"""Published figures as plain data for the API: the participation indicators (indicators.queries) and
the record of how a call was run (registrations.queries.how_it_was_run), exactly as their pages show
them, with stable keys beside the labels.

Nothing here counts anything: every count is a `portal.counts.Count` the query already published
(a band of five, or hidden), and the API gives it as such (api.serializers.CountSerializer), never
the exact figure behind it. Groups a page does not list (every count hidden) are not listed here
either."""

from dataclasses import asdict

from indicators import queries as indicators
from registrations.enums import Attendance
from registrations.queries.how_it_was_run import CallRecord
from stakeholders.enums import StakeholderCategory
from stakeholders.geography import balance_sub_regions

STAGE_KEYS = [key for key, _label in indicators.STAGES]
# The answers to calls, in the order indicators.queries.answers_of gives them.
ANSWER_KEYS = [
    "registrations",
    "expressions_of_interest",
    "side_event_proposals",
    "funding_applications",
    "submissions",
]
# A group's key where its value is not a code: those without an organization, without an answer...
INDIVIDUALS, NOT_ANSWERED = "individuals", "not-answered"
FIRST_TIME = {True: "first-time", False: "took-part-before"}
LED_BY = "led_by"
# The breakdowns of the funnel, in the page's order.
BREAKDOWN_KEYS = ["category", "sub_region", "gender", "first_time", LED_BY]


def group_key(dimension: str, value) -> str:
    """The stable key of one group of a funnel's breakdown."""
    if dimension.startswith(f"{LED_BY}_"):
        return dimension.removeprefix(f"{LED_BY}_")
    if dimension == "first_time":
        return FIRST_TIME[value]
    if value == "":
        return INDIVIDUALS if dimension == "category" else NOT_ANSWERED
    return str(value)


def funnel_of(funnel: indicators.Funnel) -> dict:
    """The funnel as its page shows it: the totals at each stage and, per breakdown, the groups with a
    count shown at some stage (the page's rows), read from the one table the page reads."""
    breakdowns = {key: [] for key in BREAKDOWN_KEYS}
    for dimension in indicators.dimensions():
        name = LED_BY if dimension.name.startswith(f"{LED_BY}_") else dimension.name
        for value, label in dimension.groups:
            counts = [funnel.published[stage, dimension.name, value] for stage in range(len(STAGE_KEYS))]
            if any(count.is_shown for count in counts):
                breakdowns[name].append(
                    {"key": group_key(dimension.name, value), "label": label, "counts": by_stage(counts)}
                )
    labels = {breakdown.name: breakdown.label for breakdown in funnel.breakdowns}  # every breakdown, listed or not
    return {
        "stages": [{"key": key, "label": label} for key, label in funnel.stages],
        "totals": by_stage(funnel.totals),
        "breakdowns": [
            {"key": key, "label": labels.get(key, ""), "groups": groups} for key, groups in breakdowns.items()
        ],
        "someone_may_have_spoken": funnel.ended,
    }


def by_stage(counts) -> dict:
    return dict(zip(STAGE_KEYS, counts, strict=True))


def indicators_of(figures: indicators.Indicators) -> dict:
    """Everything an indicators page shows, keyed. Registrations by way of taking part list the groups
    the page lists (a consultation's page leaves its hidden ones out, as its own page does)."""
    attendance = {str(label): value for value, label in Attendance.choices}
    # The registry's groups, in the order indicators.queries.registry gives them.
    registry_keys = {"category": StakeholderCategory.values, "sub_region": balance_sub_regions()}
    label_keys = {
        name: {str(label): key for (label, _count), key in zip(rows, registry_keys[name], strict=True)}
        for name, rows in figures.registry.items()
    }
    return {
        "answers": [
            {"key": key, "label": label, "count": count}
            for key, (label, count) in zip(ANSWER_KEYS, figures.answers, strict=True)
        ],
        "registrations": {
            "total": figures.registrations_total,
            "by_attendance": [
                {"key": attendance[str(label)], "label": label, "count": count}
                for label, count in figures.by_attendance
            ],
        },
        "funnel": funnel_of(figures.funnel),
        "registry": {
            "total": figures.registry_total,
            **{
                f"by_{name}": [
                    {"key": key, "label": label, "count": count}
                    for (label, count), key in zip(rows, registry_keys[name], strict=True)
                    if count.is_shown
                ]
                for name, rows in figures.registry.items()
            },
        },
        "not_in_the_room": {
            name: [{"key": label_keys[name][label], "label": label} for label in labels]
            for name, labels in figures.not_in_the_room.items()
        },
    }


def record_of(record: CallRecord) -> dict:
    """The record of a call as plain data, as its page shows it: the reason recorded for a short notice
    is the secretariat's public account of a decision, and the record holds no other free text."""
    data = asdict(record)
    # asdict turns each Count into a dict too: give the serializer the Counts themselves.
    data["answers"], data["selected"] = record.answers, record.selected
    data["balance"] = [
        {
            "key": breakdown.key,
            "title": breakdown.title,
            "groups": [
                {"key": group.key, "label": group.label, "applied": group.applied, "selected": group.selected}
                for group in breakdown.groups
            ],
        }
        for breakdown in record.balance
    ]
    return data

"""How a call was run, as its public record says once its selection is published: generated from the
call, its selection, the selection's settings and the history of changes by hand, never typed by hand.

`how_call_was_run(call)` returns a `CallRecord`, a plain frozen dataclass: every field is a string, a
number, a boolean, a datetime (aware, UTC), a `portal.counts.Count` (itself a frozen dataclass of
`low`, `high`, `is_small`, `size`) or a tuple of those dataclasses, so `dataclasses.asdict` serialises it.
Texts (labels, rules, criteria) are in the language active when it is called; `language` and
`direction` say which language a content text (a criterion, the title) is actually shown in.

What it never holds: a name, an e-mail address, who was swapped, the written reason of a change by hand
(staff only), or an exact count of people: counts of people go through `portal.counts.publish` in bands
of five, every figure of the page in one table, so that no small group can be worked out by adding and
subtracting them.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count as Counted
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from consultations.enums import CallKind, PublicationStatus
from consultations.models import OpenCall, Summary, advance_notice
from consultations.queries import in_one_language
from portal.counts import TOTAL, Count, Table, publish
from registrations.engine import Rules
from registrations.enums import ChangeReason, RuleDimension, SelectionStatus
from registrations.models import ExpressionOfInterest, FundingApplication, ManualChange, Selection
from registrations.phrases import rule_text
from registrations.queries.reviews import criteria_to_read, settings_of
from registrations.queries.selection import applicant, rules_of
from stakeholders.enums import Gender, StakeholderCategory
from stakeholders.geography import area_name, balance_sub_regions

# The kinds of call a selection is published for, and the answers each counts.
ANSWERS = {CallKind.SPEAK: ExpressionOfInterest, CallKind.FUNDING_SUPPORT: FundingApplication}
SELECTED, NOT_SELECTED = "selected", "not-selected"
NOT_GIVEN = None  # the group of those who did not say (no organization, no country, no gender answered)
NOT_GIVEN_KEY = "not-given"  # its key in a published record


@dataclass(frozen=True)
class Group:
    """One group of a breakdown: how many applied (every answer that arrived), how many were selected.
    `key`: the group's code (a category, a sub-region's M49 code, a gender), NOT_GIVEN_KEY for those who did not say."""

    key: str
    label: str
    applied: Count
    selected: Count


@dataclass(frozen=True)
class Breakdown:
    """Applied against selected by one attribute (`key`: category, sub_region or gender). `groups`
    lists only those with a figure shown: a group wholly hidden is left out, like an empty one."""

    key: str
    title: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: int  # the weights of a call add up to 100
    language: str
    direction: str


@dataclass(frozen=True)
class ChangesByHand:
    """How many changes by hand were made for one reason (`category`, a `ChangeReason` value)."""

    category: str
    label: str
    count: int


@dataclass(frozen=True)
class CallRecord:
    call_id: int
    kind: str
    kind_label: str
    title: str
    language: str
    direction: str
    consultation_title: str
    consultation_slug: str
    time_zone: str  # the consultation's, in which its pages give dates
    opens_at: datetime
    published_at: datetime
    closes_at: datetime
    selection_published_at: datetime
    notice_days: int  # whole days from publication (or opening, if later) to closing
    rule_days: int  # the rule of advance notice, in days
    is_short_notice: bool
    short_notice_reason: str  # the secretariat's recorded reason, only when the notice was short
    answers_label: str
    answers: Count  # every answer that arrived, withdrawn ones too
    selected: Count
    blind_review: bool
    criteria: tuple[Criterion, ...]
    rules: tuple[str, ...]
    balance: tuple[Breakdown, ...]
    counts_changes_by_hand: bool  # a call to speak: its engine proposes, the secretariat may change it by hand
    changes_by_hand: tuple[ChangesByHand, ...]  # only the reasons given at least once, in the list's order
    changes_by_hand_total: int
    programme_url: str
    summary_url: str  # "" until the consultation's summary is published


def published_selection(call) -> Selection | None:
    return Selection.objects.filter(call=call, status=SelectionStatus.PUBLISHED).first()


def calls_with_record(consultation) -> list:
    """The published calls of a consultation whose record is public, in one query, each in one
    language (the reader's when complete there): for the links from the consultation's programme."""
    calls = OpenCall.objects.filter(
        consultation=consultation,
        status=PublicationStatus.PUBLISHED,
        kind__in=list(ANSWERS),
        selections__status=SelectionStatus.PUBLISHED,
    ).order_by("closes_at", "pk")
    return [in_one_language(call, get_language()) for call in calls]


def has_record(call) -> bool:
    return call.kind in ANSWERS and published_selection(call) is not None


def how_call_was_run(call, selection: Selection | None = None) -> CallRecord | None:
    """The public record of a call, or None while its selection is not published (or for a kind of
    call that has no selection). The same number of queries whatever the number of answers."""
    selection = selection or published_selection(call)
    if selection is None or not selection.is_published or call.kind not in ANSWERS:
        return None
    language = get_language()
    shown = in_one_language(call, language)
    consultation = in_one_language(call.consultation, language)
    settings = settings_of(call)
    notice = call.closes_at - max(call.published_at or call.opens_at, call.opens_at)
    is_short = notice < advance_notice()
    counts, breakdowns = _balance(call, set(selection.selected))
    changes = _changes_by_hand(selection)
    has_summary = Summary.objects.filter(consultation_id=call.consultation_id, published_at__isnull=False).exists()
    page = consultation.get_absolute_url()
    return CallRecord(
        call_id=call.pk,
        kind=call.kind,
        kind_label=str(CallKind(call.kind).label),
        title=shown.title or str(CallKind(call.kind).label),
        language=shown.shown_language,
        direction=shown.shown_direction,
        consultation_title=consultation.title,
        consultation_slug=consultation.slug,
        time_zone=consultation.time_zone,
        opens_at=call.opens_at,
        published_at=call.published_at or call.opens_at,
        closes_at=call.closes_at,
        selection_published_at=selection.published_at,
        notice_days=notice.days,
        rule_days=advance_notice().days,
        is_short_notice=is_short,
        short_notice_reason=call.short_notice_reason.strip() if is_short else "",
        answers_label=_answers_label(call.kind),
        answers=counts[TOTAL],
        selected=counts[TOTAL, SELECTED],
        blind_review=call.kind == CallKind.SPEAK and settings.blind_review,
        criteria=tuple(
            Criterion(item.name, item.weight, item.shown_language, item.shown_direction)
            for item in (criteria_to_read(call, language) if call.kind == CallKind.SPEAK else ())
        ),
        rules=tuple(rule_text(rule) for rule in _rules(call, settings).stated()),
        balance=breakdowns,
        counts_changes_by_hand=call.kind == CallKind.SPEAK,
        changes_by_hand=tuple(
            ChangesByHand(value, str(label), changes[value]) for value, label in ChangeReason.choices if changes[value]
        ),
        changes_by_hand_total=sum(changes.values()),
        programme_url=f"{page}#programme-heading",
        summary_url=f"{page}#summary-heading" if has_summary else "",
    )


def _answers_label(kind) -> str:
    if kind == CallKind.FUNDING_SUPPORT:
        return _("Applications for funding support received")
    return _("Expressions of interest to speak received")


def _rules(call, settings) -> Rules:
    """The rules as the call stated them: for funding support, within its whole budget."""
    rules = rules_of(call)
    if call.kind != CallKind.FUNDING_SUPPORT:
        return rules
    return Rules(
        k=None,
        bounds=rules.bounds,
        coverage=rules.coverage,
        one_per_organization=settings.one_per_organization,
        budget=float(settings.budget or 0),
    )


def _changes_by_hand(selection) -> Counter:
    """Changes by hand since the engine last proposed the selection (earlier ones were undone by it),
    counted per reason in one query."""
    rows = (
        ManualChange.objects.filter(selection=selection, activity__at__gte=selection.created_at)
        .values("category")
        .annotate(count=Counted("pk"))
    )
    return Counter({row["category"]: row["count"] for row in rows})


def _every_group() -> dict[str, list[tuple[object, str]]]:
    """Every group a reader knows exists, empty ones included (so the protection reckons with them),
    with those who did not say last."""
    genders = [(value, str(label)) for value, label in Gender.choices if value != Gender.PREFER_NOT]
    return {
        RuleDimension.CATEGORY: [
            *((value, str(label)) for value, label in StakeholderCategory.choices),
            (NOT_GIVEN, _("As individuals")),
        ],
        RuleDimension.SUB_REGION: [
            *((code, str(area_name(code))) for code in balance_sub_regions()),
            (NOT_GIVEN, _("Country not given")),
        ],
        RuleDimension.GENDER: [*genders, (NOT_GIVEN, _("Not answered"))],
    }


def _balance(call, selected: set[int]) -> tuple[dict, tuple[Breakdown, ...]]:
    """Every answer that arrived, placed as the selection engine places it (category and sub-region
    from the organization, or the person's residence; gender from the person's optional answer), and
    all the figures published together as one table: the total, selected and not, and each breakdown
    of them, which share those totals."""
    answers = ANSWERS[call.kind].objects.filter(call=call).select_related("person__profile", "organization")
    people = [(applicant(answer, 0.0, arrival=0), answer.pk in selected) for answer in answers]
    groups = _every_group()
    table = _table(people, groups)
    published = publish(table, in_bands=True)
    breakdowns = tuple(
        Breakdown(
            key=str(dimension),
            title=str(RuleDimension(dimension).label),
            groups=tuple(
                Group(
                    NOT_GIVEN_KEY if value is NOT_GIVEN else str(value),
                    label,
                    published[dimension, value, TOTAL],
                    published[dimension, value, SELECTED],
                )
                for value, label in labelled
                if any(published[dimension, value, column].is_shown for column in (TOTAL, SELECTED, NOT_SELECTED))
            ),
        )
        for dimension, labelled in groups.items()
    )
    return published, breakdowns


def _table(people: list[tuple], groups: dict[str, list[tuple[object, str]]]) -> Table:
    """The counts keyed TOTAL, (TOTAL, column) and (dimension, value, column or TOTAL), where a column is
    SELECTED or NOT_SELECTED, and the sums a reader knows hold between them: a grid per breakdown, all
    sharing their margins."""
    columns = (SELECTED, NOT_SELECTED)
    known = {dimension: {value for value, _label in labelled} for dimension, labelled in groups.items()}
    tally = Counter()
    for person, is_selected in people:
        column = SELECTED if is_selected else NOT_SELECTED
        tally[TOTAL, column] += 1
        for dimension in groups:
            value = getattr(person, dimension)
            tally[dimension, value if value in known[dimension] else NOT_GIVEN, column] += 1
    counts = {TOTAL: len(people), **{(TOTAL, column): tally[TOTAL, column] for column in columns}}
    sums = [(TOTAL, tuple((TOTAL, column) for column in columns))]
    for dimension, labelled in groups.items():
        for value, _label in labelled:
            cells = tuple((dimension, value, column) for column in columns)
            counts.update({cell: tally[cell] for cell in cells})
            counts[dimension, value, TOTAL] = sum(tally[cell] for cell in cells)
            sums.append(((dimension, value, TOTAL), cells))
        sums.append((TOTAL, tuple((dimension, value, TOTAL) for value, _label in labelled)))
        for column in columns:
            sums.append(((TOTAL, column), tuple((dimension, value, column) for value, _label in labelled)))
    return Table(counts, sums)


def csv_rows(record: CallRecord) -> list[list[str]]:
    """The record as the rows of its download, in the page's words: (what, of what, figure, selected)."""
    rows = [
        [_("Call"), _("Title"), record.title, ""],
        [_("Call"), _("Kind"), record.kind_label, ""],
        [_("Call"), _("Published"), record.published_at.isoformat(), ""],
        [_("Call"), _("Opened"), record.opens_at.isoformat(), ""],
        [_("Call"), _("Closed"), record.closes_at.isoformat(), ""],
        [_("Call"), _("Days of notice"), str(record.notice_days), ""],
        [_("Call"), _("Days of notice the rule asks for"), str(record.rule_days), ""],
    ]
    if record.short_notice_reason:
        rows.append([_("Call"), _("Why the notice was shorter"), record.short_notice_reason, ""])
    rows.append([_("Selection"), _("Published"), record.selection_published_at.isoformat(), ""])
    rows.append([_("Answers"), record.answers_label, str(record.answers), str(record.selected)])
    rows += [[_("Criteria"), item.name, f"{item.weight} %", ""] for item in record.criteria]
    rows += [[_("Rules of balance"), text, "", ""] for text in record.rules]
    for breakdown in record.balance:
        rows += [[breakdown.title, group.label, str(group.applied), str(group.selected)] for group in breakdown.groups]
    rows += [[_("Changes by hand"), item.label, str(item.count), ""] for item in record.changes_by_hand]
    rows.append([_("Changes by hand"), _("Total"), str(record.changes_by_hand_total), ""])
    return [[_safe(cell) for cell in row] for row in rows]


def _safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (the reason for a short notice is typed)."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell

"""Participation indicators: who answered the calls of a consultation, of a review cycle or of a UN
region, how far those who offered to speak went (the funnel), and how they compare with the
registry, every count published through portal.counts.publish in bands of five.

Each function runs a fixed number of queries, whatever the number of people and consultations: rows
come back as plain values and are counted here.

The funnel counts people, each at the furthest stage any of their expressions of interest reached in
the scope (a person who offered to speak at two sessions counts once). The stages are nested: every
person counted at a stage is counted at each earlier one too.

- applied: sent an expression of interest to a call to speak and did not withdraw it;
- shortlisted: kept in the running when the selection was published, as a speaker or a reserve
  (statuses shortlisted, reserve, selected, declined, confirmed);
- selected: offered a slot to speak, first or as a reserve later (selected, declined, confirmed);
- confirmed: accepted the slot (confirmed);
- spoke: a confirmed speaker of a consultation that has ended. The portal keeps no attendance mark,
  so a confirmed speaker who did not come is counted as having spoken.
"""

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from django.db.models import Count as DbCount
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.enums import CallKind, PublicationStatus, SubmissionStatus
from consultations.models import Consultation, ReviewCycle, WrittenSubmission
from portal.counts import REST, TOTAL, Count, Table, breakdowns, publish
from registrations.enums import Attendance, FundingStatus, InterestStatus, ProposalStatus, RegistrationStatus
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, SideEventProposal
from registrations.templatetags.participation import participation_of
from stakeholders.enums import Commission, Gender, LedBy, StakeholderCategory
from stakeholders.geography import area_name, balance_sub_regions, countries_of_commission, placement_of
from stakeholders.models import Organization

STAGES = (
    ("applied", pgettext_lazy("funnel stage", "Applied")),
    ("shortlisted", pgettext_lazy("funnel stage", "Shortlisted")),
    ("selected", pgettext_lazy("funnel stage", "Selected")),
    ("confirmed", pgettext_lazy("funnel stage", "Confirmed")),
    ("spoke", pgettext_lazy("funnel stage", "Spoke")),
)
APPLIED, SHORTLISTED, SELECTED, CONFIRMED, SPOKE = range(len(STAGES))
# The furthest stage each status of an expression of interest shows it reached; withdrawn: none.
STAGE_OF_STATUS = {
    InterestStatus.RECEIVED: APPLIED,
    InterestStatus.NOT_SELECTED: APPLIED,
    InterestStatus.SHORTLISTED: SHORTLISTED,
    InterestStatus.RESERVE: SHORTLISTED,
    InterestStatus.SELECTED: SELECTED,
    InterestStatus.DECLINED: SELECTED,
    InterestStatus.CONFIRMED: CONFIRMED,
}
LEFT = "left"  # key prefix of the people whose furthest stage is a stage: never shown, protected all the same

INDIVIDUALS = _("As individuals")
NOT_ANSWERED = _("Not answered")


@dataclass(frozen=True)
class Dimension:
    """A breakdown of the people of the funnel: its groups as (value, label). `partial`: some people
    belong to no group (an unknown place, an organization led by none of these), counted as its REST."""

    name: str
    label: str
    groups: tuple
    partial: bool = False


def dimensions() -> list[Dimension]:
    led_by = [
        Dimension(f"led_by_{value}", _("Led by"), ((True, label),), partial=True) for value, label in LedBy.choices
    ]
    return [
        Dimension("category", _("Stakeholder category"), (*StakeholderCategory.choices, ("", INDIVIDUALS))),
        Dimension(
            "sub_region",
            _("UN sub-region"),
            tuple((code, area_name(code)) for code in balance_sub_regions()),
            partial=True,
        ),
        Dimension("gender", _("Gender"), (*Gender.choices, ("", NOT_ANSWERED))),
        Dimension(
            "first_time",
            _("Taking part for the first time"),
            ((True, _("First time")), (False, _("Took part in an earlier consultation"))),
        ),
        *led_by,
    ]


@dataclass(frozen=True)
class Row:
    """A group and its published count at each stage."""

    label: str
    counts: tuple[Count, ...]

    @property
    def shows_something(self) -> bool:
        return any(count.is_shown for count in self.counts)


@dataclass(frozen=True)
class Breakdown:
    """The groups of one dimension (the led-by flags together) that show a count at some stage; groups
    of fewer than 5 at every stage, or hidden to protect them, are not listed."""

    name: str
    label: str
    rows: list[Row]


@dataclass
class Funnel:
    """The funnel of a scope as published: the totals at each stage, the breakdowns, and every
    published count by its key in `published` ((stage, TOTAL), (stage, dimension, value),
    (stage, dimension, REST)...), the one table they all come from."""

    stages: tuple = STAGES
    totals: tuple[Count, ...] = ()
    breakdowns: list[Breakdown] = field(default_factory=list)
    published: dict[Hashable, Count] = field(default_factory=dict)
    ended: bool = False  # some consultation of the scope has ended: someone may have spoken

    @property
    def total_rows(self) -> list[Row]:
        """The totals as the one row of a table of stages."""
        return [Row(_("Everyone"), self.totals)]


@dataclass
class Indicators:
    """Everything an indicators page (or the API) shows about a scope, already published."""

    registrations_total: Count
    by_attendance: list[tuple[str, Count]]
    answers: list[tuple[str, Count]]
    funnel: Funnel
    registry_total: Count
    registry: dict[str, list[tuple[str, Count]]]
    not_in_the_room: dict[str, list[str]]


# --- the people of the funnel ---


@dataclass
class Applicant:
    """One person's furthest stage in the scope, and the facts of the answer that reached it."""

    stage: int
    facts: dict


def applicants(consultations) -> list[Applicant]:
    """The people who offered to speak in `consultations` (a QuerySet), each once: two queries."""
    now = timezone.now()
    rows = (
        ExpressionOfInterest.objects.filter(call__consultation__in=consultations, call__kind=CallKind.SPEAK)
        .exclude(status=InterestStatus.WITHDRAWN)
        .values(
            "person_id",
            "status",
            "call__consultation__starts_at",
            "call__consultation__ends_at",
            "organization__category",
            "organization__country",
            "person__profile__country_of_residence",
            "person__profile__gender",
            *(f"organization__is_{value}_led" for value in LedBy.values),
        )
        .order_by("person_id", "pk")
    )
    furthest, first_start = {}, {}
    for row in rows:
        stage = STAGE_OF_STATUS[row["status"]]
        if stage == CONFIRMED and row["call__consultation__ends_at"] <= now:
            stage = SPOKE
        person = row["person_id"]
        if person not in furthest or stage > furthest[person][0]:
            furthest[person] = (stage, row)
        start = row["call__consultation__starts_at"]
        first_start[person] = min(start, first_start.get(person, start))
    took_part_since = earliest_participation(consultations)
    return [
        Applicant(
            stage, facts_of(row, first_time=took_part_since.get(person, first_start[person]) >= first_start[person])
        )
        for person, (stage, row) in furthest.items()
    ]


def earliest_participation(consultations) -> dict:
    """For each person who offered to speak in the scope: when the first consultation they took part
    in anywhere on the portal started (a confirmed place, or a confirmed speaker). Two queries."""
    people = ExpressionOfInterest.objects.filter(call__consultation__in=consultations).values("person_id")
    earliest = {}
    for rows in (
        Registration.objects.filter(person_id__in=people, status=RegistrationStatus.CONFIRMED)
        .values("person_id")
        .annotate(start=Min("consultation__starts_at")),
        ExpressionOfInterest.objects.filter(person_id__in=people, status=InterestStatus.CONFIRMED)
        .values("person_id")
        .annotate(start=Min("call__consultation__starts_at")),
    ):
        for row in rows.order_by():
            person, start = row["person_id"], row["start"]
            earliest[person] = min(start, earliest.get(person, start))
    return earliest


def facts_of(row, *, first_time: bool) -> dict:
    """The group of each dimension a person falls in: category, place and leadership from the
    organization they answered for, or their own country of residence; gender from their profile."""
    country = row["organization__country"] or row["person__profile__country_of_residence"] or ""
    place = placement_of(str(country)) if country else None
    facts = {
        "category": row["organization__category"] or "",
        "sub_region": place.balance_sub_region if place else None,
        "gender": row["person__profile__gender"] or "",
        "first_time": first_time,
    }
    facts.update({f"led_by_{value}": bool(row[f"organization__is_{value}_led"]) for value in LedBy.values})
    return facts


# --- the funnel as one table ---


def funnel_table(people: list[Applicant], dims: list[Dimension]) -> Table:
    """Every count of the funnel in one table, since its breakdowns are of the same people and share
    their totals: at each stage, the total and each dimension's groups (with its REST when partial);
    and the nesting of the stages, written as sums: the count at a stage is the count at the next
    stage plus those who stopped there (LEFT, never shown but protected), so that a reader who
    subtracts one stage from the next learns no small group either."""
    reached = [Counter() for _stage in STAGES]
    for person in people:
        for stage in range(person.stage + 1):
            reached[stage][TOTAL] += 1
            for dim in dims:
                value = person.facts[dim.name]
                known = any(value == group for group, _label in dim.groups)
                reached[stage][dim.name, value if known else REST] += 1
    counts, sums, never_shown = {}, [], set()
    for stage in range(len(STAGES)):
        counts[stage, TOTAL] = reached[stage][TOTAL]
        for dim in dims:
            parts = [(stage, dim.name, value) for value, _label in dim.groups]
            if dim.partial:
                parts.append((stage, dim.name, REST))
                never_shown.add((stage, dim.name, REST))
            for part in parts:
                counts[part] = reached[stage][part[1:]]
            sums.append(((stage, TOTAL), tuple(parts)))
    for stage in range(len(STAGES) - 1):
        for key in [key for key in counts if key[0] == stage]:
            later, left = (stage + 1, *key[1:]), (LEFT, *key)
            counts[left] = counts[key] - counts[later]
            never_shown.add(left)
            sums.append((key, (later, left)))
    return Table(counts, sums, frozenset(never_shown))


def funnel(consultations, *, in_bands: bool = True) -> Funnel:
    """The funnel of the people who offered to speak in `consultations` (a QuerySet of Consultation),
    published through portal.counts.publish as one table (bands of five unless `in_bands` is False,
    for staff). Three queries."""
    people, dims = applicants(consultations), dimensions()
    published = publish(funnel_table(people, dims), in_bands=in_bands)
    rows_of = defaultdict(list)
    for dim in dims:
        name = "led_by" if dim.name.startswith("led_by_") else dim.name
        rows_of[name, dim.label] += [
            Row(label, tuple(published[stage, dim.name, value] for stage in range(len(STAGES))))
            for value, label in dim.groups
        ]
    now = timezone.now()
    return Funnel(
        totals=tuple(published[stage, TOTAL] for stage in range(len(STAGES))),
        breakdowns=[
            Breakdown(name, label, [row for row in rows if row.shows_something])
            for (name, label), rows in rows_of.items()
        ],
        published=published,
        ended=consultations.filter(ends_at__lte=now).exists(),
    )


# --- answers, registrations and the registry ---


def published_alone(count: int) -> Count:
    """A count shown on its own, about a population no other figure is about: its band, or hidden."""
    return publish(breakdowns(count, {}), in_bands=True)[TOTAL]


def answers_of(consultations, funnel_: Funnel, registrations_total: Count) -> list[tuple[str, Count]]:
    """How many answered each kind of call: people with a confirmed place and people who offered to
    speak (the same figures as their own tables), then proposals, applications and submissions
    (withdrawn ones not counted). Three queries."""
    calls = Q(call__consultation__in=consultations)
    proposals = SideEventProposal.objects.filter(calls).exclude(status=ProposalStatus.WITHDRAWN).count()
    funding = FundingApplication.objects.filter(calls).exclude(status=FundingStatus.WITHDRAWN).count()
    submissions = WrittenSubmission.objects.filter(calls, status__in=SubmissionStatus.values).count()
    return [
        (_("Registrations to attend (people with a confirmed place)"), registrations_total),
        (_("Expressions of interest to speak (people)"), funnel_.totals[APPLIED]),
        (_("Side-event proposals"), published_alone(proposals)),
        (_("Funding-support applications"), published_alone(funding)),
        (_("Written submissions"), published_alone(submissions)),
    ]


def registrations_of(consultations) -> tuple[Count, list[tuple[str, Count]]]:
    """Confirmed places by way of taking part, in bands: one query. (A single consultation's page
    uses the figures of its own public page instead, see consultation_indicators.)"""
    rows = dict(
        Registration.objects.filter(consultation__in=consultations, status=RegistrationStatus.CONFIRMED)
        .values_list("attendance")
        .annotate(count=DbCount("pk"))
        .order_by()
    )
    groups = [(label, rows.get(value, 0)) for value, label in Attendance.choices]
    table = breakdowns(sum(rows.values()), {"attendance": [count for _label, count in groups]})
    published = publish(table, in_bands=True)
    return published[TOTAL], [(label, published["attendance", position]) for position, (label, _c) in enumerate(groups)]


def registry(countries=None) -> tuple[Count, dict[str, list[tuple[str, Count]]]]:
    """The baseline of the gap map: verified organizations by stakeholder category and by UN
    sub-region (in `countries`, or everywhere), one table in bands of five. One query."""
    organizations = Organization.objects.verified()
    if countries is not None:
        organizations = organizations.filter(country__in=countries)
    by_category, by_place = Counter(), Counter()
    for row in organizations.values("category", "country").annotate(count=DbCount("pk")).order_by():
        place = placement_of(str(row["country"]))
        by_category[row["category"]] += row["count"]
        by_place[place.balance_sub_region if place else None] += row["count"]
    groups = {
        "category": [(label, by_category[value]) for value, label in StakeholderCategory.choices],
        "sub_region": [(area_name(code), by_place[code]) for code in balance_sub_regions()],
    }
    table = breakdowns(
        sum(by_category.values()),
        {name: [count for _label, count in rows] for name, rows in groups.items()},
        partial={"sub_region"},
    )
    published = publish(table, in_bands=True)
    return published[TOTAL], {
        name: [(label, published[name, position]) for position, (label, _count) in enumerate(rows)]
        for name, rows in groups.items()
    }


def not_in_the_room(funnel_: Funnel, registry_: dict) -> dict[str, list[str]]:
    """Categories and sub-regions with verified organizations in the registry (a count shown) but
    none shown among the people who offered to speak: nobody, fewer than 5, or not shown."""
    applied = {
        breakdown.name: {str(row.label) for row in breakdown.rows if row.counts[APPLIED].is_shown}
        for breakdown in funnel_.breakdowns
    }
    return {
        name: [str(label) for label, count in rows if count.is_shown and str(label) not in applied.get(name, set())]
        for name, rows in registry_.items()
    }


# --- scopes ---


def published_consultations():
    return Consultation.objects.filter(status=PublicationStatus.PUBLISHED)


def consultations_in(*, cycle: ReviewCycle | None = None, region: str = ""):
    """Published consultations of a review cycle and/or a UN region (a regional commission: those
    held for it, and national ones in its member countries)."""
    consultations = published_consultations()
    if cycle is not None:
        consultations = consultations.filter(cycle=cycle)
    if region:
        consultations = consultations.filter(
            Q(commission=region) | Q(commission="", country__in=countries_of_commission(region))
        )
    return consultations.order_by("-starts_at")


def countries_of(consultation) -> list[str]:
    """The countries of the registry a consultation is compared with: its region's, or those of the
    regions its country belongs to."""
    if consultation.commission:
        return countries_of_commission(consultation.commission)
    place = placement_of(str(consultation.country))
    commissions = place.commissions if place else ()
    return sorted({code for commission in commissions for code in countries_of_commission(commission)}) or [
        str(consultation.country)
    ]


def indicators_of(consultations, *, countries=None, registrations=None) -> Indicators:
    total, by_attendance = registrations if registrations is not None else registrations_of(consultations)
    funnel_ = funnel(consultations)
    registry_total, registry_ = registry(countries)
    return Indicators(
        registrations_total=total,
        by_attendance=by_attendance,
        answers=answers_of(consultations, funnel_, total),
        funnel=funnel_,
        registry_total=registry_total,
        registry=registry_,
        not_in_the_room=not_in_the_room(funnel_, registry_),
    )


def consultation_indicators(consultation) -> Indicators:
    """The indicators of one published consultation. Its registrations are the figures its own page
    publishes ("Who took part"), the same table, so that the two pages cannot be read together
    against each other; the registry is that of its region."""
    figures = participation_of(consultation)
    registrations = (figures["total"], figures["attendance"])
    scope = Consultation.objects.filter(pk=consultation.pk)
    return indicators_of(scope, countries=countries_of(consultation), registrations=registrations)


def scope_indicators(*, cycle: ReviewCycle | None = None, region: str = "") -> Indicators:
    """The indicators of the published consultations of a review cycle and/or a UN region (all when
    neither is given), counting each person once; the registry of the region, or everywhere."""
    consultations = consultations_in(cycle=cycle, region=region)
    return indicators_of(consultations, countries=countries_of_commission(region) if region else None)


def regions() -> list[tuple[str, str]]:
    return list(Commission.choices)

"""Reads of a call's selection: its applicants as the engine's plain data, its rules, its report,
and why each person is in or out as it happened (the engine's rules, or a change by hand)."""

from dataclasses import dataclass, field

from activity.queries import history_of
from registrations.engine import (
    EACH,
    Applicant,
    Bound,
    Coverage,
    Rule,
    Rules,
    Violation,
    check_selection,
    explain_selection,
)
from registrations.enums import InterestStatus, RuleDimension
from registrations.models import ExpressionOfInterest, ProposalRequest, Selection
from registrations.queries.reviews import normalised_scores, settings_of
from stakeholders.enums import LedBy
from stakeholders.geography import placement_of
from stakeholders.models import Profile

OPEN_STATUSES = (InterestStatus.RECEIVED, InterestStatus.SHORTLISTED)
IN_THE_RUNNING = (*OPEN_STATUSES, InterestStatus.RESERVE, InterestStatus.SELECTED, InterestStatus.CONFIRMED)


def interests_of(call, statuses=IN_THE_RUNNING):
    """The call's expressions of interest in the given statuses (None: all), in order of arrival."""
    interests = ExpressionOfInterest.objects.filter(call=call)
    if statuses is not None:
        interests = interests.filter(status__in=statuses)
    return (
        interests.select_related("person__profile", "organization").prefetch_related("objectives").order_by("arrival")
    )


def applicant(answer, score: float, *, arrival: int, objectives=frozenset(), cost=0) -> Applicant:
    """The facts the rules count: gender from the person's own answer (never "prefer not to say"),
    place, category and leadership from the organization, or the person's residence alone."""
    profile = getattr(answer.person, "profile", None)
    organization = answer.organization
    country = organization.country.code if organization else getattr(profile, "country_of_residence", "")
    place = placement_of(str(country)) if country else None
    gender = getattr(profile, "gender", "") or None
    return Applicant(
        id=answer.pk,
        score=score,
        arrival=arrival,
        gender=None if gender == "prefer-not" else gender,
        sub_region=place.balance_sub_region if place else None,
        category=organization.category if organization else None,
        country=str(country) or None,
        organization=organization.pk if organization else None,
        tags=frozenset(value for value in LedBy.values if organization and getattr(organization, f"is_{value}_led")),
        objectives=frozenset(objectives),
        cost=cost,
    )


def applicants_of(call, statuses=IN_THE_RUNNING, *, scores=None) -> list[Applicant]:
    """Those considered (within the call's cap, in order of arrival) and reviewed at least once;
    `scores`, when the caller already has them, spares normalising them again."""
    scores = scores if scores is not None else normalised_scores(call)
    cap = call.max_considered
    return [
        applicant(
            interest,
            scores[interest.pk]["score"],
            arrival=interest.arrival,
            objectives=[objective.number for objective in interest.objectives.all()],  # prefetched
        )
        for interest in interests_of(call, statuses)
        if interest.pk in scores and (cap is None or interest.arrival <= cap)
    ]


def rules_of(call) -> Rules:
    settings = settings_of(call)
    bounds, coverage = [], []
    for rule in settings.rules.all():
        if rule.dimension in (RuleDimension.TAG, RuleDimension.OBJECTIVE):
            value = int(rule.value) if rule.dimension == RuleDimension.OBJECTIVE else rule.value
            coverage.append(Coverage(rule.dimension, value, rule.minimum or 1))
        else:
            bounds.append(Bound(rule.dimension, rule.value or EACH, rule.minimum, rule.maximum))
    return Rules(
        k=settings.speakers,
        bounds=tuple(bounds),
        coverage=tuple(coverage),
        one_per_organization=settings.one_per_organization,
        reserve_size=settings.reserves,
    )


def selection_report(selection, applicants=None):
    """The balance report of a selection as it stands, recomputed: it follows every override."""
    applicants = applicants if applicants is not None else applicants_of(selection.call)
    return explain_selection(selection.selected, applicants, rules_of(selection.call))


def numbered(call, ids) -> str:
    """Expressions of interest of a call by their arrival numbers, in the order given: "#3, #1"."""
    arrivals = dict(ExpressionOfInterest.objects.filter(call=call, pk__in=ids).values_list("pk", "arrival"))
    return ", ".join(f"#{arrivals.get(pk, pk)}" for pk in ids)


def selection_of(call) -> Selection | None:
    """The call's selection: the published one, else the proposal being prepared."""
    return Selection.objects.filter(call=call).order_by("-status", "-created_at").first()


def proposal_request_of(call) -> ProposalRequest | None:
    """A proposal being computed for the call, or the problem that stopped the last one asked for."""
    return ProposalRequest.objects.filter(call=call).first()


def is_personal(rule: Rule) -> bool:
    """A rule that counts a person's own optional attribute (gender...): a page never names someone
    beside it, since that would tell their answer."""
    return rule.dimension in Profile.SENSITIVE_FIELDS


@dataclass(frozen=True)
class Change:
    """One change of a selection's people after the engine's proposal: `out` (an expression of
    interest's id) replaced by `into` (None when nobody came in). By hand before publication, with
    the secretariat's reason; on a decline after it."""

    out: int | None
    into: int | None
    by_hand: bool
    reason: str = ""


def changes_since_proposal(selection) -> list[Change]:
    """The selection's changes of people since the engine last proposed it, oldest first, read from its
    history: the engine's proposal is the first change of `selected` from the moment it was kept
    (`created_at`), and each later one swapped one person ("#3", by arrival) for another. Those
    before publication were made by hand (`swap_speakers`: the note's first line is the reason);
    those after, on a decline (`offer_slot`)."""
    rows = list(history_of(selection).filter(field="selected", at__gte=selection.created_at).order_by("at", "pk"))
    arrivals = {arrival for row in rows[1:] for arrival in (_arrival(row.before), _arrival(row.after)) if arrival}
    pks = dict(
        ExpressionOfInterest.objects.filter(call_id=selection.call_id, arrival__in=arrivals).values_list(
            "arrival", "pk"
        )
    )
    changes = []
    for row in rows[1:]:
        by_hand = selection.published_at is None or row.at < selection.published_at
        reason = row.note.split("\n", 1)[0].strip() if by_hand else ""
        out, into = pks.get(_arrival(row.before)), pks.get(_arrival(row.after))
        changes.append(Change(out=out, into=into, by_hand=by_hand, reason=reason))
    return changes


def _arrival(text: str) -> int | None:
    number = text.strip().removeprefix("#")
    return int(number) if number.isdigit() else None


def as_proposed(selected, changes: list[Change]) -> list:
    """The selection as the engine proposed it: the changes since, undone."""
    people = list(selected)
    for change in reversed(changes):
        if change.into in people:
            people.remove(change.into)
        if change.out is not None and change.out not in people:
            people.append(change.out)
    return people


@dataclass(frozen=True)
class PassedOver:
    """Someone left out: taken out by hand, or kept out by a hand change that put in someone ranked
    below them (`by_hand`, with its `reason`), or by one rule on no personal attribute (`rule`)."""

    id: int
    rule: Rule | None = None
    by_hand: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Explanation:
    """What the selection page says about why the selection is what it is, as it happened."""

    put_in: dict = field(default_factory=dict)  # id -> reason: put in by hand, still selected
    passed_over: tuple[PassedOver, ...] = ()  # named, each with why
    together: tuple = ()  # ids passed over by several rules together (said once, for all of them)
    counted: tuple[tuple[Rule, int], ...] = ()  # rules on a personal attribute: how many, never who
    relaxed: tuple[Violation, ...] = ()  # the rules the engine's proposal could not all keep
    broken_since: tuple[Violation, ...] = ()  # rules the changes since the proposal broke


def explain(selection, report, applicants: list[Applicant], *, scores=None) -> Explanation:
    """Why each person is in or out, as it happened: a change by hand says so with its reason instead
    of a rule; a rule on a personal attribute is a count of people; "the rules cannot all hold"
    belongs to the engine's proposal, and what changes since broke is told apart from it."""
    changes = changes_since_proposal(selection)
    selected = set(selection.selected)
    latest = {}
    for change in (change for change in changes if change.by_hand):
        latest[change.out] = ("out", change.reason)
        latest[change.into] = ("in", change.reason)
    put_in = {pk: reason for pk, (way, reason) in latest.items() if way == "in" and pk in selected}
    rank = {item.id: item.rank_key for item in applicants}
    passed_over = [
        PassedOver(pk, by_hand=True, reason=reason)
        for pk, (way, reason) in latest.items()
        if way == "out" and pk is not None and pk not in selected
    ]
    taken_out = {item.id for item in passed_over}
    together, counted = [], {}
    for pk, rule in report.displaced.items():
        if pk in taken_out:
            continue
        below = [other for other in put_in if other in rank and rank[other] > rank[pk]]
        if below:
            passed_over.append(PassedOver(pk, by_hand=True, reason=put_in[max(below, key=rank.get)]))
        elif rule is None:
            together.append(pk)
        elif is_personal(rule):
            counted[rule] = counted.get(rule, 0) + 1
        else:
            passed_over.append(PassedOver(pk, rule=rule))
    passed_over.sort(key=lambda item: rank.get(item.id, ()))
    relaxed = report.relaxations
    if changes:
        everyone = applicants_of(selection.call, statuses=None, scores=scores)
        known = {item.id for item in everyone}
        proposed = [pk for pk in as_proposed(selection.selected, changes) if pk in known]
        relaxed = check_selection(proposed, everyone, rules_of(selection.call))
    allowed = {violation.rule: violation.amount for violation in relaxed}
    return Explanation(
        put_in=put_in,
        passed_over=tuple(passed_over),
        together=tuple(together),
        counted=tuple(counted.items()),
        relaxed=relaxed,
        broken_since=tuple(item for item in report.relaxations if item.amount > allowed.get(item.rule, 0)),
    )

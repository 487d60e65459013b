"""Reads of a call's selection: its applicants as the engine's plain data, its rules, its report."""

from registrations.engine import (
    EACH,
    Applicant,
    Bound,
    Coverage,
    Rules,
    explain_selection,
)
from registrations.enums import InterestStatus, RuleDimension
from registrations.models import ExpressionOfInterest, ProposalRequest, Selection
from registrations.queries.reviews import normalised_scores, settings_of
from stakeholders.enums import LedBy
from stakeholders.geography import placement_of

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

"""Reads of funding support: the applications, what they cost against the budget, and the engine's
proposal within the budget."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from registrations.engine import Rules, explain_selection, propose_selection
from registrations.enums import FundingStatus
from registrations.models import FundingApplication
from registrations.queries.reviews import settings_of
from registrations.queries.selection import applicant, rules_of

# The funding page computes its proposal while the secretariat waits: budgets are small, and the
# search stops after this many seconds with the best choice found so far.
FUNDING_TIME_LIMIT_SECONDS = 5.0
# The two steps of a decision on funding, as the page and the services name them.
RECOMMEND, DECIDE = "recommend", "decide"


def applications_of(call, statuses=(FundingStatus.RECEIVED,)):
    return (
        FundingApplication.objects.filter(call=call, status__in=statuses)
        .select_related("person__profile", "organization")
        .order_by("created_at", "pk")
    )


def cost_of(applications) -> Decimal:
    return sum((application.travel_cost for application in applications), Decimal(0))


def chosen_at(step: str, applications, ids) -> list[FundingApplication]:
    """What a step would fund: recommending adds the ticked applications that wait to those already
    recommended; the chair grants the ticked recommended ones."""
    ids = set(ids)
    if step == RECOMMEND:
        return [
            item
            for item in applications
            if item.status == FundingStatus.RECOMMENDED or (item.awaits_recommendation and item.pk in ids)
        ]
    return [item for item in applications if item.status == FundingStatus.RECOMMENDED and item.pk in ids]


@dataclass(frozen=True)
class Spending:
    """A total against the budget (None: no budget set yet)."""

    total: Decimal
    budget: Decimal | None
    count: int = 0

    @property
    def over(self) -> Decimal | None:
        """How far above the budget, or None within it."""
        if self.budget is None or self.total <= self.budget:
            return None
        return self.total - self.budget


def spending(step: str, applications, ids, budget) -> Spending:
    chosen = chosen_at(step, applications, ids)
    return Spending(total=cost_of(chosen), budget=budget, count=len(chosen))


def funding_applicants_of(call, statuses=(FundingStatus.RECEIVED,)):
    """Every application counts the same: the engine funds as many as the budget allows under the
    rules of balance, earlier applications first among equals."""
    return [
        applicant(application, 1.0, arrival=number, cost=float(application.travel_cost))
        for number, application in enumerate(applications_of(call, statuses), start=1)
    ]


def funding_rules(call) -> Rules:
    """The rules of balance within what is left of the budget once the applications already
    recommended are paid for."""
    settings, rules = settings_of(call), rules_of(call)
    if settings.budget is None:
        raise ValidationError(_("Set the budget of this call first."))
    left = settings.budget - cost_of(applications_of(call, statuses=(FundingStatus.RECOMMENDED,)))
    return Rules(
        k=None,
        bounds=rules.bounds,
        coverage=rules.coverage,
        one_per_organization=settings.one_per_organization,
        budget=float(max(left, Decimal(0))),
    )


def funding_proposal(call):
    """The engine's choice among the applications waiting, within the budget and a short time
    limit (raises TimeLimitReached when it found none in time)."""
    applicants = funding_applicants_of(call)
    if not applicants:
        raise ValidationError(_("No application waits for a decision."))
    return propose_selection(applicants, funding_rules(call), time_limit=FUNDING_TIME_LIMIT_SECONDS)


def explain_funding(call, ids):
    return explain_selection(ids, funding_applicants_of(call), funding_rules(call))

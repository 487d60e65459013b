"""Reads of funding support: the applications and the engine's proposal within the budget."""

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


def applications_of(call, statuses=(FundingStatus.RECEIVED,)):
    return (
        FundingApplication.objects.filter(call=call, status__in=statuses)
        .select_related("person__profile", "organization")
        .order_by("created_at", "pk")
    )


def funding_applicants_of(call, statuses=(FundingStatus.RECEIVED,)):
    """Every application counts the same: the engine funds as many as the budget allows under the
    rules of balance, earlier applications first among equals."""
    return [
        applicant(application, 1.0, arrival=number, cost=float(application.travel_cost))
        for number, application in enumerate(applications_of(call, statuses), start=1)
    ]


def funding_rules(call) -> Rules:
    settings, rules = settings_of(call), rules_of(call)
    if settings.budget is None:
        raise ValidationError(_("Set the budget of this call first."))
    return Rules(
        k=None,
        bounds=rules.bounds,
        coverage=rules.coverage,
        one_per_organization=settings.one_per_organization,
        budget=float(settings.budget),
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

"""Funding support: the engine chooses applications within a budget, for diverse representation;
the Executive Committee's recommendation and then the chair's decision are both recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registrations import notices
from registrations.enums import FundingStatus, SelectionStatus
from registrations.models import FundingApplication, Selection
from registrations.reviews import settings_of
from registrations.selecting import applicant, record, rules_of
from registrations.selection import Rules, explain_selection, propose_selection


def applications_of(call, statuses=(FundingStatus.RECEIVED,)):
    return (
        FundingApplication.objects.filter(call=call, status__in=statuses)
        .select_related("person__profile", "organization")
        .order_by("created_at", "pk")
    )


def applicants_of(call, statuses=(FundingStatus.RECEIVED,)):
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


def propose(call):
    applicants = applicants_of(call)
    if not applicants:
        raise ValidationError(_("No application waits for a decision."))
    return propose_selection(applicants, funding_rules(call))


def explain(call, ids):
    return explain_selection(ids, applicants_of(call), funding_rules(call))


@transaction.atomic
def recommend(call, *, by, ids: list[int], reason: str = "") -> Selection:
    """Record the Executive Committee's recommendation (the proposal, or the committee's own choice)."""
    if Selection.objects.filter(call=call, status=SelectionStatus.PUBLISHED).exists():
        raise ValidationError(_("The chair has already decided on this call."))
    chosen = list(applications_of(call).filter(pk__in=ids))
    if not chosen:
        raise ValidationError(_("Recommend at least one application."))
    now = timezone.now()
    for application in chosen:
        application.status = FundingStatus.RECOMMENDED
        application.recommended_by, application.recommended_at = by, now
        application.save(update_fields=["status", "recommended_by", "recommended_at", "updated_at"])
    selection, _created = Selection.objects.get_or_create(call=call, status=SelectionStatus.PROPOSED)
    selection.selected = [application.pk for application in chosen]
    selection.save(update_fields=["selected"])
    record(selection, by=by, action="recommended", details={"recommended": selection.selected}, reason=reason)
    return selection


@transaction.atomic
def decide(call, *, by, granted: list[int], reason: str = "") -> Selection:
    """The chair grants or declines each recommended application; the others are declined too,
    and every applicant is told."""
    now = timezone.now()
    waiting = applications_of(call, statuses=(FundingStatus.RECOMMENDED, FundingStatus.RECEIVED))
    if not waiting.filter(status=FundingStatus.RECOMMENDED).exists():
        raise ValidationError(_("The Executive Committee has not recommended any application yet."))
    for application in waiting:
        is_granted = application.pk in granted and application.status == FundingStatus.RECOMMENDED
        application.status = FundingStatus.GRANTED if is_granted else FundingStatus.DECLINED
        application.decided_by, application.decided_at = by, now
        application.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        notices.queue_funding_decision(application)
    selection = Selection.objects.get(call=call, status=SelectionStatus.PROPOSED)
    selection.selected = [pk for pk in granted if pk in selection.selected]
    selection.status, selection.published_at = SelectionStatus.PUBLISHED, now
    selection.save(update_fields=["selected", "status", "published_at"])
    record(selection, by=by, action="decided", details={"granted": selection.selected}, reason=reason)
    return selection


@transaction.atomic
def set_budget(call, *, by, budget) -> None:
    settings = settings_of(call)
    settings.budget = budget
    settings.save(update_fields=["budget"])

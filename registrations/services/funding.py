"""Funding support: the engine chooses applications within a budget, for diverse representation;
the Executive Committee's recommendation and then the chair's decision are both recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registrations import notices
from registrations.enums import FundingStatus, SelectionStatus
from registrations.models import Selection
from registrations.queries.funding import applications_of
from registrations.queries.reviews import settings_of
from registrations.services.selection import record


@transaction.atomic
def recommend_funding(call, *, by, ids: list[int], reason: str = "") -> Selection:
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
def decide_funding(call, *, by, granted: list[int], reason: str = "") -> Selection:
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

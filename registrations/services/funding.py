"""Funding support: the engine chooses applications within a budget, for diverse representation;
the Executive Committee's recommendation and then the chair's decision are both recorded in the
activity log, on each application and on the call's selection."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import record
from registrations import notices
from registrations.enums import FundingStatus, SelectionStatus
from registrations.models import Selection
from registrations.phrases import money
from registrations.queries.funding import DECIDE, RECOMMEND, applications_of, spending
from registrations.queries.reviews import settings_of
from registrations.services.states import set_funding_status, set_selection_status


def numbered(ids) -> str:
    """Applications by their numbers, as the activity log names them."""
    return ", ".join(f"#{pk}" for pk in ids)


def _with_reason(text: str, reason: str) -> str:
    return f"{reason.strip()}\n{text}" if reason.strip() else text


def _within_budget(call, step, applications, ids, reason: str) -> str:
    """Going above the budget needs a written reason: refused without one, and said in the note
    of the history with it (returned: "" within the budget)."""
    total = spending(step, applications, ids, settings_of(call).budget)
    if total.over is None:
        return ""
    words = {"total": money(total.total), "over": money(total.over), "budget": money(total.budget)}
    if not reason.strip():
        raise ValidationError(
            _(
                "Together these cost %(total)s, %(over)s above the budget of %(budget)s: write the reason for "
                "going above it, or tick fewer."
            )
            % words,
            code="over_budget",
        )
    return " " + _("Above the budget: %(total)s for a budget of %(budget)s.") % words


@transaction.atomic
def recommend_funding(call, *, by, ids: list[int], reason: str = "") -> Selection:
    """Record the Executive Committee's recommendation (the proposal, or the committee's own choice),
    added to those it already recommended; above the budget only with a reason."""
    if Selection.objects.filter(call=call, status=SelectionStatus.PUBLISHED).exists():
        raise ValidationError(_("The chair has already decided on this call."))
    applications = list(
        applications_of(call, statuses=(FundingStatus.RECEIVED, FundingStatus.RECOMMENDED)).select_for_update(
            of=("self",)
        )
    )
    chosen = [item for item in applications if item.awaits_recommendation and item.pk in set(ids)]
    if not chosen:
        raise ValidationError(_("Recommend at least one application."), code="nothing_chosen")
    above = _within_budget(call, RECOMMEND, applications, ids, reason)
    now = timezone.now()
    for application in chosen:
        application.recommended_by, application.recommended_at = by, now
        set_funding_status(
            application, FundingStatus.RECOMMENDED, by=by, note=reason, also=("recommended_by", "recommended_at")
        )
    selection, _created = Selection.objects.get_or_create(call=call, status=SelectionStatus.PROPOSED)
    before = numbered(selection.selected)
    earlier = [item.pk for item in applications if item.status == FundingStatus.RECOMMENDED and item not in chosen]
    selection.selected = [pk for pk in selection.selected if pk in earlier] + [item.pk for item in chosen]
    selection.save(update_fields=["selected"])
    after = numbered(selection.selected)
    recommended = numbered(item.pk for item in chosen)
    note = _with_reason(_("Recommended by the Executive Committee: %(ids)s.") % {"ids": recommended} + above, reason)
    record(selection, by=by, field="selected", before=before, after=after, note=note)
    return selection


@transaction.atomic
def decide_funding(call, *, by, granted: list[int], reason: str = "") -> Selection:
    """The chair grants or declines each recommended application; the others are declined too,
    and every applicant is told."""
    now = timezone.now()
    waiting = list(
        applications_of(call, statuses=(FundingStatus.RECOMMENDED, FundingStatus.RECEIVED)).select_for_update(
            of=("self",)
        )
    )
    if not any(item.status == FundingStatus.RECOMMENDED for item in waiting):
        raise ValidationError(_("The Executive Committee has not recommended any application yet."))
    above = _within_budget(call, DECIDE, waiting, granted, reason)
    for application in waiting:
        is_granted = application.pk in granted and application.status == FundingStatus.RECOMMENDED
        application.decided_by, application.decided_at = by, now
        status = FundingStatus.GRANTED if is_granted else FundingStatus.DECLINED
        set_funding_status(application, status, by=by, note=reason, also=("decided_by", "decided_at"))
        notices.queue_funding_decision(application)
    selection = Selection.objects.get(call=call, status=SelectionStatus.PROPOSED)
    selection.selected = [pk for pk in granted if pk in selection.selected]
    selection.published_at = now
    note = _with_reason(
        _("Decided by the chair: granted %(ids)s.") % {"ids": numbered(selection.selected) or "—"} + above, reason
    )
    set_selection_status(selection, SelectionStatus.PUBLISHED, by=by, note=note, also=("selected", "published_at"))
    return selection


@transaction.atomic
def set_budget(call, *, by, budget) -> None:
    settings = settings_of(call)
    before = settings.budget
    settings.budget = budget
    settings.save(update_fields=["budget"])
    if before != budget:
        record(settings, by=by, field="budget", before=_dollars(before), after=_dollars(budget))


def _dollars(amount) -> str:
    return "" if amount is None else f"{amount:.2f}"

"""Selecting speakers: expressions of interest and their reviews become the engine's plain data;
its proposal, the secretariat's overrides and the publication are kept, with an audit trail, and
the people concerned are told through the notice outbox."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registrations import notices
from registrations.engine import (
    best_replacement,
    check_selection,
    propose_selection,
)
from registrations.enums import InterestStatus, SelectionStatus
from registrations.models import ExpressionOfInterest, Selection, SelectionEvent
from registrations.queries.reviews import settings_of
from registrations.queries.selection import (
    IN_THE_RUNNING,
    OPEN_STATUSES,
    applicants_of,
    interests_of,
    rules_of,
)


def record(selection, *, by, action: str, details=None, reason: str = "") -> SelectionEvent:
    return SelectionEvent.objects.create(
        selection=selection, actor=by, action=action, details=details or {}, reason=reason
    )


@transaction.atomic
def propose_speakers(call, *, by) -> Selection:
    """Run the engine and keep its proposal; an earlier unpublished proposal of the call is replaced."""
    if Selection.objects.filter(call=call, status=SelectionStatus.PUBLISHED).exists():
        raise ValidationError(_("The selection of this call is already published."))
    applicants = applicants_of(call)
    if not applicants:
        raise ValidationError(_("No reviewed expression of interest yet: there is nobody to select."))
    proposal = propose_selection(applicants, rules_of(call))
    Selection.objects.filter(call=call, status=SelectionStatus.PROPOSED).delete()
    selection = Selection.objects.create(
        call=call, selected=list(proposal.selected), reserve=list(proposal.reserve), created_by=by
    )
    record(selection, by=by, action="proposed", details={"selected": selection.selected, "reserve": selection.reserve})
    return selection


@transaction.atomic
def swap_speakers(selection, *, by, remove, add, reason: str = "") -> Selection:
    """The secretariat replaces one person by another; breaking a rule needs a written reason."""
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    if selection.status != SelectionStatus.PROPOSED:
        raise ValidationError(_("A published selection is changed by declines and replacements only."))
    if remove not in selection.selected or add in selection.selected:
        raise ValidationError(_("Choose someone selected to remove and someone not selected to add."))
    chosen = [add if item == remove else item for item in selection.selected]
    broken = check_selection(chosen, applicants_of(selection.call), rules_of(selection.call))
    if broken and not reason.strip():
        raise ValidationError(_("This change breaks a rule of the selection: write why it is needed."))
    selection.selected = chosen
    selection.reserve = [item for item in selection.reserve if item != add] + [remove]
    selection.save(update_fields=["selected", "reserve"])
    details = {"removed": remove, "added": add, "breaks": [str(violation.rule) for violation in broken]}
    record(selection, by=by, action="override", details=details, reason=reason)
    return selection


@transaction.atomic
def publish_selection(selection, *, by) -> Selection:
    """Statuses become selected, reserve and not selected, and everyone who applied is told."""
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    if selection.status != SelectionStatus.PROPOSED:
        raise ValidationError(_("This selection is already published."))
    now = timezone.now()
    confirm_by = now + timedelta(days=settings_of(selection.call).confirm_within_days)
    for interest in interests_of(selection.call, statuses=OPEN_STATUSES):
        if interest.pk in selection.selected:
            interest.status, interest.confirm_by = InterestStatus.SELECTED, confirm_by
        elif interest.pk in selection.reserve:
            interest.status = InterestStatus.RESERVE
        else:
            interest.status = InterestStatus.NOT_SELECTED
        interest.save(update_fields=["status", "confirm_by", "updated_at"])
        notices.queue_selection_outcome(interest)
    selection.status, selection.published_at = SelectionStatus.PUBLISHED, now
    selection.save(update_fields=["status", "published_at"])
    record(selection, by=by, action="published", details={"selected": selection.selected})
    return selection


@transaction.atomic
def respond_to_selection(interest, *, accept: bool) -> ExpressionOfInterest:
    """The selected person confirms or declines, before the deadline; a decline offers the slot on."""
    interest = ExpressionOfInterest.objects.select_for_update().get(pk=interest.pk)
    if interest.status != InterestStatus.SELECTED:
        raise ValidationError(_("There is no selection waiting for your answer."))
    if interest.confirm_by and interest.confirm_by < timezone.now():
        raise ValidationError(_("The deadline to confirm has passed."))
    interest.status = InterestStatus.CONFIRMED if accept else InterestStatus.DECLINED
    interest.responded_at = timezone.now()
    interest.save(update_fields=["status", "responded_at", "updated_at"])
    if not accept:
        offer_slot(interest, by=interest.person)
    return interest


def offer_slot(gone, *, by) -> ExpressionOfInterest | None:
    """The best reserve who keeps the rules takes the slot of someone who declined or let the deadline pass."""
    selection = Selection.objects.select_for_update().get(call=gone.call, status=SelectionStatus.PUBLISHED)
    in_slots = [item for item in selection.selected if item != gone.pk]
    reserves = set(selection.reserve)
    everyone = applicants_of(gone.call, statuses=(*IN_THE_RUNNING, InterestStatus.DECLINED))
    pool = [item for item in everyone if item.id in reserves or item.id in in_slots or item.id == gone.pk]
    replacement = best_replacement([*in_slots, gone.pk], gone.pk, pool, rules_of(gone.call))
    selection.selected = in_slots
    if replacement is not None:
        selection.selected.append(replacement.id)
        selection.reserve = [item for item in selection.reserve if item != replacement.id]
        newcomer = ExpressionOfInterest.objects.get(pk=replacement.id)
        newcomer.status = InterestStatus.SELECTED
        newcomer.confirm_by = timezone.now() + timedelta(days=settings_of(gone.call).confirm_within_days)
        newcomer.save(update_fields=["status", "confirm_by", "updated_at"])
        notices.queue_selection_outcome(newcomer, offered=True)
    selection.save(update_fields=["selected", "reserve"])
    details = {"gone": gone.pk, "offered": replacement.id if replacement else None}
    record(selection, by=by, action="slot-offered", details=details)
    return newcomer if replacement else None


@transaction.atomic
def expire_confirmations(*, now=None) -> int:
    """A missed deadline counts as a decline: the slot goes to the next reserve."""
    now = now or timezone.now()
    late = ExpressionOfInterest.objects.select_for_update().filter(status=InterestStatus.SELECTED, confirm_by__lt=now)
    count = 0
    for interest in late:
        interest.status, interest.responded_at = InterestStatus.DECLINED, now
        interest.save(update_fields=["status", "responded_at", "updated_at"])
        offer_slot(interest, by=None)
        count += 1
    return count

"""Selecting speakers: expressions of interest and their reviews become the engine's plain data;
its proposal, the secretariat's overrides and the publication are kept, every step in the activity
log of the selection, and the people concerned are told through the notice outbox.

A proposal is computed by a worker, outside any web request and outside any transaction: the
secretariat asks for it (`request_proposal`), the task runs `propose_speakers`, which solves first
and then keeps the result in a short transaction of its own.
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import record
from registrations import notices, phrases
from registrations.engine import (
    TimeLimitReached,
    best_replacement,
    check_selection,
    propose_selection,
)
from registrations.enums import Appearance, ChangeReason, InterestStatus, ProposalProblem, SelectionStatus
from registrations.models import ExpressionOfInterest, ManualChange, ProposalRequest, Selection
from registrations.phrases import rule_text
from registrations.queries.reviews import settings_of
from registrations.queries.selection import (
    IN_THE_RUNNING,
    OPEN_STATUSES,
    applicants_of,
    interests_of,
    numbered,
    rules_of,
)
from registrations.services.answers import check_is_own
from registrations.services.states import set_interest_appearance, set_interest_status, set_selection_status

logger = logging.getLogger(__name__)


@transaction.atomic
def request_proposal(call, *, by) -> ProposalRequest:
    """Ask a worker for a new proposal; asking again while one is computed starts over."""
    problem = _why_not_proposed(call)
    if problem:
        raise ValidationError(problem.label, code=problem.value)
    request, _created = ProposalRequest.objects.update_or_create(
        call=call, defaults={"requested_by": by, "requested_at": timezone.now(), "problem": ""}
    )
    from registrations.tasks import task_propose_speakers  # tasks import services: one way only

    by_id = getattr(by, "pk", None)
    transaction.on_commit(lambda: task_propose_speakers.delay(call_id=call.pk, by_id=by_id))
    return request


def run_proposal_request(call, *, by) -> Selection | None:
    """The worker's part: compute the proposal asked for, if it is still waiting, and keep it, or
    keep the problem that stopped it on the request for the page to show."""
    request = ProposalRequest.objects.filter(call=call, problem="").first()
    if request is None:
        return None  # done already (a redelivered task) or never asked for
    try:
        return propose_speakers(call, by=by, asked_at=request.requested_at)
    except ValidationError as error:
        problem = error.code if error.code in ProposalProblem.values else ProposalProblem.FAILED
    except TimeLimitReached:
        problem = ProposalProblem.TIME_LIMIT
    except Exception:  # a bug, or the database gone: the page must stop waiting either way
        logger.exception("proposal for call %s failed", call.pk)
        problem = ProposalProblem.FAILED
    logger.info("proposal for call %s not computed: %s", call.pk, problem)
    ProposalRequest.objects.filter(pk=request.pk, requested_at=request.requested_at).update(problem=problem)
    return None


def propose_speakers(call, *, by, asked_at=None) -> Selection | None:
    """Run the engine, outside any transaction, then keep its proposal in a short one: the call's
    unpublished proposal takes the new choice, so that its history stays in one place. With
    `asked_at`, the result is kept only if that request is still the latest (None otherwise)."""
    problem = _why_not_proposed(call)
    if problem:
        raise ValidationError(problem.label, code=problem.value)
    applicants = applicants_of(call)
    if not applicants:
        raise ValidationError(ProposalProblem.NOBODY_REVIEWED.label, code=ProposalProblem.NOBODY_REVIEWED.value)
    proposal = propose_selection(applicants, rules_of(call))
    with transaction.atomic():
        if asked_at is not None:
            request = ProposalRequest.objects.select_for_update().filter(call=call, requested_at=asked_at).first()
            if request is None:
                return None  # asked again meanwhile: the later request keeps its own result
            request.delete()
        if _why_not_proposed(call):
            raise ValidationError(ProposalProblem.PUBLISHED.label, code=ProposalProblem.PUBLISHED.value)
        return _keep_proposal(call, proposal, by=by)


def _why_not_proposed(call) -> ProposalProblem | None:
    if Selection.objects.filter(call=call, status=SelectionStatus.PUBLISHED).exists():
        return ProposalProblem.PUBLISHED
    return None


def _keep_proposal(call, proposal, *, by) -> Selection:
    selection = Selection.objects.select_for_update().filter(call=call, status=SelectionStatus.PROPOSED).first()
    before = numbered(call, selection.selected) if selection else ""
    if selection is None:
        selection = Selection(call=call)
    selection.selected, selection.reserve = list(proposal.selected), list(proposal.reserve)
    selection.created_by, selection.created_at = by, timezone.now()
    selection.is_proven_best = proposal.optimal
    selection.save()
    after = numbered(call, selection.selected)
    note = _("Proposed by the engine. Selected: %(selected)s. Reserve: %(reserve)s.") % {
        "selected": after or "—",
        "reserve": numbered(call, selection.reserve) or "—",
    }
    if not proposal.optimal:
        note += " " + _("The time limit stopped the search before it proved this the best selection.")
    record(selection, by=by, field="selected", before=before, after=after, note=note)
    return selection


@transaction.atomic
def swap_speakers(selection, *, by, remove, add, category, reason: str = "") -> Selection:
    """The secretariat replaces one person by another, saying why as one of `ChangeReason` (counted on
    the call's public record); breaking a rule needs a written reason too. The written reason is kept
    on one line, first in the note of the history, where the selection page reads it back to explain
    the change (`queries.selection.changes_since_proposal`); it is never public."""
    if category not in ChangeReason.values:
        raise ValidationError(_("Choose why the change is made."), code="category")
    reason = " ".join(reason.split())
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    if selection.is_published:
        raise ValidationError(_("A published selection is changed by declines and replacements only."))
    if remove not in selection.selected or add in selection.selected:
        raise ValidationError(_("Choose someone selected to remove and someone not selected to add."))
    chosen = [add if item == remove else item for item in selection.selected]
    broken = check_selection(chosen, applicants_of(selection.call), rules_of(selection.call))
    if broken and not reason:
        raise ValidationError(_("This change breaks a rule of the selection: write why it is needed."))
    selection.selected = chosen
    selection.reserve = [item for item in selection.reserve if item != add] + [remove]
    selection.save(update_fields=["selected", "reserve"])
    note = reason
    if broken:
        breaks = "; ".join(rule_text(violation.rule) for violation in broken)
        note += "\n" + _("Breaks: %(rules)s.") % {"rules": breaks}
    change = record(
        selection,
        by=by,
        field="selected",
        before=numbered(selection.call, [remove]),
        after=numbered(selection.call, [add]),
        note=note,
    )
    ManualChange.objects.create(selection=selection, activity=change, category=category)
    return selection


@transaction.atomic
def publish_selection(selection, *, by) -> Selection:
    """Statuses become selected, reserve and not selected, and everyone who applied is told."""
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    if selection.is_published:
        raise ValidationError(_("This selection is already published."))
    now = timezone.now()
    confirm_by = now + timedelta(days=settings_of(selection.call).confirm_within_days)
    counts = {InterestStatus.SELECTED: 0, InterestStatus.RESERVE: 0, InterestStatus.NOT_SELECTED: 0}
    for interest in interests_of(selection.call, statuses=OPEN_STATUSES):
        if interest.pk in selection.selected:
            interest.confirm_by = confirm_by
            status = InterestStatus.SELECTED
        elif interest.pk in selection.reserve:
            status = InterestStatus.RESERVE
        else:
            status = InterestStatus.NOT_SELECTED
        set_interest_status(interest, status, by=by, also=("confirm_by",))
        counts[status] += 1
        notices.queue_selection_outcome(interest)
    selection.published_at = now
    note = phrases.selection_published(
        selected=counts[InterestStatus.SELECTED],
        reserve=counts[InterestStatus.RESERVE],
        others=counts[InterestStatus.NOT_SELECTED],
    )
    set_selection_status(selection, SelectionStatus.PUBLISHED, by=by, note=note, also=("published_at",))
    return selection


def check_appearance(appearance) -> None:
    if appearance not in Appearance.values:
        raise ValidationError(_("Choose how you want to appear in the public programme."), code="appearance")


@transaction.atomic
def respond_to_selection(interest, *, accept: bool, appearance=None) -> ExpressionOfInterest:
    """The selected person confirms or declines, before the deadline; a decline offers the slot on.
    Confirming says how they appear in the public programme (`appearance`)."""
    if accept:
        check_appearance(appearance)
    interest = ExpressionOfInterest.objects.select_for_update().get(pk=interest.pk)
    if interest.status != InterestStatus.SELECTED:
        raise ValidationError(_("There is no selection waiting for your answer."))
    if interest.confirm_by and interest.confirm_by < timezone.now():
        raise ValidationError(_("The deadline to confirm has passed."))
    interest.responded_at = timezone.now()
    status = InterestStatus.CONFIRMED if accept else InterestStatus.DECLINED
    set_interest_status(interest, status, by=interest.person, also=("responded_at",))
    if accept:
        set_interest_appearance(interest, appearance, by=interest.person)
    else:
        offer_slot(interest, by=interest.person)
    return interest


@transaction.atomic
def set_appearance(interest, *, appearance, by) -> ExpressionOfInterest:
    """A speaker changes how they appear in the public programme; nobody changes it for them."""
    check_is_own(interest, by=by)
    check_appearance(appearance)
    interest = ExpressionOfInterest.objects.select_for_update().get(pk=interest.pk)
    if not (interest.is_confirmed or interest.awaits_confirmation):
        raise ValidationError(_("You choose how you appear once you are selected to speak."), code="not_a_speaker")
    set_interest_appearance(interest, appearance, by=by)
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
    newcomer = None
    if replacement is not None:
        selection.selected.append(replacement.id)
        selection.reserve = [item for item in selection.reserve if item != replacement.id]
        newcomer = ExpressionOfInterest.objects.get(pk=replacement.id)
        newcomer.confirm_by = timezone.now() + timedelta(days=settings_of(gone.call).confirm_within_days)
        note = _("Offered the slot of #%(number)s.") % {"number": gone.arrival}
        set_interest_status(newcomer, InterestStatus.SELECTED, by=by, note=note, also=("confirm_by",))
        notices.queue_selection_outcome(newcomer, offered=True)
    selection.save(update_fields=["selected", "reserve"])
    note = _("Slot offered to a reserve.") if newcomer else _("Nobody is left in reserve to offer the slot to.")
    after = f"#{newcomer.arrival}" if newcomer else ""
    record(selection, by=by, field="selected", before=f"#{gone.arrival}", after=after, note=note)
    return newcomer


@transaction.atomic
def expire_confirmations(*, now=None) -> int:
    """A missed deadline counts as a decline: the slot goes to the next reserve."""
    now = now or timezone.now()
    late = ExpressionOfInterest.objects.select_for_update().filter(status=InterestStatus.SELECTED, confirm_by__lt=now)
    count = 0
    for interest in late:
        interest.responded_at = now
        note = _("The deadline to confirm passed.")
        set_interest_status(interest, InterestStatus.DECLINED, by=None, note=note, also=("responded_at",))
        offer_slot(interest, by=None)
        count += 1
    return count

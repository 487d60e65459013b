"""Selecting speakers: expressions of interest and their reviews become the engine's plain data;
its proposal, the secretariat's overrides and the publication are kept, with an audit trail, and
the people concerned are told through the notice outbox."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registrations import notices
from registrations.enums import InterestStatus, RuleDimension, SelectionStatus
from registrations.models import ExpressionOfInterest, Selection, SelectionEvent
from registrations.reviews import normalised_scores, settings_of
from registrations.selection import (
    EACH,
    Applicant,
    Bound,
    Coverage,
    Rules,
    best_replacement,
    check_selection,
    explain_selection,
    propose_selection,
)
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


def record(selection, *, by, action: str, details=None, reason: str = "") -> SelectionEvent:
    return SelectionEvent.objects.create(
        selection=selection, actor=by, action=action, details=details or {}, reason=reason
    )


@transaction.atomic
def propose(call, *, by) -> Selection:
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


def explain(selection, applicants=None):
    """The balance report of a selection as it stands, recomputed: it follows every override."""
    applicants = applicants if applicants is not None else applicants_of(selection.call)
    return explain_selection(selection.selected, applicants, rules_of(selection.call))


@transaction.atomic
def swap(selection, *, by, remove, add, reason: str = "") -> Selection:
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
def publish(selection, *, by) -> Selection:
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
def respond(interest, *, accept: bool) -> ExpressionOfInterest:
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


def rule_list(call) -> list[dict]:
    """The call's rules as the engine's rule dicts, for explaining them in the reader's language."""
    settings = settings_of(call)
    listed = [{"key": "size", "dimension": None, "value": None, "limit": settings.speakers}]
    for rule in settings.rules.all():
        value = rule.value or EACH
        if rule.minimum:
            listed.append({"key": "minimum", "dimension": rule.dimension, "value": value, "limit": rule.minimum})
        if rule.maximum is not None:
            listed.append({"key": "maximum", "dimension": rule.dimension, "value": value, "limit": rule.maximum})
    if settings.one_per_organization:
        listed.append({"key": "one_per_organization", "dimension": None, "value": None, "limit": 1})
    return listed

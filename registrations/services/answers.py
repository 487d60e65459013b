"""Answering calls. Seats and arrival order are decided under a row lock in the database, so that a
rush of hundreds at the same minute overbooks, loses and reorders nothing.

A person's answer is changed by that person only: no role, the secretariat's included, acts in their
name. What the portal itself does to an answer (a waiting place promoted, an account deleted) is
recorded with the person whose action caused it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import record
from consultations.enums import CallKind
from consultations.models import Consultation, OpenCall
from consultations.services import check_call_is_open
from registrations import notices
from registrations.enums import Attendance, FundingStatus, InterestStatus, ProposalStatus, RegistrationStatus
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, Review, SideEventProposal
from registrations.queries.answers import capacity_of, waiting_for
from registrations.rules import is_own
from registrations.services.states import (
    set_funding_status,
    set_interest_status,
    set_proposal_status,
    set_registration_attendance,
    set_registration_status,
    set_registration_switch_request,
)
from stakeholders.services import check_may_act_for

CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)
WITHDRAWN = {
    ExpressionOfInterest: (InterestStatus.WITHDRAWN, set_interest_status),
    SideEventProposal: (ProposalStatus.WITHDRAWN, set_proposal_status),
    FundingApplication: (FundingStatus.WITHDRAWN, set_funding_status),
}


def check_is_own(answer, *, by) -> None:
    """Only the person who sent an answer changes it; no role acts in their name."""
    if by is None or not is_own(by, answer):
        raise PermissionDenied(_("Only the person who sent this answer may change it."))


def _record_sent(answer, *, by) -> None:
    """The first state of a new answer, so that its history starts where it did."""
    record(answer, by=by, field="status", after=answer.status, concerns=answer.person)


def _lock(consultation_id) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation_id)


def _confirmed_count(consultation, attendance) -> int:
    return Registration.objects.filter(consultation=consultation, attendance=attendance, status=CONFIRMED).count()


@transaction.atomic
def register(call: OpenCall, *, by, attendance: str, consent: bool, interpretation=None, access_needs=(),
             access_needs_other: str = "") -> Registration:  # fmt: skip
    """Confirmed while seats of that kind remain, else waitlisted; one active registration per person."""
    check_call_is_open(call, kind=CallKind.ATTEND)
    if not consent:
        raise ValidationError(_("Please agree to the use of your data, or the registration cannot be kept."))
    consultation = _lock(call.consultation_id)  # registrations of this consultation now go one at a time
    capacity = capacity_of(consultation, attendance)
    if capacity is None:
        raise ValidationError(_("This consultation cannot be attended this way."))
    active = Registration.objects.filter(person=by, consultation=consultation).exclude(status=CANCELLED)
    if active.exists():
        raise ValidationError(_("You are already registered for this consultation."))
    now = timezone.now()
    has_seat = _confirmed_count(consultation, attendance) < capacity
    registration = Registration.objects.create(
        person=by,
        consultation=consultation,
        call=call,
        attendance=attendance,
        status=CONFIRMED if has_seat else WAITLISTED,
        confirmed_at=now if has_seat else None,
        interpretation=interpretation,
        access_needs=list(access_needs),
        access_needs_other=access_needs_other,
        consented_at=now,
    )
    _record_sent(registration, by=by)
    notices.queue_registration_event(registration, "confirmed" if has_seat else "waitlisted")
    return registration


@transaction.atomic
def cancel_registration(registration: Registration, *, by) -> Registration:
    """The person themselves; the seat goes to the first on the waiting list for the same way of taking part."""
    check_is_own(registration, by=by)
    return _cancel(registration, by=by)


def _cancel(registration: Registration, *, by, note: str = "") -> Registration:
    consultation = _lock(registration.consultation_id)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    if registration.status == CANCELLED:
        return registration
    had_seat = registration.status == CONFIRMED
    registration.cancelled_at = timezone.now()
    registration.switch_requested_at = None  # a cancelled registration waits for nothing
    set_registration_status(registration, CANCELLED, by=by, note=note, also=("cancelled_at", "switch_requested_at"))
    notices.queue_registration_event(registration, "cancelled")
    if had_seat:
        promote_waitlisted(consultation, by=by, note=_("A seat became free after a cancellation."))
    return registration


def promote_waitlisted(consultation: Consultation, *, by, note: str = "") -> list[Registration]:
    """Fill free places from the waiting lists, first come first served. Call it holding the lock.
    `by` is whoever freed or added the places: the canceller, or the focal point who changed them.

    A waiting list holds newcomers and people who asked to switch (queries.answers.waiting_for). A
    newcomer is confirmed; a person who switches takes the new place and gives up their old one, which
    goes in turn to the first waiting for that way: hence the loop, until no free place has anyone
    waiting for it. Each turn confirms or switches someone for good, so it ends."""
    promoted = []
    moved = True
    while moved:
        moved = False
        for attendance in Attendance.values:
            capacity = capacity_of(consultation, attendance)
            if capacity is None:
                continue
            free = capacity - _confirmed_count(consultation, attendance)
            if free <= 0:
                continue
            waiting = waiting_for(consultation.pk, attendance).select_related("person", "consultation")
            for registration in waiting[:free]:
                if registration.attendance == attendance:
                    registration.confirmed_at = timezone.now()
                    set_registration_status(registration, CONFIRMED, by=by, note=note, also=("confirmed_at",))
                    notices.queue_registration_event(registration, "promoted")
                else:
                    moved = _switch(registration, by=by, note=note) or moved
                promoted.append(registration)
    return promoted


def _switch(registration: Registration, *, by, note: str) -> bool:
    """A place of the way asked for is theirs: they take it and give up the other. True when that
    frees a confirmed place of the way they leave."""
    had_seat = registration.status == CONFIRMED
    registration.switch_requested_at = None
    registration.confirmed_at = timezone.now()
    changed = ("switch_requested_at", "confirmed_at")
    set_registration_attendance(registration, registration.other_attendance, by=by, note=note, also=changed)
    if had_seat:
        notices.queue_registration_event(registration, "switched")
    else:
        set_registration_status(registration, CONFIRMED, by=by, note=note)
        notices.queue_registration_event(registration, "promoted")
    return had_seat


@transaction.atomic
def request_switch(registration: Registration, *, by) -> Registration:
    """The person asks to take part the other way (in person instead of online, or the reverse). They
    keep their current place, confirmed or waiting, until a place of the other way is theirs: at once
    when one is free and nobody waits for it, else when their turn comes on its waiting list."""
    check_is_own(registration, by=by)
    consultation = _lock(registration.consultation_id)
    registration = Registration.objects.select_related("person", "consultation").get(pk=registration.pk)
    if registration.status == CANCELLED:
        raise ValidationError(_("This registration is cancelled."))
    if capacity_of(consultation, registration.other_attendance) is None:
        raise ValidationError(_("This consultation cannot be attended this way."))
    if registration.wants_to_switch:
        return registration
    set_registration_switch_request(registration, timezone.now(), by=by)
    promote_waitlisted(consultation, by=by, note=_("A place of the way asked for was free."))
    registration.refresh_from_db()
    return registration


@transaction.atomic
def keep_attendance(registration: Registration, *, by) -> Registration:
    """The person no longer asks to switch: they keep the way they have and leave the other waiting list."""
    check_is_own(registration, by=by)
    _lock(registration.consultation_id)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    set_registration_switch_request(registration, None, by=by)
    return registration


@transaction.atomic
def seats_changed(consultation: Consultation, *, by) -> list[Registration]:
    """After a focal point changed the seats: more seats promote in order; fewer keep everyone
    confirmed (nobody loses a seat) and newcomers wait."""
    return promote_waitlisted(_lock(consultation.pk), by=by, note=_("The organizers changed the seats."))


# Expressions of interest: numbered in order of arrival


@transaction.atomic
def express_interest(call: OpenCall, *, by, statement: str, session=None, objectives=(), organization=None):
    check_call_is_open(call, kind=CallKind.SPEAK)
    check_may_act_for(by, organization)
    locked = OpenCall.objects.select_for_update().get(pk=call.pk)  # numbers are handed out one at a time
    if ExpressionOfInterest.objects.filter(call=locked, person=by).exclude(status=InterestStatus.WITHDRAWN).exists():
        raise ValidationError(_("You have already expressed interest in this call; you can edit it instead."))
    last = ExpressionOfInterest.objects.filter(call=locked).aggregate(last=Max("arrival"))["last"] or 0
    interest = ExpressionOfInterest.objects.create(
        call=locked,
        person=by,
        organization=organization,
        session=session,
        statement=statement,
        arrival=last + 1,
    )
    interest.objectives.set(objectives)
    _record_sent(interest, by=by)
    return interest


@transaction.atomic
def edit_interest(interest: ExpressionOfInterest, *, by, statement: str, session=None, objectives=(),
                  organization=None) -> ExpressionOfInterest:  # fmt: skip
    """The person themselves, while the call is open and nobody acted on it; the arrival number never changes."""
    check_is_own(interest, by=by)
    check_call_is_open(interest.call, kind=CallKind.SPEAK)
    if not interest.can_be_edited:
        raise ValidationError(_("This expression of interest can no longer be edited."))
    check_may_act_for(by, organization)
    interest.statement, interest.session, interest.organization = statement, session, organization
    interest.save(update_fields=["statement", "session", "organization", "updated_at"])
    interest.objectives.set(objectives)
    return interest


@transaction.atomic
def withdraw(answer, *, by):
    """The person themselves withdraws an expression of interest, a proposal or an application, while
    nobody has acted on it yet (a selected speaker declines instead)."""
    check_is_own(answer, by=by)
    withdrawn, set_status = WITHDRAWN[type(answer)]
    if answer.status == withdrawn:
        return answer
    if not answer.can_be_withdrawn:
        raise ValidationError(_("This can no longer be withdrawn."))
    set_status(answer, withdrawn, by=by)
    return answer


@transaction.atomic
def propose_side_event(call: OpenCall, *, by, title, description, co_organizers="", organization=None):
    check_call_is_open(call, kind=CallKind.SIDE_EVENT)
    check_may_act_for(by, organization)
    proposal = SideEventProposal.objects.create(
        call=call,
        person=by,
        organization=organization,
        title=title,
        description=description,
        co_organizers=co_organizers,
    )
    _record_sent(proposal, by=by)
    return proposal


@transaction.atomic
def apply_for_funding(call: OpenCall, *, by, travel_cost, justification, organization=None):
    check_call_is_open(call, kind=CallKind.FUNDING_SUPPORT)
    check_may_act_for(by, organization)
    active = FundingApplication.objects.filter(call=call, person=by).exclude(status=FundingStatus.WITHDRAWN)
    if active.exists():
        raise ValidationError(_("You have already applied for funding support on this call."))
    application = FundingApplication.objects.create(
        call=call, person=by, organization=organization, travel_cost=travel_cost, justification=justification
    )
    _record_sent(application, by=by)
    return application


# What a person wrote in each kind of answer (or staff wrote to them about it), emptied when they
# delete their account; a withdrawn side event also leaves the programme (only an accepted one has a place).
WORDS = {
    ExpressionOfInterest: {"statement": ""},
    SideEventProposal: {"title": "", "description": "", "co_organizers": "", "decision_note": ""},
    FundingApplication: {"justification": ""},
}
UNSCHEDULED = {"starts_at": None, "ends_at": None, "place": "", "online_link": ""}


@transaction.atomic
def erase_answers_of(person, *, addresses=()) -> None:
    """On account deletion, as the person: registrations are cancelled (their seats go to the waiting
    list) and every answer's words are removed, with the reviewers' comments on them; what remains
    counts only as anonymous participation (states, numbers, scores, amounts). Each change of a
    state is recorded, saying it followed the deletion."""
    note = _("Following the deletion of the account.")
    for registration in Registration.objects.filter(person=person).exclude(status=CANCELLED):
        _cancel(registration, by=person, note=note)
    Registration.objects.filter(person=person).update(access_needs=[], access_needs_other="")
    for model, (withdrawn, set_status) in WITHDRAWN.items():
        emptied = {**WORDS[model], **(UNSCHEDULED if model is SideEventProposal else {})}
        for answer in model.objects.filter(person=person).exclude(status=withdrawn).select_related("person"):
            for field, value in emptied.items():
                setattr(answer, field, value)
            set_status(answer, withdrawn, by=person, note=note, also=tuple(emptied))
        model.objects.filter(person=person).update(**emptied)
    Review.objects.filter(interest__person=person).update(comment="")

"""Answering calls. Seats and arrival order are decided under a row lock in the database, so that a
rush of hundreds at the same minute overbooks, loses and reorders nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.enums import CallKind, CallState, PublicationStatus
from consultations.models import Consultation, OpenCall
from registrations import notices
from registrations.enums import Attendance, FundingStatus, InterestStatus, ProposalStatus, RegistrationStatus
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, SideEventProposal
from registrations.queries.answers import capacity_of
from stakeholders.rules import is_organization_admin

CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


def check_call_is_open(call: OpenCall, kind: CallKind) -> None:
    """Judged by the server's clock when the answer arrives, whenever the form was opened."""
    if call.kind != kind or call.status != PublicationStatus.PUBLISHED:
        raise ValidationError(_("This call does not take this kind of answer."))
    state = call.state_at(timezone.now())
    if state == CallState.UPCOMING:
        raise ValidationError(_("This call is not open yet."))
    if state == CallState.CLOSED:
        raise ValidationError(_("This call closed before your answer arrived; it can no longer be accepted."))


def check_may_act_for(person, organization) -> None:
    if organization is not None and not is_organization_admin(person, organization):
        raise ValidationError(_("Only an administrator of %(name)s may answer on its behalf.") % {"name": organization})


def _lock(consultation_id) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation_id)


def _confirmed_count(consultation, attendance) -> int:
    return Registration.objects.filter(consultation=consultation, attendance=attendance, status=CONFIRMED).count()


@transaction.atomic
def register(call: OpenCall, *, by, attendance: str, consent: bool, interpretation=None, access_needs=(),
             access_needs_other: str = "") -> Registration:  # fmt: skip
    """Confirmed while seats of that kind remain, else waitlisted; one active registration per person."""
    check_call_is_open(call, CallKind.ATTEND)
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
    notices.queue_registration_event(registration, "confirmed" if has_seat else "waitlisted")
    return registration


@transaction.atomic
def cancel_registration(registration: Registration, *, by) -> Registration:
    """The seat goes to the first on the waiting list for the same way of taking part."""
    consultation = _lock(registration.consultation_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == CANCELLED:
        return registration
    had_seat = registration.status == CONFIRMED
    registration.status, registration.cancelled_at = CANCELLED, timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    notices.queue_registration_event(registration, "cancelled")
    if had_seat:
        promote_waitlisted(consultation)
    return registration


def promote_waitlisted(consultation: Consultation) -> list[Registration]:
    """Fill free seats from the waiting lists, first come first served. Call it holding the lock."""
    promoted = []
    for attendance in Attendance.values:
        capacity = capacity_of(consultation, attendance)
        if capacity is None:
            continue
        free = capacity - _confirmed_count(consultation, attendance)
        if free <= 0:
            continue
        waiting = Registration.objects.filter(consultation=consultation, attendance=attendance, status=WAITLISTED)
        for registration in waiting.order_by("pk")[:free]:
            registration.status, registration.confirmed_at = CONFIRMED, timezone.now()
            registration.save(update_fields=["status", "confirmed_at"])
            notices.queue_registration_event(registration, "promoted")
            promoted.append(registration)
    return promoted


@transaction.atomic
def seats_changed(consultation: Consultation) -> list[Registration]:
    """After a focal point changed the seats: more seats promote in order; fewer keep everyone
    confirmed (nobody loses a seat) and newcomers wait."""
    return promote_waitlisted(_lock(consultation.pk))


# Expressions of interest: numbered in order of arrival


@transaction.atomic
def express_interest(call: OpenCall, *, by, statement: str, session=None, objectives=(), organization=None,
                     may_list_publicly=False):  # fmt: skip
    check_call_is_open(call, CallKind.SPEAK)
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
        may_list_publicly=may_list_publicly,
    )
    interest.objectives.set(objectives)
    return interest


@transaction.atomic
def edit_interest(interest: ExpressionOfInterest, *, by, statement: str, session=None, objectives=(),
                  organization=None, may_list_publicly=False) -> ExpressionOfInterest:  # fmt: skip
    """While the call is open; the arrival number never changes."""
    check_call_is_open(interest.call, CallKind.SPEAK)
    check_may_act_for(by, organization)
    interest.statement, interest.session, interest.organization = statement, session, organization
    interest.may_list_publicly = may_list_publicly
    interest.save(update_fields=["statement", "session", "organization", "may_list_publicly", "updated_at"])
    interest.objectives.set(objectives)
    return interest


@transaction.atomic
def withdraw(answer, *, by):
    """Withdraw an expression of interest, a proposal or an application."""
    withdrawn = {
        ExpressionOfInterest: InterestStatus.WITHDRAWN,
        SideEventProposal: ProposalStatus.WITHDRAWN,
        FundingApplication: FundingStatus.WITHDRAWN,
    }[type(answer)]
    answer.status = withdrawn
    answer.save(update_fields=["status", "updated_at"])
    return answer


@transaction.atomic
def propose_side_event(call: OpenCall, *, by, title, description, co_organizers="", organization=None):
    check_call_is_open(call, CallKind.SIDE_EVENT)
    check_may_act_for(by, organization)
    return SideEventProposal.objects.create(
        call=call,
        person=by,
        organization=organization,
        title=title,
        description=description,
        co_organizers=co_organizers,
    )


@transaction.atomic
def apply_for_funding(call: OpenCall, *, by, travel_cost, justification, organization=None):
    check_call_is_open(call, CallKind.FUNDING_SUPPORT)
    check_may_act_for(by, organization)
    active = FundingApplication.objects.filter(call=call, person=by).exclude(status=FundingStatus.WITHDRAWN)
    if active.exists():
        raise ValidationError(_("You have already applied for funding support on this call."))
    return FundingApplication.objects.create(
        call=call, person=by, organization=organization, travel_cost=travel_cost, justification=justification
    )


def erase_answers_of(person) -> None:
    """On account deletion: registrations are cancelled (their seats go to the waiting list) and
    every answer's words are removed; what remains counts only as anonymous participation."""
    for registration in Registration.objects.filter(person=person).exclude(status=CANCELLED):
        cancel_registration(registration, by=person)
    Registration.objects.filter(person=person).update(access_needs=[], access_needs_other="")
    ExpressionOfInterest.objects.filter(person=person).update(statement="", status=InterestStatus.WITHDRAWN)
    SideEventProposal.objects.filter(person=person).update(description="", status=ProposalStatus.WITHDRAWN)
    FundingApplication.objects.filter(person=person).update(justification="", status=FundingStatus.WITHDRAWN)

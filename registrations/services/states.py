"""The one writer of each state field of registrations/: every change is saved and recorded in the
activity log (who, from → to, why) in the caller's transaction. Services decide *whether* a state
may change; these functions are *how* it changes."""

from activity.services import record, set_state
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, Selection, SideEventProposal


def set_registration_status(registration: Registration, status, *, by, note: str = "", also=()):
    return set_state(registration, "status", status, by=by, note=note, also=also, concerns=registration.person)


def set_registration_attendance(registration: Registration, attendance, *, by, note: str = "", also=()):
    """A switch between in person and online, once a place of the other way is the person's."""
    return set_state(registration, "attendance", attendance, by=by, note=note, also=also, concerns=registration.person)


def set_registration_switch_request(registration: Registration, requested_at, *, by, note: str = ""):
    """Asking to switch the way of taking part (a time) or no longer asking (None). The log says which
    way was asked for, never a bare time."""
    before = registration.requested_attendance or ""
    registration.switch_requested_at = requested_at
    registration.save(update_fields=["switch_requested_at"])
    after = registration.requested_attendance or ""
    if before == after:
        return None
    return record(
        registration,
        by=by,
        field="switch_requested_at",
        before=before,
        after=after,
        note=note,
        concerns=registration.person,
    )


def set_interest_status(interest: ExpressionOfInterest, status, *, by, note: str = "", also=()):
    return set_state(interest, "status", status, by=by, note=note, also=("updated_at", *also), concerns=interest.person)


def set_proposal_status(proposal: SideEventProposal, status, *, by, note: str = "", also=()):
    return set_state(proposal, "status", status, by=by, note=note, also=("updated_at", *also), concerns=proposal.person)


def set_funding_status(application: FundingApplication, status, *, by, note: str = "", also=()):
    return set_state(
        application, "status", status, by=by, note=note, also=("updated_at", *also), concerns=application.person
    )


def set_selection_status(selection: Selection, status, *, by, note: str = "", also=()):
    return set_state(selection, "status", status, by=by, note=note, also=also)


def set_interest_appearance(interest: ExpressionOfInterest, appearance, *, by, note: str = ""):
    """How a speaker appears in the public programme: only they choose it, and the choice is on record."""
    return set_state(
        interest, "appearance", appearance, by=by, note=note, also=("updated_at",), concerns=interest.person
    )

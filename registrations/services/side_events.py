"""Side events: the secretariat or the consultation's focal point accepts or declines each proposal
with a note, and gives accepted ones a time and a place. Each decision goes through the state's one
writer (the activity log keeps it), and the proposers are told in their language."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import record
from registrations import notices
from registrations.enums import ProposalStatus
from registrations.models import SideEventProposal
from registrations.services.states import set_proposal_status

SCHEDULE = ("starts_at", "ends_at", "place", "online_link")


def check_may_decide(proposal: SideEventProposal, *, by) -> None:
    if by is None or not by.has_perm("registrations.decide_side_events", proposal.call):
        raise PermissionDenied(_("Only the secretariat or a focal point of this consultation decides its side events."))


def schedule_errors(*, accept: bool, starts_at, ends_at, place: str, online_link: str) -> dict:
    """What a decision may hold, as the database's constraints want it, with an error per field:
    a time, a place or a link only when accepted; a start and an end together, the end after the
    start; and a place, a link or both for a side event that has a time."""
    errors = {}
    if not accept:
        given = {"starts_at": starts_at, "ends_at": ends_at, "place": place, "online_link": online_link}
        for name, value in given.items():
            if value:
                errors[name] = _("A declined side event has no time or place: leave this empty.")
        return errors
    if starts_at and not ends_at:
        errors["ends_at"] = _("Give the end as well, or leave both times empty until they are known.")
    elif ends_at and not starts_at:
        errors["starts_at"] = _("Give the start as well, or leave both times empty until they are known.")
    elif starts_at and ends_at <= starts_at:
        errors["ends_at"] = _("The side event must end after it starts.")
    if starts_at and not (place.strip() or online_link.strip()):
        errors["place"] = _("Say where it takes place: a room or place, an online link, or both.")
    return errors


def _schedule_of(proposal) -> tuple:
    return tuple(getattr(proposal, name) for name in SCHEDULE)


def _moment(value) -> str:
    return value.isoformat(timespec="minutes") if value else ""


@transaction.atomic
def decide_side_event(
    proposal: SideEventProposal,
    *,
    by,
    accept: bool,
    note: str = "",
    starts_at=None,
    ends_at=None,
    place: str = "",
    online_link: str = "",
) -> SideEventProposal:
    """Accept (with a time and a place, now or later) or decline a proposal, or change the decision;
    a withdrawn proposal cannot be decided. The proposers are told when the decision or the time and
    place change."""
    proposal = (
        SideEventProposal.objects.select_for_update(of=("self",))
        .select_related("call__consultation", "person__profile")
        .get(pk=proposal.pk)
    )
    check_may_decide(proposal, by=by)
    if not proposal.can_be_decided:
        raise ValidationError(_("The proposers withdrew this proposal: it can no longer be decided."))
    place, online_link = place.strip(), online_link.strip()
    errors = schedule_errors(accept=accept, starts_at=starts_at, ends_at=ends_at, place=place, online_link=online_link)
    if errors:
        raise ValidationError(errors)
    status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    before = _schedule_of(proposal)
    changes_status = proposal.status != status
    proposal.decision_note = note.strip()
    proposal.starts_at, proposal.ends_at, proposal.place, proposal.online_link = (
        (starts_at, ends_at, place, online_link) if accept else (None, None, "", "")
    )
    moved = accept and _schedule_of(proposal) != before
    also = ["decision_note", *SCHEDULE]
    if changes_status or moved:
        # The moment of the decision the proposers are told of; a note corrected alone tells nobody.
        proposal.decided_by, proposal.decided_at = by, timezone.now()
        also += ["decided_by", "decided_at"]
    set_proposal_status(proposal, status, by=by, note=proposal.decision_note, also=also)
    if moved:
        where = " · ".join(filter(None, [proposal.place, proposal.online_link]))
        record(
            proposal,
            by=by,
            field="starts_at",
            before=_moment(before[0]),
            after=_moment(proposal.starts_at),
            note=where,
            concerns=proposal.person,
        )
    if changes_status or moved:
        notices.queue_side_event_decision(proposal)
    return proposal

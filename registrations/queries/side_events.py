"""Reads of side events: the proposals of a call for those who decide, the scheduled ones for the public."""

from consultations.enums import PublicationStatus
from registrations.enums import ProposalStatus
from registrations.models import SideEventProposal
from stakeholders.models import in_every_language


def proposals_of(call):
    """Every proposal of a call, in order of arrival, with who sent it; withdrawn ones stay listed
    (they cannot be decided)."""
    return (
        SideEventProposal.objects.filter(call=call)
        .select_related("person", "organization", "decided_by")
        .order_by("created_at", "pk")
    )


def proposal_of(call, pk):
    """One proposal of the call, locked for its decision (raises DoesNotExist for another call's)."""
    return (
        SideEventProposal.objects.select_for_update()
        .select_related("call__consultation", "person")
        .get(call=call, pk=pk)
    )


def public_side_events():
    """Accepted side events with a time, of published calls of published consultations: what the
    public may know of (the open data API). Never the proposer's name or address."""
    return SideEventProposal.objects.filter(
        status=ProposalStatus.ACCEPTED,
        starts_at__isnull=False,
        call__status=PublicationStatus.PUBLISHED,
        call__consultation__status=PublicationStatus.PUBLISHED,
    ).order_by("starts_at", "pk")


def scheduled_side_events(consultation):
    """Accepted side events with a time, for the consultation's public page, in the order they take
    place. What the page shows only: never the proposer's name or address."""
    return (
        SideEventProposal.objects.filter(
            call__consultation=consultation, status=ProposalStatus.ACCEPTED, starts_at__isnull=False
        )
        .select_related("organization")
        .only(
            "title",
            "description",
            "co_organizers",
            "status",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "organization",
            *(f"organization__{field}" for field in in_every_language("name", "acronym")),
        )
        .order_by("starts_at", "pk")
    )

"""What the open data API reads: the public queries of the other apps, with what a list needs fetched
in a fixed number of queries (select_related/prefetch_related), whatever the number of items.

Nothing here decides what is public: that is each app's public query (published, listed, as the
speaker chose to appear). Organizations other than the public directory's are left out wherever
they are mentioned: `Prefetch(..., listed)` gives None (or no row) for the others."""

from django.db.models import Max, Prefetch

from consultations import queries as consultations
from consultations.models import CallEligibility, Session
from indicators.queries import consultations_in
from registrations.enums import SelectionStatus
from registrations.queries.how_it_was_run import ANSWERS
from registrations.queries.side_events import public_side_events
from stakeholders.models import GcmObjective, Organization, in_every_language
from stakeholders.queries import directory_organizations, public_organization

# Of an organization mentioned elsewhere: how to name it and link to its directory entry.
ORGANIZATION_REFERENCE = ("slug", *in_every_language("name", "acronym"))


def listed_organizations():
    return Organization.objects.listed().only(*ORGANIZATION_REFERENCE)


def calls():
    return consultations.published_calls().prefetch_related(
        Prefetch("objectives", GcmObjective.objects.only("number")),
        Prefetch("eligibility", CallEligibility.objects.order_by("pk")),
    )


def consultations_with_programme():
    return (
        consultations.published_consultations()
        .defer(None)
        .prefetch_related(
            Prefetch("sessions", Session.objects.order_by("starts_at", "pk")),
            "languages",
            "interpretation",
            Prefetch("co_organizers", listed_organizations()),
        )
        .order_by("starts_at", "pk")
    )


def side_events():
    return (
        public_side_events()
        .select_related("call__consultation")
        .prefetch_related(Prefetch("organization", listed_organizations()))
        .only(
            "title",
            "description",
            "co_organizers",
            "starts_at",
            "ends_at",
            "place",
            "organization",
            "call__id",
            "call__consultation__slug",
            "call__consultation__time_zone",
        )
    )


def summaries():
    return (
        consultations.published_summaries()
        .select_related("consultation")
        .only("published_at", "provenance", *in_every_language("body"), "consultation__slug")
        .prefetch_related(Prefetch("submissions", consultations.public_submissions().only("pk").order_by("pk")))
        .order_by("-published_at", "pk")
    )


def submissions():
    return (
        consultations.public_submissions()
        .select_related("call__consultation")
        .prefetch_related(Prefetch("organization", listed_organizations()))
        .only(
            "title",
            "text",
            "document",
            "language",
            "submitted_at",
            "organization",
            "call__id",
            "call__consultation__slug",
        )
        .order_by("submitted_at", "pk")
    )


def organizations():
    return directory_organizations().order_by("slug")


def organization(slug):
    return public_organization(slug)


def objectives():
    return GcmObjective.objects.order_by("number")


def calls_with_record():
    """Published calls whose record of how they were run is public (registrations.queries.how_it_was_run:
    a call to speak or for funding support whose selection is published), with when it was published."""
    return (
        consultations.published_calls()
        .filter(kind__in=list(ANSWERS), selections__status=SelectionStatus.PUBLISHED)
        .annotate(selection_published_at=Max("selections__published_at"))
        .order_by("-selection_published_at", "pk")
    )


def consultations_with_indicators(*, cycle=None, region=""):
    """The consultations an indicators scope counts, for the links to each one's own: their slugs."""
    return consultations_in(cycle=cycle, region=region).only("slug")

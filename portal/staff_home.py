"""What waits for a member of staff: the reads of the staff home.

Each line counts one kind of work for the person who reads it, scoped as their permissions are: the
secretariat approves, verifies, moderates, selects and decides funding everywhere; a focal point
decides the side events of their own country or region and hears what came back to them; a reviewer
scores the calls of the consultations they are assigned to; whoever writes a consultation's summary
(the secretariat, its rapporteur) hears when one is due. Each line costs one query however much
waits (counts in subqueries, Exists), so the page runs a fixed number of queries."""

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations.enums import CallKind, PublicationStatus, SubmissionStatus
from consultations.models import Consultation, OpenCall, Summary, WrittenSubmission
from consultations.queries import managed_consultations
from registrations.enums import FundingStatus, InterestStatus, ProposalStatus, SelectionStatus
from registrations.models import ExpressionOfInterest, FundingApplication, Selection, SideEventProposal
from registrations.queries.reviews import unscored_by
from registrations.queries.selection import IN_THE_RUNNING
from stakeholders.enums import Verification
from stakeholders.models import Organization
from stakeholders.queries import time_zone_of
from stakeholders.rules import is_focal_point, is_secretariat

PUBLISHED = PublicationStatus.PUBLISHED
# A selected speaker whose deadline to confirm is this close is shown to the secretariat, who may
# still call them before the slot goes to a reserve.
CONFIRMATION_WARNING = timedelta(days=2)


@dataclass(frozen=True)
class Place:
    """Where some of the work is done: a link, what it belongs to, how much waits there."""

    label: str
    url: str
    context: str = ""
    detail: str = ""
    next_url: str = ""  # reviews: the first expression of interest the reviewer has not scored


@dataclass(frozen=True)
class Waiting:
    """One kind of work: how much, said in a sentence, and where it is done."""

    kind: str
    count: int
    text: str
    places: tuple[Place, ...]


def waiting_for(person, *, now=None) -> list[Waiting]:
    """Everything that waits for the person, most urgent first; kinds with nothing waiting are left out."""
    now = now or timezone.now()
    secretariat, focal_point = is_secretariat(person), is_focal_point(person)
    lines = []
    if secretariat:
        lines.append(confirmations_expiring(now, time_zone_of(person) or "UTC"))
    lines.append(reviews_to_do(person))
    if secretariat:
        lines.append(selections_to_make(now))
    if secretariat or focal_point:
        lines.append(side_events_to_decide(person, now, everywhere=secretariat))
    if secretariat:
        lines += [
            funding_to_decide(now),
            consultations_to_approve(),
            calls_to_approve(),
            organizations_to_verify(),
            submissions_to_moderate(),
        ]
    elif focal_point:
        lines += returned_to(person)
    lines.append(summaries_to_write(person, now, everywhere=secretariat))
    return [line for line in lines if line.count]


def count_of(answers) -> Coalesce:
    """How many of a call's answers (a queryset filtered on call=OuterRef("pk")), as a subquery."""
    counted = answers.order_by().values("call").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def published_selection():
    return Selection.objects.filter(call=OuterRef("pk"), status=SelectionStatus.PUBLISHED)


def closed_calls(kind, now):
    return (
        OpenCall.objects.filter(kind=kind, status=PUBLISHED, closes_at__lte=now)
        .select_related("consultation")
        .order_by("closes_at", "pk")
    )


def call_place(call, url_name: str, detail: str = "", next_url: str = "") -> Place:
    url = reverse(url_name, kwargs={"pk": call.pk})
    return Place(label=str(call), url=url, context=str(call.consultation), detail=detail, next_url=next_url)


def confirmations_expiring(now, time_zone: str) -> Waiting:
    """Selected speakers who have not confirmed, with their deadline in the next two days."""
    expiring = ExpressionOfInterest.objects.filter(
        call=OuterRef("pk"),
        status=InterestStatus.SELECTED,
        confirm_by__gt=now,
        confirm_by__lte=now + CONFIRMATION_WARNING,
    )
    first = expiring.order_by("confirm_by").values("confirm_by")[:1]
    calls = list(
        OpenCall.objects.filter(Exists(expiring))
        .annotate(expiring=count_of(expiring), first_deadline=Subquery(first))
        .select_related("consultation")
        .order_by("first_deadline", "pk")
    )
    count = sum(call.expiring for call in calls)
    zone = ZoneInfo(time_zone)
    text = ngettext(
        "%(count)s selected speaker has not confirmed, and the deadline is near.",
        "%(count)s selected speakers have not confirmed, and their deadlines are near.",
        count,
    ) % {"count": count}
    places = []
    for call in calls:
        deadline = date_format(timezone.localtime(call.first_deadline, zone), "SHORT_DATETIME_FORMAT")
        detail = ngettext(
            "%(count)s speaker, by %(deadline)s (%(zone)s)",
            "%(count)s speakers, the first by %(deadline)s (%(zone)s)",
            call.expiring,
        ) % {"count": call.expiring, "deadline": deadline, "zone": time_zone}
        places.append(call_place(call, "registrations:selection", detail))
    return Waiting("confirmations", count, text, tuple(places))


def reviews_to_do(person) -> Waiting:
    """Expressions of interest the person may score and has not, in the calls to speak of the
    consultations they are assigned to review, until the call's selection is published."""
    to_score = unscored_by(person, OuterRef("pk"))
    calls = list(
        OpenCall.objects.filter(
            kind=CallKind.SPEAK, status=PUBLISHED, consultation__reviewer_assignments__reviewer=person
        )
        .exclude(Exists(published_selection()))
        .annotate(to_score=count_of(to_score), next_interest=Subquery(to_score.values("pk")[:1]))
        .filter(to_score__gt=0)
        .select_related("consultation")
        .order_by("closes_at", "pk")
    )
    count = sum(call.to_score for call in calls)
    text = ngettext(
        "%(count)s expression of interest waits for your review.",
        "%(count)s expressions of interest wait for your review.",
        count,
    ) % {"count": count}
    places = [
        call_place(
            call,
            "registrations:reviews",
            ngettext("%(count)s to score", "%(count)s to score", call.to_score) % {"count": call.to_score},
            next_url=reverse("registrations:review", kwargs={"pk": call.pk, "interest": call.next_interest}),
        )
        for call in calls
    ]
    return Waiting("reviews", count, text, tuple(places))


def selections_to_make(now) -> Waiting:
    """Calls to speak that have closed, with someone in the running, and no published selection
    while their consultation is still ahead."""
    running = ExpressionOfInterest.objects.filter(call=OuterRef("pk"), status__in=IN_THE_RUNNING)
    proposed = Selection.objects.filter(call=OuterRef("pk"), status=SelectionStatus.PROPOSED)
    calls = list(
        closed_calls(CallKind.SPEAK, now)
        .filter(Exists(running), consultation__ends_at__gte=now)
        .exclude(Exists(published_selection()))
        .annotate(has_proposal=Exists(proposed))
    )
    text = ngettext(
        "%(count)s call to speak has closed without a published selection.",
        "%(count)s calls to speak have closed without a published selection.",
        len(calls),
    ) % {"count": len(calls)}
    places = [
        call_place(
            call,
            "registrations:selection",
            _("a proposal waits to be published") if call.has_proposal else _("no proposal yet"),
        )
        for call in calls
    ]
    return Waiting("selections", len(calls), text, tuple(places))


def side_events_to_decide(person, now, *, everywhere: bool) -> Waiting:
    """Side-event proposals received by calls that have closed: everywhere for the secretariat, in
    their own consultations for a focal point."""
    received = SideEventProposal.objects.filter(call=OuterRef("pk"), status=ProposalStatus.RECEIVED)
    calls = closed_calls(CallKind.SIDE_EVENT, now).filter(Exists(received)).annotate(received=count_of(received))
    if not everywhere:
        calls = calls.filter(consultation__in=managed_consultations(person).values("pk"))
    calls = list(calls)
    count = sum(call.received for call in calls)
    text = ngettext(
        "%(count)s side-event proposal waits for a decision.",
        "%(count)s side-event proposals wait for a decision.",
        count,
    ) % {"count": count}
    places = [
        call_place(
            call,
            "registrations:side-events",
            ngettext("%(count)s proposal", "%(count)s proposals", call.received) % {"count": call.received},
        )
        for call in calls
    ]
    return Waiting("side-events", count, text, tuple(places))


def funding_to_decide(now) -> Waiting:
    """Funding applications of closed calls that wait for the Executive Committee or the chair."""
    waiting = FundingApplication.objects.filter(
        call=OuterRef("pk"), status__in=(FundingStatus.RECEIVED, FundingStatus.RECOMMENDED)
    )
    calls = list(
        closed_calls(CallKind.FUNDING_SUPPORT, now).filter(Exists(waiting)).annotate(waiting=count_of(waiting))
    )
    count = sum(call.waiting for call in calls)
    text = ngettext(
        "%(count)s funding application waits for a decision.",
        "%(count)s funding applications wait for a decision.",
        count,
    ) % {"count": count}
    places = [
        call_place(
            call,
            "registrations:funding",
            ngettext("%(count)s application", "%(count)s applications", call.waiting) % {"count": call.waiting},
        )
        for call in calls
    ]
    return Waiting("funding", count, text, tuple(places))


def approval_queue() -> tuple[Place, ...]:
    return (Place(label=_("Waiting for approval"), url=reverse("consultations:approvals")),)


def consultations_to_approve() -> Waiting:
    count = Consultation.objects.filter(status=PublicationStatus.SUBMITTED).count()
    text = ngettext(
        "%(count)s consultation waits for your approval.",
        "%(count)s consultations wait for your approval.",
        count,
    ) % {"count": count}
    return Waiting("consultations-to-approve", count, text, approval_queue())


def calls_to_approve() -> Waiting:
    count = OpenCall.objects.filter(status=PublicationStatus.SUBMITTED).count()
    text = ngettext(
        "%(count)s open call waits for your approval.",
        "%(count)s open calls wait for your approval.",
        count,
    ) % {"count": count}
    return Waiting("calls-to-approve", count, text, approval_queue())


def organizations_to_verify() -> Waiting:
    count = Organization.objects.filter(verification=Verification.PENDING).count()
    text = ngettext(
        "%(count)s organization waits for verification.",
        "%(count)s organizations wait for verification.",
        count,
    ) % {"count": count}
    place = Place(label=_("Organizations to verify"), url=reverse("stakeholders:verification-queue"))
    return Waiting("organizations", count, text, (place,))


def submissions_to_moderate() -> Waiting:
    count = WrittenSubmission.objects.filter(status=SubmissionStatus.RECEIVED).count()
    text = ngettext(
        "%(count)s written submission waits for moderation.",
        "%(count)s written submissions wait for moderation.",
        count,
    ) % {"count": count}
    place = Place(label=_("Submissions to moderate"), url=reverse("consultations:submission-moderation"))
    return Waiting("submissions", count, text, (place,))


def workspace_place(consultation, label: str = "") -> Place:
    url = reverse("consultations:manage-consultation", kwargs={"slug": consultation.slug})
    return Place(label=label or str(consultation), url=url, context=str(consultation) if label else "")


def returned_to(person) -> list[Waiting]:
    """A focal point's consultations and calls that the secretariat returned with a comment."""
    mine = managed_consultations(person).values("pk")
    returned = PublicationStatus.RETURNED
    consultations = list(Consultation.objects.filter(pk__in=mine, status=returned).order_by("starts_at", "pk"))
    calls = list(
        OpenCall.objects.filter(consultation__in=mine, status=returned)
        .select_related("consultation")
        .order_by("closes_at", "pk")
    )
    return [
        Waiting(
            "consultations-returned",
            len(consultations),
            ngettext(
                "%(count)s consultation came back to you with a comment from the secretariat.",
                "%(count)s consultations came back to you with a comment from the secretariat.",
                len(consultations),
            )
            % {"count": len(consultations)},
            tuple(workspace_place(consultation) for consultation in consultations),
        ),
        Waiting(
            "calls-returned",
            len(calls),
            ngettext(
                "%(count)s open call came back to you with a comment from the secretariat.",
                "%(count)s open calls came back to you with a comment from the secretariat.",
                len(calls),
            )
            % {"count": len(calls)},
            tuple(workspace_place(call.consultation, label=str(call)) for call in calls),
        ),
    ]


def summaries_to_write(person, now, *, everywhere: bool) -> Waiting:
    """Published consultations that have ended without a published summary: every one for the
    secretariat, those the person is the rapporteur of for anyone else."""
    published_summary = Summary.objects.filter(consultation=OuterRef("pk"), published_at__isnull=False)
    consultations = Consultation.objects.filter(status=PUBLISHED, ends_at__lt=now).exclude(Exists(published_summary))
    if not everywhere:
        consultations = consultations.filter(rapporteur=person)
    consultations = list(consultations.order_by("ends_at", "pk"))
    text = ngettext(
        "%(count)s consultation has ended and waits for its summary.",
        "%(count)s consultations have ended and wait for their summary.",
        len(consultations),
    ) % {"count": len(consultations)}
    places = [
        Place(
            label=str(consultation),
            url=reverse("consultations:summary-edit", kwargs={"slug": consultation.slug}),
            detail=_("ended %(date)s")
            % {"date": date_format(consultation.local(consultation.ends_at), "SHORT_DATE_FORMAT")},
        )
        for consultation in consultations
    ]
    return Waiting("summaries", len(consultations), text, tuple(places))

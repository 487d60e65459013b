"""Reads of consultations and calls for the public pages."""

import copy

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import ngettext
from modeltranslation.translator import translator

from consultations.enums import CallState, Provenance, PublicationStatus, SubmissionStatus
from consultations.models import (
    SUBMITTABLE,
    CallSubscription,
    Consultation,
    OpenCall,
    Session,
    SessionMaterial,
    SpeakerSlot,
    Summary,
    WrittenSubmission,
)
from consultations.rules import commissions_covered
from portal.languages import direction
from portal.personal_data import address_in, addresses_of
from stakeholders.geography import placement_of
from stakeholders.models import Organization, in_every_language, in_language
from stakeholders.queries import focal_point_countries
from stakeholders.rules import is_secretariat

PUBLISHED = PublicationStatus.PUBLISHED


# What the calls list and the feed show: every language of the texts, for the fallback and the
# languages a call exists in; the other columns would only add to a long list's time (0.7 ms of 20 calls).
PUBLIC_CALL_FIELDS = (
    "kind",
    "opens_at",
    "closes_at",
    "published_at",
    *in_every_language("title", "text"),
    # Which language version is the original: the one shown when the visitor's is missing.
    "provenance",
    "consultation",
    "consultation__provenance",
    "consultation__slug",
    "consultation__time_zone",
    *(f"consultation__{field}" for field in in_every_language("title")),
)


def published_calls():
    """Published calls of published consultations, open, upcoming or closed, soonest deadline first."""
    return (
        OpenCall.objects.filter(status=PUBLISHED, consultation__status=PUBLISHED)
        .select_related("consultation")
        .only(*PUBLIC_CALL_FIELDS)
        .order_by("closes_at", "pk")
    )


def public_calls(*, now=None):
    """Published calls of published consultations that have not closed yet, soonest deadline first."""
    return published_calls().filter(closes_at__gt=now or timezone.now())


def published_consultations():
    """Published consultations, light enough for a long list, each saying whether it has a public summary."""
    has_summary = Exists(Summary.objects.filter(consultation=OuterRef("pk"), published_at__isnull=False))
    return (
        Consultation.objects.filter(status=PUBLISHED)
        .defer(*in_every_language("description", "accessibility"))
        .annotate(has_summary=has_summary)
    )


def upcoming_consultations(*, now=None):
    return published_consultations().filter(ends_at__gte=now or timezone.now()).order_by("starts_at")


def past_consultations(*, now=None):
    return published_consultations().filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


def public_consultation(slug):
    return consultation_page(slug)


def public_session(slug, pk):
    """A session of a published consultation, with its consultation."""
    return Session.objects.select_related("consultation").get(
        pk=pk, consultation__slug=slug, consultation__status=PUBLISHED
    )


def consultation_page(slug, *, published_only=True):
    """A consultation with its programme and calls; a preview (not published only) shows drafts too."""
    consultations, calls = Consultation.objects.all(), OpenCall.objects.all()
    slot_count = Subquery(
        SpeakerSlot.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    if published_only:
        consultations, calls = consultations.filter(status=PUBLISHED), calls.filter(status=PUBLISHED)
    return consultations.prefetch_related(
        # A subquery counts the slots: grouping by every translated column of a session costs more.
        Prefetch("sessions", Session.objects.annotate(slot_count=slot_count).order_by("starts_at")),
        Prefetch("calls", calls.order_by("closes_at")),
        "languages",
        "interpretation",
        # Only what str(organization) reads; every column of an organization would double this query.
        Prefetch("co_organizers", Organization.objects.only(*in_every_language("name", "acronym"))),
    ).get(slug=slug)


# A consultation's calls on its page: those one can answer now, then those still to open, then the
# closed ones; each group by deadline, as the page's query orders them.
CALL_STATE_ORDER = (CallState.OPEN, CallState.UPCOMING, CallState.CLOSED)


def in_page_order(calls, *, now) -> list:
    return sorted(calls, key=lambda call: CALL_STATE_ORDER.index(call.state_at(now)))


def languages_of(item, field: str) -> list[str]:
    """The interface languages a translated text exists in, in the portal's order."""
    return [code for code, _name in settings.LANGUAGES if getattr(item, in_language(field, code))]


def text_versions(item, field: str) -> list[dict]:
    """Each language a text exists in, with where that version comes from (original, translation...)."""
    provenance = getattr(item, "provenance", None) or {}
    return [
        {
            "code": code,
            "provenance": Provenance(provenance[code]) if provenance.get(code) in Provenance.values else None,
        }
        for code in languages_of(item, field)
    ]


def shown_version(versions: list[dict], language: str) -> dict | None:
    """The version a visitor reads: their own language's, else the first of the fallback order."""
    by_code = {version["code"]: version for version in versions}
    for code in (language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if code in by_code:
            return by_code[code]
    return None


# The texts that make up each object, its main one first: an object exists in a language when all of
# them that it has at all are there; failing that, the languages with its main text are next best.
TEXTS_OF = {
    Consultation: ("title", "description"),
    OpenCall: ("text", "title"),
    Session: ("title", "description"),
    Summary: ("body",),
}


def texts_of(item) -> tuple[str, ...]:
    return TEXTS_OF[type(item)]


def display_languages(item, fields: tuple[str, ...] | None = None) -> list[str]:
    """The languages an object may be shown in, best first: those holding all its texts (else those
    holding its main text), the original first (per its provenance marks), then the fallback order."""
    fields = fields or texts_of(item)
    # What a light query left out (a list's cards) is not read back one object at a time.
    deferred = item.get_deferred_fields()
    fields = tuple(field for field in fields if in_language(field, settings.LANGUAGE_CODE) not in deferred) or fields
    present = {
        code: {field for field in fields if getattr(item, in_language(field, code))} for code, _n in settings.LANGUAGES
    }
    wanted = set().union(*present.values())
    complete = [code for code, found in present.items() if found and found == wanted]
    candidates = complete or [code for code, found in present.items() if fields[0] in found]
    provenance = getattr(item, "provenance", None) or {}
    order = list(settings.MODELTRANSLATION_FALLBACK_LANGUAGES)

    def rank(code):
        return (provenance.get(code) != Provenance.ORIGINAL, order.index(code) if code in order else len(order))

    return sorted(candidates, key=rank)


def display_language(item, wanted: str, fields: tuple[str, ...] | None = None) -> str:
    """THE one language an object is shown in, on pages and in notices alike: the wanted one if the
    object exists in it, else its original, else the first available. Never a title from one
    language over a body from another."""
    languages = display_languages(item, fields)
    if wanted in languages or not languages:
        return wanted
    return languages[0]


def in_one_language(item, wanted: str, fields: tuple[str, ...] | None = None):
    """A copy of the object whose translated texts all read in its display language, whatever the
    active language and modeltranslation's field-by-field fallback, with that language's code
    (shown_language) and direction (shown_direction) for the lang and dir of its element. Only for
    showing: the copy is never saved."""
    if item is None or getattr(item, "shown_language", None):
        return item
    language = display_language(item, wanted, fields)
    shown = copy.copy(item)
    shown._state = copy.copy(item._state)
    for field in translator.get_options_for_model(type(item)).fields:
        column = in_language(field, language)
        if column in item.get_deferred_fields():
            continue
        value = getattr(item, column)
        for code, _name in settings.LANGUAGES:
            shown.__dict__[in_language(field, code)] = value
    shown.shown_language, shown.shown_direction = language, direction(language)
    shown.shown_in_fallback = language != wanted
    return shown


def with_text_in(language: str) -> Q:
    column = in_language("text", language)
    return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})


def published_summaries():
    """Published summaries of published consultations."""
    return Summary.objects.filter(published_at__isnull=False, consultation__status=PUBLISHED)


def published_summary(consultation):
    return (
        published_summaries()
        .filter(consultation=consultation)
        .select_related("written_by")
        # The page shows the author's display name only, and the titles of the submissions drawn on.
        .only("consultation", "published_at", *in_every_language("body"), "written_by", "written_by__display_name")
        .prefetch_related(
            Prefetch("submissions", WrittenSubmission.objects.filter(status=SubmissionStatus.PUBLISHED).only("title"))
        )
        .first()
    )


def managed_consultations(user):
    """What a person may draft and follow: everything for the secretariat, their own places for a focal point."""
    consultations = Consultation.objects.annotate(call_count=Count("calls")).order_by("-starts_at")
    if is_secretariat(user):
        return consultations
    countries = focal_point_countries(user)
    return consultations.filter(Q(country__in=countries) | Q(country="", commission__in=commissions_covered(countries)))


def call_page(pk, *, published_only=True):
    """One call with its consultation; the public sees it once both are published, a preview at any time."""
    calls = OpenCall.objects.select_related("consultation").prefetch_related("eligibility")
    if published_only:
        calls = calls.filter(status=PUBLISHED, consultation__status=PUBLISHED)
    return calls.get(pk=pk)


def summary_of(consultation):
    return Summary.objects.filter(consultation=consultation).first()


def awaiting_approval():
    """What focal points submitted and the secretariat has yet to decide, oldest first: each
    consultation with its submitted calls (`submitted_calls`), then the calls of consultations that
    are not waiting themselves."""
    submitted = PublicationStatus.SUBMITTED
    calls = OpenCall.objects.filter(status=submitted).order_by("submitted_at", "pk")
    return {
        "consultations": Consultation.objects.filter(status=submitted)
        .order_by("submitted_at")
        .prefetch_related(Prefetch("calls", calls, to_attr="submitted_calls")),
        "calls": calls.exclude(consultation__status=submitted).select_related("consultation"),
    }


def submitted_calls_of(consultation):
    """The calls the secretariat may decide with their consultation."""
    return OpenCall.objects.filter(consultation=consultation, status=PublicationStatus.SUBMITTED).order_by(
        "submitted_at", "pk"
    )


def calls_to_submit(consultation):
    """The calls a focal point hands over with their consultation: drafts and returned ones."""
    return OpenCall.objects.filter(consultation=consultation, status__in=SUBMITTABLE).order_by("opens_at", "pk")


def submissions():
    return WrittenSubmission.objects.select_related("call__consultation", "organization", "author")


def submissions_of(person):
    """A person's own written submissions, newest first."""
    return submissions().filter(author=person).order_by("-submitted_at")


def submissions_to_moderate():
    """Received submissions waiting for the secretariat's decision, oldest first."""
    return submissions().filter(status=SubmissionStatus.RECEIVED).order_by("submitted_at")


def submissions_published_to_published_calls():
    return WrittenSubmission.objects.filter(status=SubmissionStatus.PUBLISHED, call__status=PUBLISHED)


def public_submissions():
    """Published submissions to published calls of published consultations: what anyone may read."""
    return submissions_published_to_published_calls().filter(call__consultation__status=PUBLISHED)


def published_submissions(consultation):
    """The published submissions to a consultation's published calls, for its public page."""
    return (
        submissions_published_to_published_calls()
        .filter(call__consultation=consultation)
        # What the page and the summary form show: no call, and of the organization only its name.
        .select_related("organization")
        .only(
            "title",
            "language",
            "document",
            "submitted_at",
            "organization",
            *(f"organization__{field}" for field in in_every_language("name", "acronym")),
        )
        .order_by("submitted_at")
    )


def submissions_export(person) -> list[dict]:
    """A person's written submissions, for their own data page and download."""
    return [
        {
            "call": str(submission.call),
            "title": submission.title,
            "text": submission.text,
            "document": submission.document.name.rsplit("/", 1)[-1] if submission.document else None,
            "language": submission.language,
            "may_publish": submission.may_publish,
            "status": submission.status,
            "submitted_at": submission.submitted_at.isoformat(),
        }
        for submission in submissions_of(person)
    ]


def subscriptions_of(person, addresses):
    """The person's subscriptions to calls: made while signed in, or by any address they had."""
    return CallSubscription.objects.filter(Q(person=person) | address_in("email", addresses))


def subscriptions_export(person) -> list[dict]:
    """A person's subscriptions to calls, for their own data page and download."""
    return [
        {
            "email": subscription.email,
            "language": subscription.language,
            "time_zone": subscription.time_zone,
            "regions": subscription.commissions,
            "categories": subscription.categories,
            "objectives": subscription.objectives,
            "content_languages": subscription.content_languages,
            "frequency": subscription.frequency,
            "subscribed_at": subscription.created_at.isoformat(),
            "confirmed_at": subscription.confirmed_at.isoformat() if subscription.confirmed_at else None,
            "ended_at": subscription.ended_at.isoformat() if subscription.ended_at else None,
        }
        for subscription in subscriptions_of(person, addresses_of(person)).order_by("created_at")
    ]


def subscriptions_ended_by_account_deletion(person) -> list[str]:
    """What deleting the account would end among the subscriptions to calls (services.erase_subscriptions_of)."""
    active = subscriptions_of(person, addresses_of(person)).filter(confirmed_at__isnull=False, ended_at__isnull=True)
    count = active.count()
    if not count:
        return []
    return [
        ngettext(
            "Your subscription to news of open calls: ended, and no more e-mails about new calls.",
            "Your %(count)s subscriptions to news of open calls: ended, and no more e-mails about new calls.",
            count,
        )
        % {"count": count}
    ]


def regions_of(consultation) -> set[str]:
    """The regional commissions a consultation concerns: its own, or those of its country."""
    if consultation.commission:
        return {consultation.commission}
    placement = placement_of(consultation.country.code) if consultation.country else None
    return set(placement.commissions) if placement else set()


def calls_published_between(start, end):
    return (
        OpenCall.objects.filter(
            status=PUBLISHED, consultation__status=PUBLISHED, published_at__gte=start, published_at__lt=end
        )
        .select_related("consultation")
        .prefetch_related("eligibility", "objectives")
        .order_by("closes_at")
    )


def materials_of(consultation):
    """Every document and link of a consultation, for its organizers: the whole consultation's first,
    then each session's in the order of the programme."""
    return (
        SessionMaterial.objects.filter(consultation=consultation)
        .select_related("session")
        .order_by(F("session__starts_at").asc(nulls_first=True), "added_at", "pk")
    )

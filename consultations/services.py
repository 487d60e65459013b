"""Publishing consultations and open calls: a focal point drafts and submits, the secretariat publishes."""

import uuid
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.translator import translator

from activity.services import record
from consultations import notices as call_notices
from consultations import queries
from consultations.enums import CallKind, CallState, Provenance, PublicationStatus, SubmissionStatus
from consultations.models import (
    SUBMITTABLE,
    CallEligibility,
    CallSubscription,
    Consultation,
    OpenCall,
    SessionMaterial,
    Summary,
    WrittenSubmission,
    advance_notice,
)
from consultations.signals import seats_changed
from consultations.states import set_publication_status, set_submission_status, set_summary_published_at
from portal import notices
from portal.l10n import zone_label
from portal.notices import Recipient
from stakeholders.models import Profile, in_every_language, in_language
from stakeholders.queries import has_verified_email, time_zone_of
from stakeholders.services import check_may_act_for

SEAT_FIELDS = ("modality", "capacity_in_person", "capacity_online")


def check_call_can_be_published(call: OpenCall, *, at) -> None:
    """The rules of an open call: a valid window, a text in some language, sufficient advance notice
    (from publication to closing) unless the secretariat recorded why it is shorter."""
    errors = []
    if call.closes_at <= at:
        errors.append(_("The call closes before it would be published."))
    if not any(getattr(call, column) for column in in_every_language("text")):
        errors.append(_("The call has no text in any language."))
    if needs_short_notice_reason(call, at=at) and not call.short_notice_reason.strip():
        days = advance_notice().days
        errors.append(
            ngettext(
                "The call must stay open at least %(days)s day after publication, "
                "or the secretariat must record why not.",
                "The call must stay open at least %(days)s days after publication, "
                "or the secretariat must record why not.",
                days,
            )
            % {"days": days}
        )
    if errors:
        raise ValidationError(errors)


def needs_short_notice_reason(call: OpenCall, *, at) -> bool:
    return call.closes_at - max(at, call.opens_at) < advance_notice()


@transaction.atomic
def submit_for_approval(item: Consultation | OpenCall, *, by) -> None:
    """A focal point hands a draft to the secretariat. A call must already have a window that lies
    ahead; a short notice is the secretariat's to accept, with its reason, when it publishes."""
    if not item.can_be_submitted:
        raise ValidationError(_("Only a draft or a returned item can be submitted."))
    if isinstance(item, OpenCall) and item.closes_at <= timezone.now():
        raise ValidationError(_("The call closes before it would be published."))
    item.submitted_at = timezone.now()
    set_publication_status(item, PublicationStatus.SUBMITTED, by=by, also=["submitted_at"])


@transaction.atomic
def submit_with_calls(consultation: Consultation, *, by) -> list[OpenCall]:
    """A focal point hands the consultation and each of its draft or returned calls to the
    secretariat in one step. Each is still decided on its own, or with the others; when one of them
    cannot be submitted, none is."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if by is None or not by.has_perm("consultations.change_consultation", consultation):
        raise PermissionDenied(_("Only the secretariat or a focal point of this consultation submits it."))
    calls = list(
        OpenCall.objects.select_for_update()
        .filter(consultation=consultation, status__in=SUBMITTABLE)
        .order_by("opens_at", "pk")
    )
    submit_for_approval(consultation, by=by)
    problems = []
    for call in calls:
        try:
            submit_for_approval(call, by=by)
        except ValidationError as error:
            problems += [_("%(call)s: %(problem)s") % {"call": call, "problem": problem} for problem in error.messages]
    if problems:
        raise ValidationError(problems)
    return calls


@transaction.atomic
def decide_with_calls(
    consultation: Consultation,
    *,
    by,
    publish: bool,
    calls=(),
    comment: str = "",
    short_notice_reasons: dict | None = None,
) -> None:
    """The secretariat publishes a consultation with some of its submitted calls, or returns them
    with one comment, in one decision. Each item changes through its own writer and has its own row
    in the log; a call whose notice is short needs its own reason (`short_notice_reasons`, by call
    id). When one item cannot be published, none is: the error names the call (ValidationError keyed
    by call id, or without a key for the consultation)."""
    if by is None or not by.has_perm("consultations.publish"):
        raise PermissionDenied(_("Only the secretariat publishes or returns consultations and calls."))
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    calls = list(OpenCall.objects.select_for_update().filter(pk__in=[call.pk for call in calls]).order_by("pk"))
    if any(call.consultation_id != consultation.pk or call.status != PublicationStatus.SUBMITTED for call in calls):
        raise ValidationError(_("Only the submitted calls of this consultation can be decided with it."))
    if not publish:
        return_with_comment(consultation, by=by, comment=comment)
        for call in calls:
            return_with_comment(call, by=by, comment=comment)
        return
    publish_consultation(consultation, by=by)
    reasons, problems = short_notice_reasons or {}, {}
    for call in calls:
        call.consultation = consultation  # published a moment ago, in this transaction
        try:
            publish_call(call, by=by, short_notice_reason=(reasons.get(call.pk) or "").strip() or None)
        except ValidationError as error:
            problems[call.pk] = error.messages
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def return_with_comment(item: Consultation | OpenCall, *, by, comment: str) -> None:
    if not comment.strip():
        raise ValidationError(_("Say what must change before it can be published."))
    item.return_comment = comment
    set_publication_status(item, PublicationStatus.RETURNED, by=by, note=comment, also=["return_comment"])


@transaction.atomic
def publish_call(call: OpenCall, *, by, short_notice_reason: str | None = None) -> OpenCall:
    """The secretariat publishes a call; a shorter notice than the rule needs its reason on record."""
    if not call.can_be_published:
        raise ValidationError(_("This call cannot be published from its present state."))
    if short_notice_reason is not None:
        call.short_notice_reason = short_notice_reason
    now = timezone.now()
    check_call_can_be_published(call, at=now)
    if not call.consultation.is_published:
        raise ValidationError(_("Publish the consultation before its calls."))
    call.published_at = now
    # The reason is the note only when it was needed: a reason given for a long notice explains nothing.
    note = call.short_notice_reason if needs_short_notice_reason(call, at=now) else ""
    set_publication_status(
        call, PublicationStatus.PUBLISHED, by=by, note=note, also=["published_at", "short_notice_reason"]
    )
    call_notices.queue_call_published(call)
    return call


@transaction.atomic
def publish_consultation(consultation: Consultation, *, by) -> Consultation:
    if not consultation.can_be_published:
        raise ValidationError(_("This consultation cannot be published from its present state."))
    consultation.published_at = timezone.now()
    set_publication_status(consultation, PublicationStatus.PUBLISHED, by=by, also=["published_at"])
    return consultation


def _record_new_draft(item: Consultation | OpenCall, *, by) -> None:
    """A new consultation or call enters the log as a draft, by whoever wrote it."""
    record(item, by=by, field="status", before="", after=PublicationStatus.DRAFT)


# Provenance: which language version is the original, and which translations still match it.


def translated_fields(model) -> tuple[str, ...]:
    return tuple(translator.get_options_for_model(model).fields)


def texts_by_language(item, fields) -> dict[str, tuple[str, ...]]:
    """Each language's version of an item's texts, as one tuple per language ("" where missing)."""
    return {code: tuple(getattr(item, in_language(f, code)) or "" for f in fields) for code, _ in settings.LANGUAGES}


def next_provenance(*, before: dict, after: dict, previous: dict, chosen: dict) -> dict:
    """The provenance of each language version after an edit.

    `chosen` is what the editor said of each version. When an original version changed, every
    translation that did not change with it, and whose mark the editor left as it was, needs review.
    """
    original_changed = any(
        chosen.get(code) == Provenance.ORIGINAL and before.get(code) != texts for code, texts in after.items()
    )
    result = {}
    for code, texts in after.items():
        if not any(texts):
            continue
        mark = chosen.get(code) or previous.get(code) or Provenance.ORIGINAL
        reaffirmed = mark != previous.get(code)
        untouched = before.get(code) == texts
        if original_changed and untouched and not reaffirmed and mark in (Provenance.MACHINE, Provenance.CHECKED):
            mark = Provenance.NEEDS_REVIEW
        result[code] = str(mark)
    return result


def _save_translated(item, *, data: dict, provenance: dict, fields=None):
    """Save an item's fields and texts, carrying the provenance of each language version forward."""
    fields = fields or translated_fields(type(item))
    # Read what was stored: a model form has already copied the new texts onto the item.
    stored = type(item).objects.filter(pk=item.pk).first() if item.pk else None
    before = texts_by_language(stored, fields) if stored else {}
    for name, value in data.items():
        setattr(item, name, value)
    after = texts_by_language(item, fields)
    item.provenance = next_provenance(before=before, after=after, previous=item.provenance or {}, chosen=provenance)
    item.save()
    return item


def unique_consultation_slug(consultation: Consultation) -> str:
    base = slugify(str(consultation.title or next(filter(None, texts_by_language(consultation, ["title"]).values()))))
    base = base[:70] or "consultation"
    if base == "new":  # the address of the form that creates one
        base = "new-consultation"
    slug, suffix = base, 2
    while Consultation.objects.filter(slug=slug).exclude(pk=consultation.pk).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def save_consultation(consultation: Consultation, *, by, data: dict, provenance: dict) -> Consultation:
    """A focal point or the secretariat drafts or edits a consultation; a new one starts as a draft."""
    data = dict(data)
    relations = {name: data.pop(name) for name in ("languages", "interpretation", "co_organizers") if name in data}
    is_new = consultation.pk is None
    if is_new:
        consultation.created_by = by
        consultation.status = PublicationStatus.DRAFT
    seats_before = Consultation.objects.filter(pk=consultation.pk).values_list(*SEAT_FIELDS).first()
    _save_translated(consultation, data=data, provenance=provenance)
    if not consultation.slug:
        consultation.slug = unique_consultation_slug(consultation)
        consultation.save(update_fields=["slug"])
    if is_new:
        _record_new_draft(consultation, by=by)
    if seats_before and seats_before != tuple(getattr(consultation, name) for name in SEAT_FIELDS):
        # In this transaction: registrations promote under the consultation's row lock, or not at all.
        seats_changed.send(sender=Consultation, consultation=consultation, by=by)
    for name, values in relations.items():
        getattr(consultation, name).set(values)
    return consultation


@transaction.atomic
def save_call(call: OpenCall, *, by, data: dict, provenance: dict, categories=(), commissions=()) -> OpenCall:
    """A focal point or the secretariat drafts or edits a call, with who it is for (nobody named: everyone)."""
    is_new = call.pk is None
    if is_new:
        call.created_by = by
        call.status = PublicationStatus.DRAFT
    deadline_before = OpenCall.objects.filter(pk=call.pk).values_list("closes_at", flat=True).first()
    data = dict(data)
    objectives = data.pop("objectives", None)
    _save_translated(call, data=data, provenance=provenance)
    if is_new:
        _record_new_draft(call, by=by)
    if objectives is not None:
        call.objectives.set(objectives)
    if call.is_published and deadline_before not in (None, call.closes_at):
        call_notices.reschedule_call_reminders(call)
    call.eligibility.all().delete()
    CallEligibility.objects.bulk_create(
        [CallEligibility(call=call, category=category) for category in categories]
        + [CallEligibility(call=call, commission=commission) for commission in commissions]
    )
    return call


@transaction.atomic
def save_summary(consultation: Consultation, *, by, data: dict, provenance: dict, publish: bool) -> Summary:
    """The secretariat or the rapporteur writes the summary; publishing it makes it public, once the
    consultation has ended (a summary says what was said)."""
    if by is None or not by.has_perm("consultations.write_summary", consultation):
        raise PermissionDenied(_("Only the secretariat or the consultation's rapporteur writes its summary."))
    if publish and not consultation.has_ended_at(timezone.now()):
        ends = formats.date_format(consultation.local(consultation.ends_at), "DATETIME_FORMAT")
        raise ValidationError(
            _("The summary can be published once the consultation has ended, after %(end)s (%(zone)s).")
            % {"end": ends, "zone": zone_label(consultation.time_zone, consultation.ends_at)},
            code="not_ended",
        )
    data = dict(data)
    submissions = data.pop("submissions", None)
    summary = Summary.objects.filter(consultation=consultation).first() or Summary(consultation=consultation)
    summary.written_by = by
    _save_translated(summary, data=data, provenance=provenance)
    published_at = (summary.published_at or timezone.now()) if publish else None
    set_summary_published_at(summary, published_at, by=by)
    if submissions is not None:
        summary.submissions.set(submissions)
    return summary


# Written submissions: a stakeholder sends one to an open call; the secretariat publishes it, with consent.


def check_call_is_open(call: OpenCall, *, kind, at=None) -> None:
    """Whether a call takes an answer of this kind (a registration, an expression of interest, a
    written submission...) now: the call and its consultation are published, and the moment lies in
    the call's window. Judged by the server's clock (`at` defaults to now) when the answer arrives,
    whenever its form was opened."""
    if call.kind != kind:
        raise ValidationError(_("This call does not take this kind of answer."), code="wrong_kind")
    if not (call.is_published and call.consultation.is_published):
        raise ValidationError(_("This call is not published."), code="not_published")
    state = call.state_at(at or timezone.now())
    if state == CallState.UPCOMING:
        raise ValidationError(_("This call is not open yet; come back when it opens."), code="upcoming")
    if state == CallState.CLOSED:
        raise ValidationError(
            _("This call closed before your answer arrived; it can no longer be accepted."), code="closed"
        )


@transaction.atomic
def send_written_submission(
    call: OpenCall,
    *,
    by,
    title: str,
    language: str,
    text: str = "",
    document=None,
    may_publish: bool = False,
    organization=None,
) -> WrittenSubmission:
    """A signed-in person sends text, a PDF or both, alone or for an organization they administer."""
    check_call_is_open(call, kind=CallKind.WRITTEN_SUBMISSION)
    text = text.strip()
    if not text and not document:
        raise ValidationError(_("Write your submission in the text box, attach it as a PDF, or both."))
    check_may_act_for(by, organization)
    submission = WrittenSubmission(
        call=call,
        author=by,
        organization=organization,
        title=title,
        text=text,
        language=language,
        may_publish=may_publish,
    )
    if document:
        submission.document = document
    submission.save()
    return submission


@transaction.atomic
def moderate_submission(submission: WrittenSubmission, *, by, publish: bool) -> WrittenSubmission:
    """The secretariat publishes a submission (only with its author's consent) or decides not to."""
    submission = WrittenSubmission.objects.select_for_update().get(pk=submission.pk)
    if publish and not submission.may_publish:
        raise ValidationError(_("The author did not agree to publication, so this submission cannot be published."))
    submission.moderated_by = by
    submission.moderated_at = timezone.now()
    status = SubmissionStatus.PUBLISHED if publish else SubmissionStatus.NOT_PUBLISHED
    set_submission_status(submission, status, by=by, also=["moderated_by", "moderated_at"])
    return submission


def erase_submissions_of(person, *, addresses=()) -> None:
    """On account deletion: what was never published goes, with its file once the deletion commits;
    what was published with consent stays public, no longer tied to the person."""
    mine = WrittenSubmission.objects.filter(author=person)
    for submission in mine.exclude(status=SubmissionStatus.PUBLISHED).exclude(document=""):
        storage, name = submission.document.storage, submission.document.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    mine.exclude(status=SubmissionStatus.PUBLISHED).delete()
    mine.update(author=None)


class Subscribing(NamedTuple):
    subscription: CallSubscription
    link_sent: bool  # False: confirmed at once, or an earlier link to the address still waits


@transaction.atomic
def subscribe_to_calls(*, email: str, person=None, language: str, choices: dict, frequency: str) -> Subscribing:
    """A visitor or stakeholder asks to hear of calls; a confirmation e-mail goes to the address
    (double opt-in), unless it is the signed-in person's own verified address.

    An address has one request waiting for confirmation: asking again within
    CONFIRMATION_RESEND_AFTER of it changes its choices and mails nothing; later, a new request with
    a new link replaces it (the earlier link no longer works)."""
    email = email.lower()
    fields = {
        "person": person,
        "language": language,
        "time_zone": time_zone_of(person) if person else "",
        "frequency": frequency,
        **{name: list(choices.get(name) or []) for name in call_notices.MATCHED_FIELDS},
    }
    if person is not None and has_verified_email(person, email):
        subscription = CallSubscription.objects.create(email=email, confirmed_at=timezone.now(), **fields)
        return Subscribing(subscription, link_sent=False)
    waiting = _waiting_subscription(email)
    if waiting is not None and timezone.now() < waiting.may_send_link_again_at():
        return Subscribing(_change_choices(waiting, fields), link_sent=False)
    if waiting is not None:
        waiting.ended_at = timezone.now()
        waiting.save(update_fields=["ended_at"])
    try:
        with transaction.atomic():
            subscription = CallSubscription.objects.create(email=email, **fields)
    except IntegrityError:
        # A request for the same address committed meanwhile (subscription_one_waiting_per_address):
        # it is the one waiting, and its link has just been mailed.
        return Subscribing(_change_choices(_waiting_subscription(email), fields), link_sent=False)
    recipient = Recipient(subscription.email, None, language, subscription.time_zone)
    notices.queue("subscription-confirm", subscription, [recipient])
    return Subscribing(subscription, link_sent=True)


def _waiting_subscription(email: str) -> CallSubscription | None:
    return (
        CallSubscription.objects.select_for_update()
        .filter(email=email, confirmed_at__isnull=True, ended_at__isnull=True)
        .first()
    )


def _change_choices(subscription: CallSubscription, fields: dict) -> CallSubscription:
    if fields["person"] is None:  # an anonymous request does not take the subscription from a person
        fields = {name: value for name, value in fields.items() if name not in ("person", "time_zone")}
    for name, value in fields.items():
        setattr(subscription, name, value)
    subscription.save(update_fields=list(fields))
    return subscription


@transaction.atomic
def confirm_subscription(token) -> CallSubscription | None:
    subscription = CallSubscription.objects.select_for_update().filter(token=token, ended_at__isnull=True).first()
    if subscription is not None and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def end_call_subscriptions(email: str) -> None:
    """Unsubscribing from calls: every subscription of the address ends, and a person with that
    address stops getting call notices."""
    CallSubscription.objects.filter(email=email.lower(), ended_at__isnull=True).update(ended_at=timezone.now())
    Profile.objects.filter(person__email__iexact=email).update(wants_call_notices=False)


notices.register_unsubscribe("calls", end_call_subscriptions)


def erase_subscriptions_of(person, *, addresses) -> None:
    """On account deletion: every subscription of the person or of any of their addresses ends, and
    keeps no address (the deleted account's own, which names nobody), so no call notice follows."""
    queries.subscriptions_of(person, addresses).update(
        ended_at=Coalesce("ended_at", Value(timezone.now())), email=person.deleted_address
    )


# Session materials: documents and links that the organizers attach to the programme


@transaction.atomic
def set_joining(consultation: Consultation, *, by, join_link: str, joining_instructions: str) -> Consultation:
    """The link and instructions to join online. The log says that they changed, not what they are:
    the link stays with the people who may join."""
    if by is None or not by.has_perm("consultations.manage_joining", consultation):
        raise PermissionDenied(
            _("Only the secretariat or a focal point of this consultation gives the joining details.")
        )
    consultation = Consultation.objects.select_for_update().get(
        pk=consultation.pk
    )  # as stored, not as the form left it
    join_link, joining_instructions = join_link.strip(), joining_instructions.strip()
    changed = (consultation.join_link, consultation.joining_instructions) != (join_link, joining_instructions)
    consultation.join_link, consultation.joining_instructions = join_link, joining_instructions
    consultation.save(update_fields=["join_link", "joining_instructions"])
    if changed:
        record(consultation, by=by, field="join_link", note=_("The details to join online changed."))
    return consultation


def check_may_manage_materials(consultation: Consultation, *, by) -> None:
    if by is None or not by.has_perm("consultations.manage_materials", consultation):
        raise PermissionDenied(_("Only the secretariat or a focal point of this consultation manages its materials."))


@transaction.atomic
def add_material(
    consultation: Consultation,
    *,
    by,
    title: str,
    language: str,
    audience: str,
    session=None,
    document=None,
    link: str = "",
) -> SessionMaterial:
    """A PDF or a link, for the whole consultation or one of its sessions, for everyone or for its
    registered participants only. The file is stored under a name of its own: the uploaded name may
    say more than the title."""
    check_may_manage_materials(consultation, by=by)
    link = link.strip()
    errors = {}
    if document and link:
        errors["link"] = _("Give a document or a link, not both.")
    elif not document and not link:
        errors["document"] = _("Attach a PDF document or give a link.")
    if session is not None and session.consultation_id != consultation.pk:
        errors["session"] = _("This session belongs to another consultation.")
    if errors:
        raise ValidationError(errors)
    material = SessionMaterial(
        consultation=consultation,
        session=session,
        title=title.strip(),
        language=language,
        link=link,
        audience=audience,
        added_by=by,
    )
    if document:
        document.name = f"{uuid.uuid4().hex}.pdf"
        material.document = document
    material.save()
    record(material, by=by, field="audience", after=material.audience)
    return material


@transaction.atomic
def remove_material(material: SessionMaterial, *, by) -> None:
    """The material leaves the programme; its file goes once the removal commits."""
    check_may_manage_materials(material.consultation, by=by)
    record(material, by=by, field="audience", before=material.audience, note=_("Removed from the programme."))
    if material.document:
        storage, name = material.document.storage, material.document.name
        transaction.on_commit(lambda: storage.delete(name))
    material.delete()

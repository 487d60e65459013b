import uuid
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.fields import CountryField

from consultations.enums import (
    CallKind,
    CallState,
    ConsultationKind,
    MaterialAudience,
    Modality,
    PublicationStatus,
    SessionFormat,
    SubmissionStatus,
    SubscriptionFrequency,
)
from portal import limits
from portal.validators import validate_time_zone
from stakeholders.enums import Commission, StakeholderCategory
from stakeholders.models import GcmObjective, Language, Organization, in_any_language

# The rule of advance notice: a call stays open at least this long after it is published, unless
# the secretariat records why not. Its one home: the services, forms, templates, demo and tests read
# it through advance_notice(), at the moment they use it.
ADVANCE_NOTICE = timedelta(days=14)


def advance_notice() -> timedelta:
    return ADVANCE_NOTICE


def short_notice_help() -> str:
    days = advance_notice().days
    return ngettext(
        "Needed when the call closes less than %(days)s day after it is published.",
        "Needed when the call closes less than %(days)s days after it is published.",
        days,
    ) % {"days": days}


class ReviewCycle(models.Model):
    """A round of reviews, e.g. the second round of Regional Reviews toward the 2026 IMRF."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="cycle_ends_after_start")]

    def __str__(self):
        return self.name


# What a focal point may hand to the secretariat: a draft, or what came back with a comment.
SUBMITTABLE = (PublicationStatus.DRAFT, PublicationStatus.RETURNED)


class Publishable(models.Model):
    """What a focal point drafts and the secretariat publishes, with each text's provenance per language."""

    status = models.CharField(
        _("status"), max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    return_comment = models.TextField(_("comment from the secretariat"), blank=True, max_length=limits.NOTE)
    # {"en": "original", "fr": "machine", ...}: see consultations.enums.Provenance
    provenance = models.JSONField(_("provenance of each language version"), default=dict, blank=True)

    class Meta:
        abstract = True

    # What templates and services ask of the status, so that none compares it with a literal.
    @property
    def is_draft(self) -> bool:
        return self.status == PublicationStatus.DRAFT

    @property
    def is_returned(self) -> bool:
        return self.status == PublicationStatus.RETURNED

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def can_be_submitted(self) -> bool:
        """A focal point hands a draft, or what came back with a comment, to the secretariat."""
        return self.status in SUBMITTABLE

    @property
    def can_be_published(self) -> bool:
        return self.status in (PublicationStatus.SUBMITTED, PublicationStatus.DRAFT)


class Consultation(Publishable):
    cycle = models.ForeignKey(
        ReviewCycle,
        verbose_name=_("review cycle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices)
    # Texts may exist in any one language; a constraint wants the title in at least one.
    title = models.CharField(_("title"), max_length=200, blank=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=limits.LONG_TEXT)
    commission = models.CharField(_("UN region"), max_length=10, choices=Commission.choices, blank=True)
    country = CountryField(_("country"), blank=True)
    co_organizers = models.ManyToManyField(
        Organization, verbose_name=_("co-organizers"), related_name="co_organized_consultations", blank=True
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    modality = models.CharField(_("modality"), max_length=10, choices=Modality.choices)
    capacity_in_person = models.PositiveIntegerField(_("seats in the room"), null=True, blank=True)
    capacity_online = models.PositiveIntegerField(_("places online"), null=True, blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages of the meeting"), related_name="consultations", blank=True
    )
    interpretation = models.ManyToManyField(
        Language, verbose_name=_("interpretation into"), related_name="interpreted_consultations", blank=True
    )
    accessibility = models.TextField(_("accessibility information"), blank=True, max_length=limits.DESCRIPTION)
    # Shown only to people with a confirmed online place: never on a public page, feed, calendar or API.
    join_link = models.URLField(_("link to join online"), max_length=500, blank=True)
    joining_instructions = models.TextField(
        _("joining instructions"),
        blank=True,
        max_length=2000,
        help_text=_("For example a meeting ID, a passcode, or how to test the connection beforehand."),
    )
    rapporteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stakeholder rapporteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="consultation_ends_after_start"),
            # A room needs a number of seats, an online meeting a number of places.
            models.CheckConstraint(
                condition=Q(modality=Modality.ONLINE) | Q(capacity_in_person__isnull=False),
                name="consultation_in_person_has_capacity",
            ),
            models.CheckConstraint(
                condition=Q(modality=Modality.IN_PERSON) | Q(capacity_online__isnull=False),
                name="consultation_online_has_capacity",
            ),
            models.CheckConstraint(
                condition=~Q(commission="", country=""), name="consultation_has_a_region_or_country"
            ),
            models.CheckConstraint(condition=in_any_language("title"), name="consultation_has_a_title"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:consultation-detail", kwargs={"slug": self.slug})

    @property
    def has_online_places(self) -> bool:
        return self.modality != Modality.IN_PERSON

    def has_ended_at(self, moment) -> bool:
        return self.ends_at <= moment

    @property
    def has_ended(self) -> bool:
        """Over by now: its pages speak of it in the past, and its summary may be published."""
        return self.has_ended_at(timezone.now())

    def local(self, moment):
        """A moment in the consultation's own time zone."""
        return moment.astimezone(zoneinfo.ZoneInfo(self.time_zone))


class Session(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    format = models.CharField(_("format"), max_length=12, choices=SessionFormat.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    description = models.TextField(_("description"), blank=True, max_length=limits.DESCRIPTION)
    criteria = models.TextField(_("agreed criteria for speakers"), blank=True, max_length=limits.DESCRIPTION)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start")]

    def __str__(self):
        return self.title


class SpeakerSlot(models.Model):
    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField(_("position"))
    role = models.CharField(_("role"), max_length=100, blank=True, help_text=_("For example moderator or panellist."))

    class Meta:
        ordering = ["session", "position"]
        verbose_name = _("speaker slot")
        verbose_name_plural = _("speaker slots")
        constraints = [models.UniqueConstraint(fields=["session", "position"], name="speakerslot_unique_position")]

    def __str__(self):
        return f"{self.session} #{self.position}"


class SessionMaterial(models.Model):
    """A document (PDF) or a link that the organizers attach to a session or to the whole consultation."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="materials"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="materials",
        help_text=_("Leave empty for material about the whole consultation."),
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    document = models.FileField(_("document (PDF)"), upload_to="materials/%Y/%m/", blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    audience = models.CharField(
        _("who can see it"), max_length=12, choices=MaterialAudience, default=MaterialAudience.PUBLIC
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["session__starts_at", "added_at"]
        verbose_name = _("session material")
        verbose_name_plural = _("session materials")
        constraints = [
            # A document or a link, never both nor neither.
            models.CheckConstraint(
                condition=(Q(document="") & ~Q(link="")) | (~Q(document="") & Q(link="")),
                name="material_is_a_document_or_a_link",
                violation_error_message=_("Give either a document or a link."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.audience == MaterialAudience.PUBLIC


class OpenCall(Publishable):
    """An open call to stakeholders, inside its window, in the languages it is published in."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="calls"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CallKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("text of the call"), blank=True, max_length=limits.LONG_TEXT)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    max_considered = models.PositiveIntegerField(
        _("expressions of interest considered"),
        null=True,
        blank=True,
        help_text=_("For calls to speak: how many are considered in order of arrival; the rest form a reserve."),
    )
    objectives = models.ManyToManyField(
        GcmObjective,
        verbose_name=_("GCM objectives the call is about"),
        related_name="calls",
        blank=True,
        help_text=_("Subscribers who follow these objectives are told of the call. None: it is about every objective."),
    )
    short_notice_reason = models.TextField(
        _("reason for short notice"),
        blank=True,
        max_length=limits.NOTE,
        # Lazy, so that it follows the rule and a migration sees the same text as long as the rule stands.
        help_text=lazy(short_notice_help, str)(),
    )

    class Meta:
        ordering = ["closes_at"]
        verbose_name = _("open call")
        verbose_name_plural = _("open calls")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_opening"),
            models.CheckConstraint(condition=in_any_language("title"), name="call_has_a_title"),
            models.CheckConstraint(condition=in_any_language("text"), name="call_has_a_text"),
        ]

    def __str__(self):
        return self.title

    def is_open_at(self, moment) -> bool:
        return self.state_at(moment) == CallState.OPEN

    def state_at(self, moment) -> CallState:
        if moment < self.opens_at:
            return CallState.UPCOMING
        return CallState.OPEN if moment < self.closes_at else CallState.CLOSED


class CallEligibility(models.Model):
    """Who a call is for: a stakeholder category, a UN region, or both. No row: everyone."""

    call = models.ForeignKey(
        OpenCall, verbose_name=_("open call"), on_delete=models.CASCADE, related_name="eligibility"
    )
    category = models.CharField(_("category"), max_length=30, choices=StakeholderCategory.choices, blank=True)
    commission = models.CharField(_("UN region"), max_length=10, choices=Commission.choices, blank=True)

    class Meta:
        verbose_name = _("eligibility")
        verbose_name_plural = _("eligibility")
        constraints = [
            models.CheckConstraint(condition=~Q(category="", commission=""), name="eligibility_says_something"),
            models.UniqueConstraint(fields=["call", "category", "commission"], name="eligibility_unique"),
        ]

    def __str__(self):
        return " / ".join(filter(None, [self.get_category_display(), self.get_commission_display()]))


class Summary(models.Model):
    """The published outcome of a consultation, written by the secretariat or the rapporteur, in Markdown."""

    consultation = models.OneToOneField(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="summary"
    )
    body = models.TextField(_("summary (Markdown)"), max_length=limits.SUMMARY)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    provenance = models.JSONField(_("provenance of each language version"), default=dict, blank=True)
    submissions = models.ManyToManyField(
        "WrittenSubmission", verbose_name=_("written submissions drawn on"), related_name="summaries", blank=True
    )

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")

    def __str__(self):
        return str(self.consultation)


class WrittenSubmission(models.Model):
    """Text or a PDF sent to a written-submission call; public only after moderation and with consent."""

    call = models.ForeignKey(
        OpenCall, verbose_name=_("open call"), on_delete=models.PROTECT, related_name="submissions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="written_submissions",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, max_length=limits.LONG_TEXT)
    document = models.FileField(_("document (PDF)"), upload_to="submissions/%Y/%m/", blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    may_publish = models.BooleanField(_("I agree that this submission is published"), default=False)
    status = models.CharField(
        _("status"), max_length=15, choices=SubmissionStatus.choices, default=SubmissionStatus.RECEIVED
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("written submission")
        verbose_name_plural = _("written submissions")
        constraints = [
            models.CheckConstraint(condition=~Q(text="", document=""), name="submission_has_text_or_document"),
            models.CheckConstraint(
                condition=~Q(status=SubmissionStatus.PUBLISHED) | Q(may_publish=True),
                name="submission_published_only_with_consent",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == SubmissionStatus.PUBLISHED


# A request to hear of calls waits for its address to be confirmed; asking again sooner than this
# changes the choices without another e-mail, so that the public form cannot flood a mailbox.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=15)


class CallSubscription(models.Model):
    """Someone, with or without an account, who wants to hear of open calls matching their choices.
    An empty choice means "any". It takes effect once the address is confirmed (double opt-in); an
    address has at most one subscription waiting for that."""

    email = models.EmailField(_("e-mail address"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="call_subscriptions",
    )
    language = models.CharField(_("language of the e-mails"), max_length=10, choices=settings.LANGUAGES)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, validators=[validate_time_zone])
    commissions = models.JSONField(_("UN regions"), default=list, blank=True)
    categories = models.JSONField(_("stakeholder categories"), default=list, blank=True)
    objectives = models.JSONField(_("GCM objectives"), default=list, blank=True)
    content_languages = models.JSONField(_("calls published in"), default=list, blank=True)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=SubscriptionFrequency.choices, default=SubscriptionFrequency.IMMEDIATE
    )
    token = models.UUIDField(_("confirmation key"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscription to calls")
        verbose_name_plural = _("subscriptions to calls")
        indexes = [models.Index(fields=["confirmed_at", "ended_at"], name="subscription_active")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(confirmed_at__isnull=True, ended_at__isnull=True),
                name="subscription_one_waiting_per_address",
            )
        ]

    def __str__(self):
        return self.email

    def may_send_link_again_at(self):
        """When asking again for this address mails a new link; until then it only changes the choices."""
        return self.created_at + CONFIRMATION_RESEND_AFTER

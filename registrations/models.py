"""How stakeholders answer open calls: registrations to attend, expressions of interest to speak,
side-event proposals and funding-support applications."""

from django.conf import settings
from django.core import signing
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from activity.models import Activity
from consultations.enums import Modality
from consultations.models import Consultation, OpenCall, Session
from registrations.enums import (
    AccessNeed,
    Appearance,
    Attendance,
    ChangeReason,
    FundingStatus,
    InterestStatus,
    ProposalProblem,
    ProposalStatus,
    RegistrationStatus,
    RuleDimension,
    SelectionStatus,
)
from stakeholders.models import GcmObjective, Language, Organization

STATEMENT_MAX_LENGTH = 2000
# Funding support is counted in one currency: travel costs, budgets and grants (ISO 4217 code).
FUNDING_CURRENCY = "USD"
RESPOND_SALT = "registrations.selection.respond"


class Answer(models.Model):
    """What every answer to a call shares: who sent it, for whom, when."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE)
    organization = models.ForeignKey(
        Organization, verbose_name=_("on behalf of"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        abstract = True


class Registration(models.Model):
    """A place to attend, confirmed while seats of its kind remain, else on the waiting list in order
    of arrival (the primary key: registrations of a consultation are written one at a time, under a
    lock on the consultation)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="registrations"
    )
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="registrations"
    )
    call = models.ForeignKey(
        OpenCall, verbose_name=_("open call"), on_delete=models.PROTECT, related_name="registrations"
    )
    attendance = models.CharField(_("taking part"), max_length=10, choices=Attendance)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus)
    interpretation = models.ForeignKey(
        Language,
        verbose_name=_("interpretation into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    access_needs = models.JSONField(_("access needs"), default=list, blank=True)
    access_needs_other = models.TextField(_("other access needs"), blank=True, max_length=1000)
    consented_at = models.DateTimeField(_("agreed to the use of the data at"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Asked to take part the other way (there are two: in person and online), keeping the current
    # place meanwhile. The time is the request's place on the other way's waiting list.
    switch_requested_at = models.DateTimeField(_("asked to switch the way of taking part at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "consultation"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="registration_confirmed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(switch_requested_at__isnull=True) | ~Q(status=RegistrationStatus.CANCELLED),
                name="registration_switch_only_while_active",
            ),
        ]
        indexes = [models.Index(fields=["consultation", "attendance", "status"], name="registration_seats")]

    def __str__(self):
        return f"{self.person} → {self.consultation}"

    def activity_label(self) -> str:
        """Named in the activity log without the person's name or address."""
        return f"#{self.pk} · {self.consultation}"

    def access_need_labels(self) -> list[str]:
        return [AccessNeed(value).label for value in self.access_needs if value in AccessNeed.values]

    @property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_in_person(self) -> bool:
        return self.attendance == Attendance.IN_PERSON

    @property
    def is_confirmed_online(self) -> bool:
        """A confirmed online place: the only one that sees the consultation's link to join."""
        return self.status == RegistrationStatus.CONFIRMED and self.attendance == Attendance.ONLINE

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def can_be_cancelled(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED

    @property
    def other_attendance(self) -> Attendance:
        """The other way of taking part, the one a switch asks for."""
        return Attendance.ONLINE if self.attendance == Attendance.IN_PERSON else Attendance.IN_PERSON

    @property
    def wants_to_switch(self) -> bool:
        return self.switch_requested_at is not None

    @property
    def can_switch(self) -> bool:
        """Only a hybrid consultation offers the other way of taking part."""
        return self.can_be_cancelled and self.consultation.modality == Modality.HYBRID

    @property
    def requested_attendance(self) -> Attendance | None:
        """The way of taking part asked for and not yet given, if any."""
        return self.other_attendance if self.wants_to_switch else None


class ExpressionOfInterest(Answer):
    """An offer to speak, numbered by arrival on the server: first come, first counted."""

    call = models.ForeignKey(
        OpenCall, verbose_name=_("open call"), on_delete=models.PROTECT, related_name="expressions_of_interest"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("preferred session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expressions_of_interest",
    )
    statement = models.TextField(_("what you would say"), max_length=STATEMENT_MAX_LENGTH)
    objectives = models.ManyToManyField(GcmObjective, verbose_name=_("GCM objectives"), blank=True)
    arrival = models.PositiveIntegerField(_("arrival number"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=15, choices=InterestStatus, default=InterestStatus.RECEIVED)
    appearance = models.CharField(
        _("how I appear in the public programme"),
        max_length=10,
        choices=Appearance,
        default=Appearance.ANONYMOUS,
    )
    confirm_by = models.DateTimeField(_("confirm by"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["call", "arrival"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(fields=["call", "arrival"], name="interest_unique_arrival"),
            models.UniqueConstraint(
                fields=["call", "person"],
                condition=~Q(status=InterestStatus.WITHDRAWN),
                name="interest_one_active_per_person",
            ),
        ]

    def __str__(self):
        return f"#{self.arrival} {self.person}"

    def activity_label(self) -> str:
        return f"#{self.arrival} · {self.call}"

    def respond_path(self) -> str:
        """The signed address where the selected person confirms or declines, without signing in."""
        token = signing.dumps({"interest": self.pk}, salt=RESPOND_SALT)
        return reverse("registrations:respond", kwargs={"token": token})

    def decline_path(self) -> str:
        """The signed address of the page that asks the selected person to confirm they decline."""
        token = signing.dumps({"interest": self.pk}, salt=RESPOND_SALT)
        return reverse("registrations:decline", kwargs={"token": token})

    @property
    def is_considered(self) -> bool:
        """Within the number the call considers in order of arrival; later ones form the reserve."""
        return self.call.max_considered is None or self.arrival <= self.call.max_considered

    @property
    def can_be_edited(self) -> bool:
        """Only before anyone acted on it (the call's deadline is checked apart)."""
        return self.status == InterestStatus.RECEIVED

    can_be_withdrawn = can_be_edited

    @property
    def is_on_reserve_list(self) -> bool:
        """Received after the number the call considers: waiting to be considered."""
        return self.status == InterestStatus.RECEIVED and not self.is_considered

    @property
    def has_outcome(self) -> bool:
        """The selection went further than receiving it (and the person did not withdraw it)."""
        return self.status not in (InterestStatus.RECEIVED, InterestStatus.WITHDRAWN)

    @property
    def awaits_confirmation(self) -> bool:
        return self.status == InterestStatus.SELECTED

    @property
    def is_confirmed(self) -> bool:
        return self.status == InterestStatus.CONFIRMED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == InterestStatus.WITHDRAWN


class SideEventProposal(Answer):
    call = models.ForeignKey(
        OpenCall, verbose_name=_("open call"), on_delete=models.PROTECT, related_name="side_event_proposals"
    )
    title = models.CharField(_("title of the side event"), max_length=200)
    description = models.TextField(_("what it is about"), max_length=4000)
    co_organizers = models.TextField(_("co-organizers"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus, default=ProposalStatus.RECEIVED)
    decision_note = models.TextField(_("note to the proposers"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Where and when an accepted side event takes place: a room, an online link, or both.
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("room or place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True, max_length=500)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("side-event proposal")
        verbose_name_plural = _("side-event proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True, ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gt=F("starts_at")),
                name="sideevent_ends_after_start",
            ),
            # Only an accepted side event has a time and a place in the programme.
            models.CheckConstraint(
                condition=Q(status=ProposalStatus.ACCEPTED) | Q(starts_at__isnull=True, place="", online_link=""),
                name="sideevent_scheduled_only_when_accepted",
            ),
        ]

    def __str__(self):
        return self.title

    def activity_label(self) -> str:
        return f"#{self.pk} · {self.call}"

    @property
    def can_be_withdrawn(self) -> bool:
        return self.status == ProposalStatus.RECEIVED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ProposalStatus.WITHDRAWN

    @property
    def is_accepted(self) -> bool:
        return self.status == ProposalStatus.ACCEPTED

    @property
    def is_scheduled(self) -> bool:
        return self.is_accepted and self.starts_at is not None

    @property
    def can_be_decided(self) -> bool:
        """The organizers accept or decline it, and may change their decision, unless it was withdrawn."""
        return self.status != ProposalStatus.WITHDRAWN


class FundingApplication(Answer):
    call = models.ForeignKey(
        OpenCall, verbose_name=_("open call"), on_delete=models.PROTECT, related_name="funding_applications"
    )
    travel_cost = models.DecimalField(
        _("estimated travel cost (US dollars)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    justification = models.TextField(_("why you need support"), max_length=4000)
    status = models.CharField(_("status"), max_length=12, choices=FundingStatus, default=FundingStatus.RECEIVED)
    # The two recorded steps: the Executive Committee recommends, then the chair decides.
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recommendation recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recommended_at = models.DateTimeField(_("recommended at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("funding-support application")
        verbose_name_plural = _("funding-support applications")
        constraints = [
            models.CheckConstraint(condition=Q(travel_cost__gte=0), name="funding_cost_not_negative"),
            models.UniqueConstraint(
                fields=["call", "person"],
                condition=~Q(status=FundingStatus.WITHDRAWN),
                name="funding_one_active_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.travel_cost})"

    def activity_label(self) -> str:
        return f"#{self.pk} · {self.call}"

    @property
    def can_be_withdrawn(self) -> bool:
        return self.status == FundingStatus.RECEIVED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == FundingStatus.WITHDRAWN

    @property
    def awaits_recommendation(self) -> bool:
        return self.status == FundingStatus.RECEIVED


class SelectionSettings(models.Model):
    """How the speakers of a call to speak are chosen: how many, how reviews are done, how long the
    selected have to confirm. The rubric and the diversity rules hang from the call as well."""

    call = models.OneToOneField(
        OpenCall, verbose_name=_("open call"), on_delete=models.CASCADE, related_name="selection_settings"
    )
    speakers = models.PositiveSmallIntegerField(_("speakers to select"), validators=[MinValueValidator(1)])
    reserves = models.PositiveSmallIntegerField(_("reserves to keep in order"), default=5)
    one_per_organization = models.BooleanField(_("at most one speaker per organization"), default=True)
    blind_review = models.BooleanField(
        _("blind review"), default=False, help_text=_("Reviewers do not see names and organizations.")
    )
    confirm_within_days = models.PositiveSmallIntegerField(_("days the selected have to confirm"), default=7)
    budget = models.DecimalField(
        _("budget (US dollars)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For funding support: the total the selected applications may cost."),
    )

    class Meta:
        verbose_name = _("selection settings")
        verbose_name_plural = _("selection settings")

    def __str__(self):
        return str(self.call)


class ReviewCriterion(models.Model):
    """One line of the weighted rubric; the weights of a call sum to 100."""

    selection_settings = models.ForeignKey(
        SelectionSettings, verbose_name=_("selection settings"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("criterion"), max_length=120)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1)])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # {"en": "original", "ar": "machine", ...}: see consultations.enums.Provenance; the name is translated
    # (registrations/translation.py), so that reviewers read the rubric in their language.
    provenance = models.JSONField(_("provenance of each language version"), default=dict, blank=True)

    class Meta:
        ordering = ["selection_settings", "position", "pk"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        constraints = [models.CheckConstraint(condition=Q(weight__lte=100), name="criterion_weight_at_most_100")]

    def __str__(self):
        return f"{self.name} ({self.weight})"


class DiversityRule(models.Model):
    """At least and/or at most so many selected speakers with a value of a dimension; an empty value
    means every value (e.g. at most 2 per country)."""

    selection_settings = models.ForeignKey(
        SelectionSettings, verbose_name=_("selection settings"), on_delete=models.CASCADE, related_name="rules"
    )
    dimension = models.CharField(_("counts"), max_length=12, choices=RuleDimension)
    value = models.CharField(_("value"), max_length=40, blank=True)
    minimum = models.PositiveSmallIntegerField(_("at least"), null=True, blank=True)
    maximum = models.PositiveSmallIntegerField(_("at most"), null=True, blank=True)

    class Meta:
        ordering = ["selection_settings", "dimension", "value"]
        verbose_name = _("diversity rule")
        verbose_name_plural = _("diversity rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__isnull=False) | Q(maximum__isnull=False), name="rule_has_a_bound"
            ),
            models.CheckConstraint(
                condition=Q(minimum__isnull=True) | Q(maximum__isnull=True) | Q(maximum__gte=F("minimum")),
                name="rule_bounds_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_dimension_display()} {self.value}: {self.minimum or 0}..{self.maximum or ''}"


class ReviewerAssignment(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="reviewer_assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [models.UniqueConstraint(fields=["consultation", "reviewer"], name="reviewer_assigned_once")]

    def __str__(self):
        return f"{self.reviewer} → {self.consultation}"

    def activity_label(self) -> str:
        """The reviewer by display name, never by e-mail address."""
        return f"{self.reviewer.display_name or f'#{self.reviewer_id}'} → {self.consultation}"


class Review(models.Model):
    """A reviewer's scores (0 to 5 per criterion) of one expression of interest, with a comment."""

    interest = models.ForeignKey(
        ExpressionOfInterest, verbose_name=_("expression of interest"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="reviews"
    )
    scores = models.JSONField(_("scores"), default=dict)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [models.UniqueConstraint(fields=["interest", "reviewer"], name="review_once_per_reviewer")]

    def __str__(self):
        return f"{self.reviewer} → {self.interest}"


class Selection(models.Model):
    """A proposal of speakers and reserves for a call, until published. Its balance report is not stored:
    it is recomputed from the current reviews and rules, so that it follows every override."""

    call = models.ForeignKey(OpenCall, verbose_name=_("open call"), on_delete=models.CASCADE, related_name="selections")
    status = models.CharField(_("status"), max_length=10, choices=SelectionStatus, default=SelectionStatus.PROPOSED)
    selected = models.JSONField(_("selected"), default=list)  # ids of expressions of interest, best first
    reserve = models.JSONField(_("reserve"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_proven_best = models.BooleanField(
        _("proven the best"),
        default=True,
        help_text=_("False when the time limit stopped the engine before it proved this the best selection."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        constraints = [
            models.UniqueConstraint(
                fields=["call"], condition=Q(status=SelectionStatus.PUBLISHED), name="selection_published_once"
            )
        ]

    def __str__(self):
        return str(self.call)

    @property
    def is_published(self) -> bool:
        return self.status == SelectionStatus.PUBLISHED


class ManualChange(models.Model):
    """Why the secretariat changed a selection by hand (`services.selection.swap_speakers`), as a
    category that can be counted in public. The change itself, who made it, who went out and who came
    in, and the written reason (for staff only) are the activity row it belongs to."""

    selection = models.ForeignKey(
        Selection, verbose_name=_("selection"), on_delete=models.CASCADE, related_name="manual_changes"
    )
    activity = models.OneToOneField(
        Activity, verbose_name=_("change in the history"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("reason for the change"), max_length=25, choices=ChangeReason)

    class Meta:
        ordering = ["activity__at", "pk"]
        verbose_name = _("change by hand")
        verbose_name_plural = _("changes by hand")
        constraints = [
            models.CheckConstraint(condition=Q(category__in=ChangeReason.values), name="manual_change_known_category")
        ]

    def __str__(self):
        return f"{self.selection}: {self.get_category_display()}"


class ProposalRequest(models.Model):
    """A proposal of speakers asked for and computed by a worker, outside the web request. The row
    goes when the proposal is kept; it stays with the problem that stopped the engine, if any."""

    call = models.OneToOneField(
        OpenCall, verbose_name=_("open call"), on_delete=models.CASCADE, related_name="proposal_request"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked at"))
    problem = models.CharField(_("problem"), max_length=20, choices=ProposalProblem, blank=True)

    class Meta:
        verbose_name = _("proposal being computed")
        verbose_name_plural = _("proposals being computed")

    def __str__(self):
        return str(self.call)

    @property
    def is_running(self) -> bool:
        return not self.problem

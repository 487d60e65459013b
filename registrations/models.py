"""How stakeholders answer open calls: registrations to attend, expressions of interest to speak,
side-event proposals and funding-support applications."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultations.models import Consultation, OpenCall, Session
from registrations.enums import (
    AccessNeed,
    Attendance,
    FundingStatus,
    InterestStatus,
    ProposalStatus,
    RegistrationStatus,
)
from stakeholders.models import GcmObjective, Language, Organization

STATEMENT_MAX_LENGTH = 2000


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
    access_needs_other = models.TextField(_("other access needs"), blank=True)
    consented_at = models.DateTimeField(_("agreed to the use of the data at"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

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
        ]
        indexes = [models.Index(fields=["consultation", "attendance", "status"], name="registration_seats")]

    def __str__(self):
        return f"{self.person} → {self.consultation}"

    def access_need_labels(self) -> list[str]:
        return [AccessNeed(value).label for value in self.access_needs if value in AccessNeed.values]


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

    @property
    def is_considered(self) -> bool:
        """Within the number the call considers in order of arrival; later ones form the reserve."""
        return self.call.max_considered is None or self.arrival <= self.call.max_considered


class SideEventProposal(Answer):
    call = models.ForeignKey(
        OpenCall, verbose_name=_("open call"), on_delete=models.PROTECT, related_name="side_event_proposals"
    )
    title = models.CharField(_("title of the side event"), max_length=200)
    description = models.TextField(_("what it is about"), max_length=4000)
    co_organizers = models.TextField(_("co-organizers"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus, default=ProposalStatus.RECEIVED)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("side-event proposal")
        verbose_name_plural = _("side-event proposals")

    def __str__(self):
        return self.title


class FundingApplication(Answer):
    call = models.ForeignKey(
        OpenCall, verbose_name=_("open call"), on_delete=models.PROTECT, related_name="funding_applications"
    )
    travel_cost = models.DecimalField(
        _("estimated travel cost (US dollars)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    justification = models.TextField(_("why you need support"), max_length=4000)
    status = models.CharField(_("status"), max_length=12, choices=FundingStatus, default=FundingStatus.RECEIVED)

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

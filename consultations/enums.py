from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ConsultationKind(models.TextChoices):
    MULTI_STAKEHOLDER = "multi-stakeholder", _("Multi-stakeholder consultation")
    GCM_TALK = "gcm-talk", _("GCM Talk")
    REGIONAL_REVIEW = "regional-review", _("Regional Review meeting")
    SIDE_EVENT = "side-event", _("Side event")
    LISTENING_SESSION = "listening-session", _("Listening session")
    NATIONAL = "national", _("National consultation")


class Modality(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid: in person and online")


class PublicationStatus(models.TextChoices):
    """A focal point drafts and submits; the secretariat publishes or returns it with a comment."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned with a comment")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ARCHIVED = "archived", _("Archived")


class CallKind(models.TextChoices):
    ATTEND = "attend", _("Registration to attend")
    SPEAK = "speak", _("Expression of interest to speak")
    SIDE_EVENT = "side-event", _("Side event proposals")
    WRITTEN_SUBMISSION = "written-submission", _("Written submissions")
    FUNDING_SUPPORT = "funding-support", _("Funding support")


class SessionFormat(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    PANEL = "panel", _("Panel")
    ROUNDTABLE = "roundtable", _("Roundtable")


class Provenance(models.TextChoices):
    """Where one language version of a text comes from."""

    ORIGINAL = "original", _("Original")
    MACHINE = "machine", _("Machine-translated")
    CHECKED = "checked", _("Translation checked by a person")
    NEEDS_REVIEW = "needs-review", _("Needs review: the original changed")

    @property
    def is_machine(self) -> bool:
        return self == Provenance.MACHINE

    @property
    def is_stale(self) -> bool:
        """A translation made before the original last changed."""
        return self == Provenance.NEEDS_REVIEW


class SubmissionStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("written submission", "Received")
    PUBLISHED = "published", pgettext_lazy("written submission", "Published")
    NOT_PUBLISHED = "not-published", pgettext_lazy("written submission", "Not published")


class CallState(models.TextChoices):
    """Where a published call stands by the clock."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", pgettext_lazy("call state", "Open")
    CLOSED = "closed", pgettext_lazy("call state", "Closed")


class SubscriptionFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as a call is published")
    DAILY = "daily", _("Once a day, in a digest")


class MaterialAudience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    PARTICIPANTS = "participants", _("Registered participants only")

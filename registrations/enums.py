from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Attendance(models.TextChoices):
    """How one person takes part in a consultation: a seat in the room or a place online."""

    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration", "Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")


class AccessNeed(models.TextChoices):
    SIGN_LANGUAGE = "sign-language", _("Sign language interpretation")
    CAPTIONING = "captioning", _("Captioning")
    STEP_FREE = "step-free", _("Step-free access")
    OTHER = "other", _("Other (say below)")


class InterestStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("expression of interest", "Received")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("Reserve")
    NOT_SELECTED = "not-selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CONFIRMED = "confirmed", pgettext_lazy("speaker", "Confirmed")
    DECLINED = "declined", _("Declined")


class ProposalStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("proposal", "Received")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", pgettext_lazy("proposal", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal", "Withdrawn")


class Appearance(models.TextChoices):
    """How a confirmed speaker appears on public pages, the calendar and the API. Anonymous is the
    default: a person at risk should not be named because they forgot to choose."""

    FULL = "full", _("With my name, affiliation, biography and photo")
    NAME = "name", _("With my name only")
    ANONYMOUS = "anonymous", _("Anonymously, as a speaker from my sub-region and category")


class FundingStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("funding", "Received")
    RECOMMENDED = "recommended", _("Recommended by the Executive Committee")
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", pgettext_lazy("funding", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("funding", "Withdrawn")


class RuleDimension(models.TextChoices):
    """What a diversity rule of a selection counts."""

    GENDER = "gender", _("Gender")
    SUB_REGION = "sub_region", _("Sub-region")
    CATEGORY = "category", _("Stakeholder category")
    COUNTRY = "country", _("Country")
    TAG = "tag", _("Led by")
    OBJECTIVE = "objective", _("GCM objective")


class SelectionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", pgettext_lazy("selection", "Published")


class ProposalProblem(models.TextChoices):
    """Why a proposal asked for could not be computed (shown on the selection page)."""

    PUBLISHED = "published", _("The selection of this call is already published.")
    NOBODY_REVIEWED = "nobody-reviewed", _("No reviewed expression of interest yet: there is nobody to select.")
    TIME_LIMIT = "time-limit", _("The engine found no selection within its time limit. Try again, or loosen a rule.")
    FAILED = "failed", _("The proposal could not be computed. Try again; if it fails again, tell the maintainers.")


class ChangeReason(models.TextChoices):
    """Why the secretariat changed a selection by hand, as a category the public record of the call
    counts (`queries.how_it_was_run`); the written reason beside it is for staff only."""

    WITHDREW = "withdrew", _("A selected speaker withdrew")
    BALANCE = "balance", _("Balance of the selection")
    CONFLICT_OF_INTEREST = "conflict-of-interest", _("Conflict of interest")
    AVAILABILITY = "availability", _("Availability or travel")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    OTHER = "other", pgettext_lazy("reason for a change", "Other")

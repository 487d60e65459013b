from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StakeholderCategory(models.TextChoices):
    """GCM para. 44 and the kick-off stakeholder map."""

    MIGRANTS = "migrants", _("Migrants and their families")
    MIGRANT_DIASPORA_ORGANIZATIONS = "migrant-diaspora", _("Migrant and diaspora organizations")
    CIVIL_SOCIETY = "civil-society", _("Civil society organizations")
    FAITH_BASED = "faith-based", _("Faith-based organizations")
    TRADE_UNIONS = "trade-unions", _("Trade unions")
    PRIVATE_SECTOR = "private-sector", _("Employers and private sector")
    RECRUITMENT_AGENCIES = "recruitment", _("Recruitment agencies")
    LOCAL_AUTHORITIES = "local-authorities", _("Local and regional authorities")
    LOCAL_COMMUNITIES = "local-communities", _("Local communities")
    PARLIAMENTARIANS = "parliamentarians", _("Parliamentarians")
    HUMAN_RIGHTS_INSTITUTIONS = "nhri", _("National human rights institutions")
    RED_CROSS_RED_CRESCENT = "red-cross", _("International Red Cross and Red Crescent Movement")
    ACADEMIA = "academia", _("Academia")
    MEDIA = "media", _("Media")
    CHILDREN_YOUTH = "children-youth", _("Children and youth organizations")
    DEVELOPMENT_PARTNERS = "development-partners", _("Development cooperation partners")
    UN_SYSTEM = "un-system", _("UN system and international organizations")
    OTHER = "other", pgettext_lazy("stakeholder category", "Other")


class Verification(models.TextChoices):
    PENDING = "pending", _("Pending verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class StaffRole(models.TextChoices):
    """Roles the secretariat grants and takes back (design note §2)."""

    FOCAL_POINT = "focal-point", _("Focal point")
    REVIEWER = "reviewer", _("Reviewer")
    SECRETARIAT = "secretariat", _("Secretariat")


class LedBy(models.TextChoices):
    """Who leads an organization; each is a flag on Organization named is_<value>_led."""

    MIGRANTS = "migrant", _("Migrant-led")
    DIASPORA = "diaspora", _("Diaspora-led")
    WOMEN = "women", _("Women-led")
    YOUTH = "youth", _("Youth-led")
    PERSONS_WITH_DISABILITIES = "disability", _("Led by persons with disabilities")


PREFER_NOT_TO_SAY = "prefer-not", _("Prefer not to say")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non-binary", _("Non-binary")
    SELF_DESCRIBED = "self-described", _("Another gender")
    PREFER_NOT = PREFER_NOT_TO_SAY


class AgeGroup(models.TextChoices):
    UNDER_18 = "under-18", _("Under 18")
    AGE_18_29 = "18-29", _("18 to 29")
    AGE_30_44 = "30-44", _("30 to 44")
    AGE_45_59 = "45-59", _("45 to 59")
    AGE_60_PLUS = "60-plus", _("60 or over")
    PREFER_NOT = PREFER_NOT_TO_SAY


class MigrationBackground(models.TextChoices):
    MIGRANT = "migrant", _("I am a migrant")
    REFUGEE = "refugee", _("I am a refugee or asylum seeker")
    DIASPORA = "diaspora", _("I belong to a diaspora")
    NONE = "none", _("None of these")
    PREFER_NOT = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = PREFER_NOT_TO_SAY


class Commission(models.TextChoices):
    """The five UN regional commissions; a Regional Review is held per commission region."""

    ECA = "ECA", _("Africa (ECA)")
    ECE = "ECE", _("Europe and North America (ECE)")
    ECLAC = "ECLAC", _("Latin America and the Caribbean (ECLAC)")
    ESCAP = "ESCAP", _("Asia and the Pacific (ESCAP)")
    ESCWA = "ESCWA", _("Arab region (ESCWA)")


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("request to join", "Accepted")
    DECLINED = "declined", pgettext_lazy("request to join", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("request to join", "Withdrawn")

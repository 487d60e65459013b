import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal import limits
from portal.validators import validate_time_zone
from stakeholders import geography
from stakeholders.enums import (
    AgeGroup,
    Commission,
    Disability,
    Gender,
    JoinRequestStatus,
    LedBy,
    MembershipRole,
    MigrationBackground,
    StaffRole,
    StakeholderCategory,
    Verification,
)


class PersonManager(UserManager):
    """People sign in with their e-mail address; there is no user name."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account; what they tell about themselves lives in their Profile."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """How the portal shows the person: the name they gave, never their e-mail address in its
        place (an address is shown only as contact, on staff pages)."""
        if self.display_name:
            return self.display_name
        if self.is_deleted:
            return gettext("Deleted account")
        return gettext("Person #%(number)s") % {"number": self.pk or "?"}

    @property
    def has_name(self) -> bool:
        return bool(self.display_name.strip())

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.name

    @property
    def deleted_address(self) -> str:
        """The address an account takes when its person deletes it: unique, unusable, naming nobody."""
        return f"deleted-{self.pk}@invalid"

    @property
    def is_deleted(self) -> bool:
        """The person deleted their account; it stays as an anonymous, inactive row."""
        return not self.is_active and self.email == self.deleted_address


class ReferenceItem(models.Model):
    """A numbered GCM text (objective or guiding principle) with its title in six languages."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        abstract = True
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class GcmObjective(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")


class GuidingPrinciple(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("GCM guiding principle")
        verbose_name_plural = _("GCM guiding principles")


class Language(models.Model):
    """A language people work or speak in; its name comes from Django's translated language names."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        from portal.languages import language_name

        return language_name(self.code)


class OrganizationQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(verification=Verification.VERIFIED)

    def listed(self):
        """What the public directory shows: verified and opted in."""
        return self.verified().filter(is_listed_publicly=True)


def in_language(field: str, language: str) -> str:
    """The modeltranslation field holding one language version: in_language("name", "zh-hans")."""
    return f"{field}_{language.replace('-', '_')}"


def in_every_language(*fields) -> list[str]:
    return [in_language(field, code) for field in fields for code, _name in settings.LANGUAGES]


def shown_language(item, field: str, language: str) -> str:
    """The language of the version of a translated text that modeltranslation shows on a page in
    `language`: that language's if filled in, else the first of the fallback order that is ("" when
    none is). `item` is a model or a values() row holding every language's column."""

    def version(code):
        column = in_language(field, code)
        return item.get(column) if isinstance(item, dict) else getattr(item, column, "")

    for code in (language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if version(code):
            return code
    return ""


def in_any_language(field):
    """Q: the translated field is filled in at least one of the six languages. Each term says
    "not null" as well: a CHECK whose result is unknown (NULL) would let the row through."""
    condition = Q()
    for column in in_every_language(field):
        condition |= Q(**{f"{column}__isnull": False, f"{column}__gt": ""})
    return condition


class Organization(models.Model):
    # Blank in any one language (an organization may have only an Arabic name); a constraint wants one.
    name = models.CharField(_("name"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    category = models.CharField(_("category"), max_length=30, choices=StakeholderCategory.choices)
    country = CountryField(_("country of headquarters"))
    countries_of_work = CountryField(_("countries of work"), multiple=True, blank=True)
    objectives = models.ManyToManyField(
        GcmObjective, verbose_name=_("GCM objectives of expertise"), related_name="organizations", blank=True
    )
    is_migrant_led = models.BooleanField(LedBy.MIGRANTS.label, default=False)
    is_diaspora_led = models.BooleanField(LedBy.DIASPORA.label, default=False)
    is_women_led = models.BooleanField(LedBy.WOMEN.label, default=False)
    is_youth_led = models.BooleanField(LedBy.YOUTH.label, default=False)
    is_disability_led = models.BooleanField(LedBy.PERSONS_WITH_DISABILITIES.label, default=False)
    languages = models.ManyToManyField(
        Language, verbose_name=_("working languages"), related_name="organizations", blank=True
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=limits.DESCRIPTION)
    verification = models.CharField(
        _("verification"), max_length=10, choices=Verification.choices, default=Verification.PENDING
    )
    verification_reason = models.TextField(_("reason"), blank=True, max_length=limits.NOTE)
    verified_at = models.DateTimeField(_("verification decided at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verification decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_listed_publicly = models.BooleanField(
        _("listed in the public directory"),
        default=False,
        help_text=_("Only verified organizations that choose to be listed appear in the public directory."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(verification=Verification.REJECTED) | ~Q(verification_reason=""),
                name="organization_rejection_has_reason",
                violation_error_message=_("Say why the organization is rejected."),
            ),
            models.CheckConstraint(
                condition=in_any_language("name"),
                name="organization_has_a_name",
                violation_error_message=_("Give the organization's name in at least one language."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("stakeholders:organization-detail", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.verification == Verification.VERIFIED

    @property
    def placement(self):
        return geography.placement_of(self.country.code)

    @property
    def category_label(self):
        """The category's name; cheaper than get_category_display, which translates every choice."""
        return StakeholderCategory(self.category).label

    @property
    def sub_region_name(self):
        place = self.placement
        return geography.area_name(place.balance_sub_region) if place else ""

    @property
    def countries_of_work_names(self) -> list[str]:
        return [country.name for country in self.countries_of_work]

    @property
    def led_by(self) -> list:
        return [choice.label for choice in LedBy if getattr(self, f"is_{choice.value}_led")]


class Membership(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["person", "organization"], name="membership_unique")]

    def __str__(self):
        return f"{self.person} — {self.organization} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN

    def activity_label(self) -> str:
        """Named in the activity log by its organization only: the person is whom it concerns."""
        return f"#{self.pk} · {self.organization}"


BIOGRAPHY_MAX_LENGTH = 1200


class Profile(models.Model):
    """What a person tells about themselves. The optional attributes are seen only by that person;
    the secretariat sees them only as aggregate counts."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="profile"
    )
    is_individual = models.BooleanField(
        _("takes part as an individual"), default=False, help_text=_("Not on behalf of an organization.")
    )
    country_of_residence = CountryField(_("country of residence"), blank=True)
    notice_language = models.CharField(
        _("language for notices"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(
        _("your time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Times of meetings and deadlines are also shown in this zone, for example Africa/Nairobi."),
    )
    languages_spoken = models.ManyToManyField(
        Language, verbose_name=_("languages spoken"), related_name="speakers", blank=True
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, max_length=limits.NOTE)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    age_group = models.CharField(_("age group"), max_length=20, choices=AgeGroup.choices, blank=True)
    migration_background = models.CharField(
        _("migrant or diaspora background"), max_length=20, choices=MigrationBackground.choices, blank=True
    )
    disability = models.CharField(_("disability"), max_length=20, choices=Disability.choices, blank=True)
    # The public speaker profile: shown only as the speaker chose to appear on each programme.
    affiliation = models.CharField(
        _("affiliation to show"),
        max_length=200,
        blank=True,
        help_text=_("For example your organization or network, as you want it shown beside your name."),
    )
    biography = models.TextField(_("short biography"), max_length=BIOGRAPHY_MAX_LENGTH, blank=True)
    biography_language = models.CharField(_("language of the biography"), max_length=16, blank=True)
    photo = models.ImageField(_("photo"), upload_to="photos/", blank=True)
    wants_call_notices = models.BooleanField(_("tell me about new open calls"), default=True)
    wants_reminders = models.BooleanField(_("remind me of deadlines and meetings"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    SENSITIVE_FIELDS = ("gender", "age_group", "migration_background", "disability")
    # What the person fills in on their profile page, in order.
    EDITABLE_FIELDS = (
        "country_of_residence",
        "notice_language",
        "time_zone",
        "languages_spoken",
        "accessibility_needs",
        "wants_call_notices",
        "wants_reminders",
        *SENSITIVE_FIELDS,
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.person)


class RoleGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class RoleGrant(models.Model):
    """A staff role given by the secretariat; taken back by setting revoked_*, never deleted."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    country = CountryField(_("country"), blank=True)
    commission = models.CharField(_("regional commission"), max_length=10, choices=Commission.choices, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken back by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("taken back at"), null=True, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            # A focal point answers for exactly one country or one commission region; others for neither.
            models.CheckConstraint(
                condition=(
                    Q(role=StaffRole.FOCAL_POINT) & (Q(country="") ^ Q(commission=""))
                    | ~Q(role=StaffRole.FOCAL_POINT) & Q(country="", commission="")
                ),
                name="rolegrant_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "country", "commission"],
                condition=Q(revoked_at__isnull=True),
                name="rolegrant_active_unique",
            ),
        ]

    def __str__(self):
        scope = self.get_commission_display() or self.country.name
        return f"{self.get_role_display()} {scope}".strip()


class JoinRequest(models.Model):
    """A person asks to join an organization; its admins accept or decline."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="join_requests"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message to the organization's admins"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JoinRequestStatus, default=JoinRequestStatus.PENDING)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organization"],
                condition=Q(status=JoinRequestStatus.PENDING),
                name="joinrequest_one_pending",
            )
        ]

    def __str__(self):
        return f"#{self.pk} → {self.organization}"

    def activity_label(self) -> str:
        return f"#{self.pk} · {self.organization}"

    @property
    def is_pending(self) -> bool:
        return self.status == JoinRequestStatus.PENDING

    @property
    def is_accepted(self) -> bool:
        return self.status == JoinRequestStatus.ACCEPTED


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(accepted_at__isnull=True)


class Invitation(models.Model):
    """An organization admin asks someone, by e-mail address, to join the organization."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(_("language of the invitation"), max_length=10, choices=settings.LANGUAGES)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                "organization",
                Lower("email"),
                condition=Q(accepted_at__isnull=True),
                name="invitation_open_unique",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organization}"

"""Writes to the registry. Each function is one thing a person does, under one transaction."""

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

from stakeholders.enums import MembershipRole, Verification
from stakeholders.models import Membership, Organization, Profile, RoleGrant

TRANSLATED_ORGANIZATION_FIELDS = ("name", "acronym", "description")


def field_in_language(field: str, language: str) -> str:
    return f"{field}_{language.replace('-', '_')}"


# Paths of the registry's own pages, which an organization's address must not hide.
RESERVED_SLUGS = {"welcome", "profile", "register-organization", "verification", "roles", "my-data", "gap-map"}


def unique_slug(organization: Organization) -> str:
    base = slugify(organization.acronym or organization.name)[:60] or "organization"
    if base in RESERVED_SLUGS:
        base = f"{base}-organization"
    slug, suffix = base, 2
    while Organization.objects.filter(slug=slug).exclude(pk=organization.pk).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def save_profile(person, *, data: dict) -> Profile:
    languages = data.pop("languages_spoken", None)
    profile, _created = Profile.objects.update_or_create(person=person, defaults=data)
    if languages is not None:
        profile.languages_spoken.set(languages)
    return profile


@transaction.atomic
def register_organization(*, by, data: dict, language: str | None = None) -> Organization:
    """A person registers an organization and becomes its first administrator; it awaits verification.

    Names and description are stored in the language the person wrote them in."""
    language = language or get_language()
    data = dict(data)
    objectives, languages = data.pop("objectives", []), data.pop("languages", [])
    for field in TRANSLATED_ORGANIZATION_FIELDS:
        data[field_in_language(field, language)] = data.pop(field, "")
    organization = Organization(**data)
    organization.slug = unique_slug(organization)
    organization.save()
    organization.objectives.set(objectives)
    organization.languages.set(languages)
    Membership.objects.create(person=by, organization=organization, role=MembershipRole.ADMIN)
    Profile.objects.get_or_create(person=by)
    return organization


@transaction.atomic
def decide_verification(organization: Organization, *, by, verification: Verification, reason: str = ""):
    """The secretariat verifies or rejects an organization; a rejection always says why."""
    organization.verification = verification
    organization.verification_reason = reason
    organization.verified_at = timezone.now()
    organization.verified_by = by
    organization.save(update_fields=["verification", "verification_reason", "verified_at", "verified_by"])
    return organization


def grant_role(person, *, by, role, country="", commission="") -> RoleGrant:
    """Give a staff role; granting one the person already holds returns the existing grant."""
    try:
        with transaction.atomic():
            return RoleGrant.objects.create(
                person=person, role=role, country=country, commission=commission, granted_by=by
            )
    except IntegrityError:
        return RoleGrant.objects.active().get(person=person, role=role, country=country, commission=commission)


@transaction.atomic
def revoke_role(grant: RoleGrant, *, by) -> RoleGrant:
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.revoked_by = by
        grant.save(update_fields=["revoked_at", "revoked_by"])
    return grant


@transaction.atomic
def delete_account(person) -> None:
    """Remove the person's personal data. The account row stays, anonymous and unusable, so that
    what others must still count (grants given, later registrations) keeps its shape; their
    organizations stay with the organizations."""
    Profile.objects.filter(person=person).delete()
    RoleGrant.objects.active().filter(person=person).update(revoked_at=timezone.now(), revoked_by=person)
    Membership.objects.filter(person=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    person.email = f"deleted-{person.pk}@invalid"
    person.display_name = ""
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.set_unusable_password()
    person.save()

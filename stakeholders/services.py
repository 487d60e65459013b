"""Writes to the registry. Each function is one thing a person does, under one transaction."""

from importlib import import_module

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activity.services import forget as forget_in_the_log
from activity.services import record, set_state
from portal.notices import forget_recipient
from portal.personal_data import address_in, addresses_of, naming_terms, redact_rows
from portal.personal_data import erase_all as erase_personal_data_of_other_apps
from stakeholders.enums import JoinRequestStatus, MembershipRole, Verification
from stakeholders.models import (
    Invitation,
    JoinRequest,
    Language,
    Membership,
    Organization,
    Profile,
    RoleGrant,
    in_language,
)
from stakeholders.notices import (
    queue_invitation,
    queue_join_decided,
    queue_join_requested,
    queue_verification_decided,
)
from stakeholders.photos import delete_photo_of
from stakeholders.rules import answers_join_requests, is_organization_admin
from stakeholders.staff import sync_staff_access

TRANSLATED_ORGANIZATION_FIELDS = ("name", "acronym", "description")


# Paths of the registry's own pages, which an organization's address must not hide.
RESERVED_SLUGS = {
    "welcome",
    "profile",
    "register-organization",
    "verification",
    "roles",
    "my-data",
    "gap-map",
    "invitations",
    "diversity",
    "name",
    "join",
    "join-requests",
}


def unique_slug(organization: Organization) -> str:
    base = slugify(organization.acronym or organization.name)[:60] or "organization"
    if base in RESERVED_SLUGS:
        base = f"{base}-organization"
    slug, suffix = base, 2
    while Organization.objects.filter(slug=slug).exclude(pk=organization.pk).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def set_display_name(person, *, name: str) -> None:
    """The person says what they want to be called; a name is never left empty."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Tell us the name you want to be called."), code="required")
    person.display_name = name
    person.save(update_fields=["display_name"])


@transaction.atomic
def save_profile(person, *, data: dict) -> Profile:
    data = dict(data)
    if "display_name" in data:
        set_display_name(person, name=data.pop("display_name"))
    languages = data.pop("languages_spoken", None)
    profile, _created = Profile.objects.update_or_create(person=person, defaults=data)
    if languages is not None:
        # A language of CLDR's not yet among the rows (Tigrinya, Wolof...) gets its row now.
        codes = [getattr(language, "pk", language) for language in languages]
        Language.objects.bulk_create([Language(code=code) for code in codes], ignore_conflicts=True)
        profile.languages_spoken.set(codes)
    return profile


@transaction.atomic
def register_organization(*, by, data: dict, language: str | None = None) -> Organization:
    """A person registers an organization and becomes its first administrator; it awaits verification.

    Names and description are stored in the language the person wrote them in."""
    language = language or get_language()
    data = dict(data)
    objectives, languages = data.pop("objectives", []), data.pop("languages", [])
    for field in TRANSLATED_ORGANIZATION_FIELDS:
        data[in_language(field, language)] = data.pop(field, "")
    organization = Organization(**data)
    organization.slug = unique_slug(organization)
    organization.save()
    organization.objectives.set(objectives)
    organization.languages.set(languages)
    Membership.objects.create(person=by, organization=organization, role=MembershipRole.ADMIN)
    Profile.objects.get_or_create(person=by)
    return organization


def check_may_act_for(person, organization) -> None:
    """Answering, submitting or registering on an organization's behalf is for its administrators
    (no organization: the person acts for themselves)."""
    if organization is not None and not is_organization_admin(person, organization):
        raise ValidationError(
            _("Only an administrator of %(name)s may act on its behalf.") % {"name": organization},
            code="not_an_admin",
        )


def set_verification(organization: Organization, verification, *, by, note: str = "", also=()):
    """The one writer of an organization's verification: saved and recorded with its reason."""
    return set_state(organization, "verification", verification, by=by, note=note, also=also)


@transaction.atomic
def decide_verification(organization: Organization, *, by, verification: Verification, reason: str = ""):
    """The secretariat verifies or rejects an organization; a rejection always says why."""
    organization.verification_reason = reason
    organization.verified_at = timezone.now()
    organization.verified_by = by
    set_verification(
        organization,
        verification,
        by=by,
        note=reason,
        also=("verification_reason", "verified_at", "verified_by"),
    )
    if verification != Verification.PENDING:
        queue_verification_decided(organization)
    return organization


# Staff roles. A grant is recorded as the role going from nothing to the role, a revocation back;
# the log names the role and its scope, and concerns the person (never by their address).


@transaction.atomic
def grant_role(person, *, by, role, country="", commission="") -> RoleGrant:
    """Give a staff role; granting one the person already holds returns the existing grant."""
    scope = {"person": person, "role": role, "country": country, "commission": commission}
    grant = RoleGrant.objects.active().filter(**scope).first()
    if grant is None:
        try:
            with transaction.atomic():
                grant = RoleGrant.objects.create(**scope, granted_by=by)
        except IntegrityError:  # granted at the same moment by someone else: theirs is on record
            return RoleGrant.objects.active().get(**scope)
        record(grant, by=by, field="role", before="", after=role, concerns=person)
    sync_staff_access(person)
    return grant


def _revoke(grant: RoleGrant, *, by, note: str = "") -> RoleGrant:
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.revoked_by = by
        grant.save(update_fields=["revoked_at", "revoked_by"])
        record(grant, by=by, field="role", before=grant.role, after="", note=note, concerns=grant.person)
    return grant


@transaction.atomic
def revoke_role(grant: RoleGrant, *, by, note: str = "") -> RoleGrant:
    grant = _revoke(grant, by=by, note=note)
    sync_staff_access(grant.person)
    return grant


@transaction.atomic
def delete_account(person) -> None:
    """Remove the person's personal data. The account row stays, anonymous and unusable, so that
    what others must still count (grants given, later registrations) keeps its shape; their
    organizations stay with the organizations. The roles taken back and the memberships ended are
    on record, by the person and concerning them: the account they point to names nobody.

    Every address the person had is taken first, before the account's is replaced: subscriptions,
    notices and invitations are found by it as well as by the person."""
    addresses = addresses_of(person)
    # Before the deletion records its own changes, whose notes name nobody.
    terms = naming_terms(person, addresses)
    forget_in_the_log(person, terms=terms)
    forget_in_the_admin_history(person, terms=terms)
    note = _("The person deleted their account.")
    erase_personal_data_of_other_apps(person, addresses=addresses)
    delete_photo_of(person)
    Profile.objects.filter(person=person).delete()
    for grant in RoleGrant.objects.active().filter(person=person):
        _revoke(grant, by=person, note=note)
    for membership in Membership.objects.filter(person=person).select_related("organization"):
        record(membership, by=person, field="role", before=membership.role, after="", note=note, concerns=person)
        membership.delete()
    # Requests to join hold the person's own words: those still waiting are withdrawn, on record, and all go.
    for join_request in JoinRequest.objects.filter(person=person, status=JoinRequestStatus.PENDING):
        set_join_request_status(join_request, JoinRequestStatus.WITHDRAWN, by=person, note=note)
    JoinRequest.objects.filter(person=person).delete()
    Invitation.objects.filter(address_in("email", addresses) | Q(accepted_by=person)).delete()
    end_sessions_of(person)
    delete_authenticators_of(person)
    EmailAddress.objects.filter(user=person).delete()
    person.email = person.deleted_address
    person.display_name = ""
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    # Last: the steps above may have queued notices to the person (a registration cancelled).
    forget_recipient(person, addresses=addresses)


def forget_in_the_admin_history(person, *, terms) -> None:
    """Django admin's history names what was changed by its text (a person's name, a subscription's
    address): those words go; an entry by the person points to the anonymous account."""
    redact_rows(LogEntry.objects.all(), ("object_repr", "change_message"), terms)


def end_sessions_of(person) -> None:
    """Every session of the person on other devices ends too: a stored session holds who they are.
    Sessions store no person's id in a column of their own, so each is read (deletions are rare)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):  # sessions kept elsewhere than the database
        return
    model = store.get_model_class()
    theirs = [
        session.session_key
        for session in model.objects.only("session_key", "session_data").iterator(chunk_size=2000)
        if session.get_decoded().get(SESSION_KEY) == str(person.pk)
    ]
    model.objects.filter(session_key__in=theirs).delete()


def delete_authenticators_of(person) -> None:
    """Second factors (allauth.mfa, when installed): the person's keys and recovery codes."""
    if apps.is_installed("allauth.mfa"):
        apps.get_model("mfa", "Authenticator").objects.filter(user=person).delete()


@transaction.atomic
def update_organization(organization: Organization, *, data: dict, language: str | None = None) -> Organization:
    """An admin (or the secretariat) edits the organization; the texts change in one language only."""
    language = language or get_language()
    data = dict(data)
    objectives, languages = data.pop("objectives", None), data.pop("languages", None)
    for field in TRANSLATED_ORGANIZATION_FIELDS:
        if field in data:
            setattr(organization, in_language(field, language), data.pop(field))
    for field, value in data.items():
        setattr(organization, field, value)
    organization.save()
    if objectives is not None:
        organization.objectives.set(objectives)
    if languages is not None:
        organization.languages.set(languages)
    return organization


def invite_member(organization: Organization, *, by, email: str, role: str, language: str | None = None) -> Invitation:
    """Invite someone by e-mail; the message goes out once the invitation is stored."""
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organization=organization, email=email, role=role, invited_by=by, language=language or get_language()
            )
    except IntegrityError:
        raise ValidationError(_("This address already has an open invitation."), code="duplicate") from None
    queue_invitation(invitation)
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, *, person) -> Membership:
    """Only the person who owns the invited address, verified, can accept."""
    if not EmailAddress.objects.filter(user=person, email__iexact=invitation.email, verified=True).exists():
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    membership, created = Membership.objects.get_or_create(
        person=person, organization=invitation.organization, defaults={"role": invitation.role}
    )
    if created:
        record(membership, by=person, field="role", after=membership.role, concerns=person)
    elif invitation.role == MembershipRole.ADMIN and membership.role != MembershipRole.ADMIN:
        set_state(membership, "role", MembershipRole.ADMIN, by=person, concerns=person)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    Profile.objects.get_or_create(person=person)
    return membership


@transaction.atomic
def remove_member(membership: Membership, *, by) -> None:
    """An admin of the organization or the secretariat ends a membership, on record; an organization
    never loses its last administrator."""
    # Lock the admins' rows: two admins removing each other at once must not leave none.
    admins = list(
        Membership.objects.select_for_update()
        .filter(organization=membership.organization_id, role=MembershipRole.ADMIN)
        .values_list("pk", flat=True)
    )
    if membership.role == MembershipRole.ADMIN and len(admins) == 1:
        raise ValidationError(_("An organization needs at least one administrator."), code="last_admin")
    record(membership, by=by, field="role", before=membership.role, after="", concerns=membership.person)
    membership.delete()


# Requests to join: a person asks, the organization's administrators (or the secretariat) answer.


def set_join_request_status(join_request: JoinRequest, status, *, by, note: str = "", also=()):
    """The one writer of a request to join's status: saved and recorded, concerning the person who asked."""
    return set_state(join_request, "status", status, by=by, note=note, also=also, concerns=join_request.person)


@transaction.atomic
def ask_to_join(organization: Organization, *, by, message: str = "") -> JoinRequest:
    """A person asks to join a verified organization they do not belong to; its administrators are
    told, each in their own language. One request at a time per person and organization."""
    if not organization.is_verified:
        raise ValidationError(_("Only a verified organization can be asked to join."), code="not_verified")
    if Membership.objects.filter(person=by, organization=organization).exists():
        raise ValidationError(_("You are already a member of %(name)s.") % {"name": organization}, code="member")
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(person=by, organization=organization, message=message)
    except IntegrityError:
        raise ValidationError(
            _("You have already asked to join %(name)s; its administrators have not answered yet.")
            % {"name": organization},
            code="duplicate",
        ) from None
    record(join_request, by=by, field="status", after=join_request.status, concerns=by)
    queue_join_requested(join_request)
    return join_request


def _pending(join_request: JoinRequest) -> JoinRequest:
    """The request, locked; answering and withdrawing at the same moment cannot both happen."""
    join_request = (
        JoinRequest.objects.select_for_update().select_related("organization", "person").get(pk=join_request.pk)
    )
    if not join_request.is_pending:
        raise ValidationError(_("This request has already been answered or withdrawn."), code="not_pending")
    return join_request


@transaction.atomic
def decide_join_request(join_request: JoinRequest, *, by, accept: bool, note: str = "") -> JoinRequest:
    """An administrator of the organization, or the secretariat, accepts (the person becomes a
    member) or declines, with an optional note; the person is told in their language."""
    if not answers_join_requests(by, join_request.organization):
        raise PermissionDenied(_("Only the organization's administrators or the secretariat answer requests to join."))
    join_request = _pending(join_request)
    join_request.decided_by, join_request.decided_at = by, timezone.now()
    status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
    set_join_request_status(join_request, status, by=by, note=note, also=("decided_by", "decided_at"))
    if accept:
        membership, created = Membership.objects.get_or_create(
            person=join_request.person, organization=join_request.organization
        )
        if created:
            record(membership, by=by, field="role", after=membership.role, concerns=join_request.person)
        Profile.objects.get_or_create(person=join_request.person)
    queue_join_decided(join_request)
    return join_request


@transaction.atomic
def withdraw_join_request(join_request: JoinRequest, *, by) -> JoinRequest:
    """The person who asked takes the request back while it waits; notices not yet sent to the
    administrators are no longer due."""
    if join_request.person_id != by.pk:
        raise PermissionDenied(_("Only the person who asked may withdraw this request."))
    join_request = _pending(join_request)
    set_join_request_status(join_request, JoinRequestStatus.WITHDRAWN, by=by)
    return join_request

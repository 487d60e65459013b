"""Notices of the registry: an organization's admins hear of the secretariat's decision on it, and
invited people receive their invitation in the language it was written in."""

from django.conf import settings
from django.urls import reverse

from portal import notices
from portal.notices import NoticeKind, Recipient
from stakeholders.enums import MembershipRole
from stakeholders.models import Membership


def decision_context(notice, organization) -> dict:
    url = reverse("stakeholders:organization-edit", kwargs={"slug": organization.slug})
    return {"organization": organization, "organization_url": settings.SITE_URL + url}


def invitation_context(notice, invitation) -> dict:
    url = reverse("stakeholders:invitation", kwargs={"token": invitation.token})
    return {"invitation": invitation, "url": settings.SITE_URL + url}


notices.register(NoticeKind("organization-decided", context=decision_context))
notices.register(
    NoticeKind(
        "invitation",
        context=invitation_context,
        is_still_due=lambda notice, invitation: invitation.accepted_at is None,
    )
)


def admins_of(organization) -> list[Recipient]:
    memberships = Membership.objects.filter(organization=organization, role=MembershipRole.ADMIN).select_related(
        "person__profile"
    )
    return [Recipient.of(membership.person) for membership in memberships if membership.person.is_active]


def queue_verification_decided(organization) -> int:
    """One notice per decision and day: deciding again later tells the admins again."""
    key = f"{organization.verification}-{organization.verified_at:%Y-%m-%d}"
    return notices.queue("organization-decided", organization, admins_of(organization), reminder=key)


def queue_invitation(invitation) -> int:
    return notices.queue("invitation", invitation, [Recipient(invitation.email, None, invitation.language)])

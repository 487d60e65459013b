"""Notices of the registry: an organization's admins hear of the secretariat's decision on it and of
requests to join it, people who asked to join hear the answer, and invited people receive their
invitation in the language it was written in."""

from django.conf import settings
from django.urls import reverse

from portal import notices
from portal.notices import NoticeKind, Recipient
from stakeholders.enums import MembershipRole
from stakeholders.models import Membership
from stakeholders.queries import join_decision_note


def decision_context(notice, organization) -> dict:
    url = reverse("stakeholders:organization-edit", kwargs={"slug": organization.slug})
    return {"organization": organization, "organization_url": settings.SITE_URL + url}


def invitation_context(notice, invitation) -> dict:
    url = reverse("stakeholders:invitation", kwargs={"token": invitation.token})
    return {"invitation": invitation, "url": settings.SITE_URL + url}


def join_requested_context(notice, join_request) -> dict:
    url = reverse(
        "stakeholders:join-request-answer", kwargs={"slug": join_request.organization.slug, "pk": join_request.pk}
    )
    return {"join_request": join_request, "organization": join_request.organization, "url": settings.SITE_URL + url}


def join_decided_context(notice, join_request) -> dict:
    url = reverse("stakeholders:welcome") if join_request.is_accepted else join_request.organization.get_absolute_url()
    return {
        "join_request": join_request,
        "organization": join_request.organization,
        "note": join_decision_note(join_request),
        "url": settings.SITE_URL + url,
    }


notices.register(NoticeKind("organization-decided", context=decision_context))
notices.register(
    NoticeKind(
        "join-requested",
        context=join_requested_context,
        is_still_due=lambda notice, join_request: join_request.is_pending,
    )
)
notices.register(NoticeKind("join-decided", context=join_decided_context))
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


def queue_join_requested(join_request) -> int:
    """Each administrator of the organization hears of a new request to join, in their language."""
    return notices.queue("join-requested", join_request, admins_of(join_request.organization))


def queue_join_decided(join_request) -> int:
    """The person who asked hears the answer, in their language."""
    return notices.queue("join-decided", join_request, [Recipient.of(join_request.person)])

"""Every view against every role of the design note (§2): who may use it, and what others get."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.enums import CallKind, PublicationStatus
from stakeholders.enums import StaffRole, Verification
from stakeholders.models import Invitation, Membership
from tests.consultations.test_models import call, consultation
from tests.consultations.test_submissions import submissions_world
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory, admin_of, grant

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "stakeholder", "organization admin", "focal point", "reviewer", "secretariat"]
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"visitor"}
MANAGERS = {"focal point", "secretariat"}

# (method, url, roles allowed, status when allowed)
MATRIX = [
    ("get", "/en/", EVERYONE, 200),
    ("get", "/healthz", EVERYONE, 200),
    ("get", "/en/calls/", EVERYONE, 200),
    ("get", "/en/consultations/published/", EVERYONE, 200),
    ("get", "/en/calls/feed/", EVERYONE, 200),
    ("get", "/consultations/published.ics", EVERYONE, 200),
    ("get", "/en/stakeholders/", EVERYONE, 200),
    ("get", "/en/stakeholders/listed/", EVERYONE, 200),
    ("get", "/en/stakeholders/welcome/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/profile/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/register-organization/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/my-data/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/my-data/download/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/my-data/delete/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/verification/", {"secretariat"}, 200),
    ("get", "/en/stakeholders/verification/{pending}/", {"secretariat"}, 200),
    ("post", "/en/stakeholders/verification/{pending}/", {"secretariat"}, 200),
    ("get", "/en/stakeholders/roles/", {"secretariat"}, 200),
    ("post", "/en/stakeholders/roles/{grant}/revoke/", {"secretariat"}, 302),
    ("get", "/en/stakeholders/gap-map/", {"secretariat", "focal point"}, 200),
    ("get", "/en/stakeholders/gap-map/?format=csv", {"secretariat", "focal point"}, 200),
    ("get", "/en/stakeholders/diversity/", {"secretariat"}, 200),
    ("get", "/en/stakeholders/listed/edit/", {"organization admin", "secretariat"}, 200),
    ("get", "/en/stakeholders/listed/members/", {"organization admin", "secretariat"}, 200),
    ("post", "/en/stakeholders/listed/members/{member}/remove/", {"organization admin", "secretariat"}, 302),
    ("get", "/en/stakeholders/invitations/{token}/", SIGNED_IN, 200),
    ("get", "/en/calls/{written}/", EVERYONE, 200),
    ("get", "/en/calls/subscribe/", EVERYONE, 200),
    ("get", "/en/consultations/", EVERYONE, 200),
    ("get", "/en/calls/{attend}/answer/", SIGNED_IN, 200),
    ("get", "/en/my-participation/", SIGNED_IN, 200),
    ("get", "/en/manage/reviews/", {"reviewer", "secretariat"}, 200),
    ("get", "/en/manage/calls/{speak}/reviews/", {"secretariat"}, 200),
    ("get", "/en/manage/calls/{speak}/selection/", {"secretariat"}, 200),
    ("get", "/en/manage/calls/{support}/funding/", {"secretariat"}, 200),
    ("get", "/en/manage/calls/{speak}/selection/settings/", {"secretariat"}, 200),
    ("get", "/en/manage/consultations/published/registrations/", MANAGERS, 200),
    ("get", "/en/manage/consultations/published/registrations/?format=csv", MANAGERS, 200),
    ("get", "/en/manage/", MANAGERS, 200),
    ("get", "/en/manage/consultations/new/", MANAGERS, 200),
    ("get", "/en/manage/consultations/draft/", MANAGERS, 200),
    ("get", "/en/manage/consultations/draft/edit/", MANAGERS, 200),
    ("get", "/en/manage/consultations/draft/preview/", MANAGERS, 200),
    ("post", "/en/manage/consultations/draft/submit/", MANAGERS, 302),
    ("get", "/en/manage/consultations/draft/calls/new/", MANAGERS, 200),
    ("get", "/en/manage/calls/{draft_call}/edit/", MANAGERS, 200),
    ("get", "/en/manage/calls/{draft_call}/preview/", MANAGERS, 200),
    ("post", "/en/manage/calls/{draft_call}/submit/", MANAGERS, 302),
    ("get", "/en/manage/approvals/", {"secretariat"}, 200),
    ("get", "/en/manage/approvals/consultations/draft/", {"secretariat"}, 200),
    ("get", "/en/manage/approvals/calls/{draft_call}/", {"secretariat"}, 200),
    ("get", "/en/manage/consultations/published/summary/", {"secretariat"}, 200),
    ("get", "/en/calls/{written}/submit/", SIGNED_IN, 200),
    ("post", "/en/calls/{written}/submit/", SIGNED_IN, 200),
    ("get", "/en/my-submissions/", SIGNED_IN, 200),
    ("get", "/en/submissions/moderation/", {"secretariat"}, 200),
    ("post", "/en/submissions/{received}/moderate/", {"secretariat"}, 302),
    ("get", "/en/submissions/{published_submission}/", EVERYONE, 200),
    ("get", "/en/submissions/{published_submission}/document/", EVERYONE, 200),
]


@pytest.fixture
def world(settings, tmp_path):
    """One person per role, a listed organization with its admin, a pending one, a role to revoke."""
    listed = OrganizationFactory(slug="listed")
    published = consultation(slug="published", status=PublicationStatus.PUBLISHED)
    pending = OrganizationFactory(slug="pending", verification=Verification.PENDING)
    people = {role: ProfileFactory().person for role in ROLES if role != "visitor"}
    admin_of(listed, people["organization admin"])
    grant(people["focal point"], StaffRole.FOCAL_POINT, commission="ECA")
    grant(people["reviewer"], StaffRole.REVIEWER)
    grant(people["secretariat"], StaffRole.SECRETARIAT)
    revocable = grant(UserFactory(), StaffRole.REVIEWER)
    member = Membership.objects.create(person=UserFactory(), organization=listed)
    invitation = Invitation.objects.create(organization=listed, email="invited@example.org", language="en")
    draft = consultation(slug="draft", status=PublicationStatus.DRAFT)
    attend = call(
        consultation=published,
        kind=CallKind.ATTEND,
        status=PublicationStatus.PUBLISHED,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=20),
    )
    ids = {"pending": pending.pk, "grant": revocable.pk, "member": member.pk, "token": invitation.token}
    ids["draft_call"] = call(consultation=draft).pk
    ids["attend"] = attend.pk
    ids["speak"] = call(consultation=published, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED).pk
    ids["support"] = call(consultation=published, kind=CallKind.FUNDING_SUPPORT, status=PublicationStatus.PUBLISHED).pk
    ids |= submissions_world(settings, tmp_path)
    return {"people": people, "ids": ids}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "url", "allowed", "status"), MATRIX, ids=[f"{m} {u}" for m, u, _a, _s in MATRIX])
def test_access(client, world, role, method, url, allowed, status):
    if role != "visitor":
        client.force_login(world["people"][role])

    response = getattr(client, method)(url.format(**world["ids"]))

    if role in allowed:
        assert response.status_code == status
    elif role == "visitor":
        assert response.status_code == 302
        assert response.url.startswith("/en/accounts/login/")
    else:
        assert response.status_code == 403

"""Every view against every role of the design note (§2): who may use it, and what others get."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from consultations.enums import CallKind, MaterialAudience, PublicationStatus, SubmissionStatus
from consultations.models import CallSubscription, SessionMaterial, Summary
from portal.notices import UNSUBSCRIBE_SALT
from registrations.enums import Appearance, InterestStatus, ProposalStatus, SelectionStatus
from registrations.models import RESPOND_SALT, Selection
from registrations.services.reviews import assign_reviewer
from stakeholders.enums import StaffRole, Verification
from stakeholders.models import Invitation, JoinRequest, Membership
from stakeholders.photos import save_speaker_profile
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFactory,
    SideEventProposalFactory,
    UserFactory,
    admin_of,
    call,
    consultation,
    grant,
    pdf,
    photo,
    submission,
    written_call,
)

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "stakeholder", "organization admin", "focal point", "reviewer", "secretariat"]
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"visitor"}
MANAGERS = {"focal point", "secretariat"}

# (method, url, roles allowed, status when allowed)
MATRIX = [
    ("get", "/en/", EVERYONE, 200),
    ("get", "/healthz", EVERYONE, 200),
    ("get", "/favicon.ico", EVERYONE, 302),
    ("get", "/en/calls/", EVERYONE, 200),
    ("get", "/en/consultations/published/", EVERYONE, 200),
    ("get", "/en/calls/feed/", EVERYONE, 200),
    ("get", "/consultations/published.ics", EVERYONE, 200),
    ("get", "/en/stakeholders/", EVERYONE, 200),
    ("get", "/en/stakeholders/listed/", EVERYONE, 200),
    ("get", "/en/stakeholders/welcome/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/name/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/join/", SIGNED_IN, 200),
    # A request to join {listed}: its person withdraws it; the organization's admins and the secretariat answer it.
    ("post", "/en/stakeholders/join-requests/{join_request}/withdraw/", {"stakeholder"}, 302),
    ("get", "/en/stakeholders/listed/members/requests/{join_request}/", {"organization admin", "secretariat"}, 200),
    ("post", "/en/stakeholders/listed/members/requests/{join_request}/", {"organization admin", "secretariat"}, 200),
    ("get", "/en/stakeholders/profile/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/profile/speaker/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/register-organization/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/my-data/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/my-data/download/", SIGNED_IN, 200),
    ("get", "/en/stakeholders/my-data/delete/", SIGNED_IN, 200),
    # Two-step sign-in (allauth.mfa), anyone's choice and staff's duty; its other pages are allauth's own,
    # checked with the requirement on in tests/test_mfa.py.
    ("get", "/en/accounts/2fa/", SIGNED_IN, 200),
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
    # The reviewer is assigned to the consultation of {speak}: they review its call, they do not select.
    ("get", "/en/manage/calls/{speak}/reviews/", {"reviewer", "secretariat"}, 200),
    ("get", "/en/manage/calls/{speak}/selection/", {"secretariat"}, 200),
    ("get", "/en/manage/calls/{support}/funding/", {"secretariat"}, 200),
    # Side events are decided by the secretariat and the focal points of the consultation's region.
    ("get", "/en/manage/calls/{side_event}/side-events/", MANAGERS, 200),
    # Documents and links of the programme: the same people manage them; everyone opens the public ones,
    # confirmed participants (the stakeholder holds a seat) and the organizers the others.
    ("get", "/en/manage/consultations/published/joining/", MANAGERS, 200),
    ("post", "/en/manage/consultations/published/joining/", MANAGERS, 302),
    ("get", "/en/manage/consultations/published/materials/", MANAGERS, 200),
    ("post", "/en/manage/consultations/published/materials/{material}/remove/", MANAGERS, 302),
    ("get", "/en/materials/{material}/", EVERYONE, 200),
    ("get", "/en/materials/{participants_material}/", {"stakeholder", "focal point", "secretariat"}, 200),
    ("get", "/en/manage/calls/{speak}/selection/settings/", {"secretariat"}, 200),
    ("get", "/en/manage/consultations/published/registrations/", MANAGERS, 200),
    ("get", "/en/manage/consultations/published/registrations/?format=csv", MANAGERS, 200),
    # The staff home: what waits for each member of staff (a rapporteur's own is tested apart).
    ("get", "/en/manage/home/", {"focal point", "reviewer", "secretariat"}, 200),
    ("get", "/en/manage/", MANAGERS, 200),
    ("get", "/en/manage/consultations/new/", MANAGERS, 200),
    ("get", "/en/manage/consultations/draft/", MANAGERS, 200),
    ("get", "/en/manage/consultations/draft/edit/", MANAGERS, 200),
    ("get", "/en/manage/consultations/draft/preview/", MANAGERS, 200),
    ("post", "/en/manage/consultations/draft/submit/", MANAGERS, 302),
    ("post", "/en/manage/consultations/draft/submit-with-calls/", MANAGERS, 302),
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
    # What a person does with their own answers; everyone else is refused.
    ("get", "/en/my-participation/interests/{interest}/edit/", {"stakeholder"}, 200),
    ("get", "/en/my-participation/interests/{interest}/how-speakers-are-chosen/", {"stakeholder"}, 200),
    ("get", "/en/my-participation/interests/{interest}/appearance/", {"stakeholder"}, 200),
    ("post", "/en/my-participation/interests/{interest}/withdraw/", {"stakeholder"}, 302),
    ("post", "/en/my-participation/registrations/{registration}/cancel/", {"stakeholder"}, 302),
    # Nothing irreversible in one click: each of these asks first on a page of its own (GET changes nothing).
    ("get", "/en/my-participation/registrations/{registration}/cancel/", {"stakeholder"}, 200),
    ("get", "/en/my-participation/interests/{interest}/withdraw/", {"stakeholder"}, 200),
    ("get", "/en/my-participation/registrations/{registration}/switch/", {"stakeholder"}, 200),
    ("post", "/en/my-participation/registrations/{registration}/switch/", {"stakeholder"}, 302),
    ("get", "/en/manage/calls/{speak}/reviews/{interest}/", {"reviewer", "secretariat"}, 200),
    # Speakers who chose to appear by name (this one with their photo), and a session's calendar.
    ("get", "/en/speakers/{speaker}/", EVERYONE, 200),
    ("get", "/photos/{photo}", EVERYONE, 200),
    ("get", "/en/consultations/published/sessions/{session}.ics", EVERYONE, 200),
    # How a call was run, once its selection is published: a public record, and its CSV.
    ("get", "/en/calls/{run}/how-it-was-run/", EVERYONE, 200),
    ("get", "/en/calls/{run}/how-it-was-run/?format=csv", EVERYONE, 200),
    # Signed links of e-mails: the token is the proof, no sign-in needed.
    ("get", "/en/speakers/{respond}/", EVERYONE, 200),
    ("post", "/en/speakers/{respond}/", EVERYONE, 200),
    ("get", "/en/speakers/{respond}/decline/", EVERYONE, 200),
    ("get", "/en/calls/subscribe/{subscription}/", EVERYONE, 200),
    ("get", "/en/unsubscribe/{unsubscribe}/", EVERYONE, 200),
    ("post", "/en/unsubscribe/{unsubscribe}/", EVERYONE, 200),
    # The activity log: the secretariat's alone (each object's own history shows on its page above).
    ("get", "/en/manage/activity/", {"secretariat"}, 200),
    ("get", "/en/manage/activity/?kind=&person=x&since=2026-01-01&until=2026-12-31", {"secretariat"}, 200),
    # Participation indicators: public, every count published in bands (indicators/).
    ("get", "/en/indicators/", EVERYONE, 200),
    ("get", "/en/indicators/?format=csv", EVERYONE, 200),
    ("get", "/en/indicators/published/", EVERYONE, 200),
    ("get", "/en/indicators/published/?format=csv", EVERYONE, 200),
    # The open data API, its OpenAPI document and documentation: public, the same for everyone.
    ("get", "/api/v1/", EVERYONE, 200),
    ("get", "/api/v1/calls/", EVERYONE, 200),
    ("get", "/api/v1/calls/{attend}/", EVERYONE, 200),
    ("get", "/api/v1/consultations/", EVERYONE, 200),
    ("get", "/api/v1/consultations/published/", EVERYONE, 200),
    ("get", "/api/v1/side-events/", EVERYONE, 200),
    ("get", "/api/v1/side-events/{accepted_side_event}/", EVERYONE, 200),
    ("get", "/api/v1/summaries/", EVERYONE, 200),
    ("get", "/api/v1/summaries/published/", EVERYONE, 200),
    ("get", "/api/v1/submissions/", EVERYONE, 200),
    ("get", "/api/v1/submissions/{published_submission}/", EVERYONE, 200),
    ("get", "/api/v1/organizations/", EVERYONE, 200),
    ("get", "/api/v1/organizations/listed/", EVERYONE, 200),
    ("get", "/api/v1/objectives/", EVERYONE, 200),
    ("get", "/api/v1/objectives/1/", EVERYONE, 200),
    ("get", "/api/v1/regions/", EVERYONE, 200),
    ("get", "/api/v1/sub-regions/", EVERYONE, 200),
    ("get", "/api/v1/categories/", EVERYONE, 200),
    ("get", "/api/v1/indicators/", EVERYONE, 200),
    ("get", "/api/v1/indicators/published/", EVERYONE, 200),
    ("get", "/api/v1/call-records/", EVERYONE, 200),
    ("get", "/api/v1/call-records/{run}/", EVERYONE, 200),
    ("get", "/api/schema/", EVERYONE, 200),
    ("get", "/api/docs/", EVERYONE, 200),
    # A new view needs its row here, for every role: test_every_url_pattern_has_a_row fails until it has one.
]
# What the POST rows send, where the view needs more than the button.
POST_DATA = {
    "/en/speakers/{respond}/": {"answer": "confirm"},
    "/en/my-participation/registrations/{registration}/switch/": {"action": "switch"},
}
# Not ours to check: the Django admin (staff only, its own permissions) and allauth's account pages.
NOT_IN_THE_MATRIX = ("admin", "allauth")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end. Each test runs in a
    savepoint of its own within it, so a POST row that revokes, removes or moderates leaves the world
    as it was for the next test."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


def build_world():
    """One person per role, a listed organization with its admin, a pending one, a role to revoke, and the
    answers, submissions and signed links the rows act on."""
    listed = OrganizationFactory(slug="listed")
    published = consultation(slug="published", status=PublicationStatus.PUBLISHED)
    pending = OrganizationFactory(slug="pending", verification=Verification.PENDING)
    people = {role: ProfileFactory().person for role in ROLES if role != "visitor"}
    admin_of(listed, people["organization admin"])
    grant(people["focal point"], StaffRole.FOCAL_POINT, commission="ECA")
    grant(people["reviewer"], StaffRole.REVIEWER)
    grant(people["secretariat"], StaffRole.SECRETARIAT)
    assign_reviewer(published, by=None, reviewer=people["reviewer"])
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
    speak = call(consultation=published, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED)
    support = call(consultation=published, kind=CallKind.FUNDING_SUPPORT, status=PublicationStatus.PUBLISHED)
    side_event = call(consultation=published, kind=CallKind.SIDE_EVENT, status=PublicationStatus.PUBLISHED)
    SideEventProposalFactory(call=side_event)
    accepted_side_event = SideEventProposalFactory(
        call=side_event, status=ProposalStatus.ACCEPTED, starts_at=published.starts_at
    )
    Summary.objects.create(consultation=published, body_en="What we heard.", published_at=timezone.now())
    selected = ExpressionOfInterestFactory(
        call=speak, status=InterestStatus.SELECTED, confirm_by=timezone.now() + timedelta(days=7)
    )
    speaker = ProfileFactory().person
    profile = save_speaker_profile(
        speaker, by=speaker, affiliation="", biography="", biography_language="", photo=photo()
    )
    ExpressionOfInterestFactory(call=speak, person=speaker, status=InterestStatus.CONFIRMED, appearance=Appearance.FULL)
    written = written_call()
    run = call(consultation=published, kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED)
    Selection.objects.create(call=run, status=SelectionStatus.PUBLISHED, published_at=timezone.now())
    subscription = CallSubscription.objects.create(email="subscriber@example.org", language="en")
    ids = {
        "pending": pending.pk,
        "grant": revocable.pk,
        "member": member.pk,
        "token": invitation.token,
        "join_request": JoinRequest.objects.create(person=people["stakeholder"], organization=listed).pk,
        "draft_call": call(consultation=draft).pk,
        "attend": attend.pk,
        "speak": speak.pk,
        "run": run.pk,
        "support": support.pk,
        "side_event": side_event.pk,
        "accepted_side_event": accepted_side_event.pk,
        "material": SessionMaterial.objects.create(
            consultation=published, title="Programme", language="en", document=pdf()
        ).pk,
        "participants_material": SessionMaterial.objects.create(
            consultation=published,
            title="Slides",
            language="en",
            document=pdf(),
            audience=MaterialAudience.PARTICIPANTS,
        ).pk,
        "written": written.pk,
        "received": submission(call=written, may_publish=True).pk,
        "published_submission": submission(
            call=written, document=pdf(), may_publish=True, status=SubmissionStatus.PUBLISHED
        ).pk,
        "interest": ExpressionOfInterestFactory(call=speak, person=people["stakeholder"]).pk,
        "registration": RegistrationFactory(call=attend, person=people["stakeholder"]).pk,
        "respond": signing.dumps({"interest": selected.pk}, salt=RESPOND_SALT),
        "subscription": subscription.token,
        "speaker": speaker.pk,
        "photo": profile.photo.name.removeprefix("photos/"),
        "session": SessionFactory(consultation=published).pk,
        "unsubscribe": signing.dumps(
            {"email": subscription.email, "scope": "calls"}, salt=UNSUBSCRIBE_SALT, compress=True
        ),
    }
    return {"people": people, "ids": ids}


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name or route, route) of every view of the project, the admin's and allauth's excepted."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_module, "__name__", "")
            if entry.app_name in NOT_IN_THE_MATRIX or module.startswith(NOT_IN_THE_MATRIX):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else route), route


def covered_by(url):
    match = resolve(urlsplit(url).path)
    return match.view_name or match.route


def test_every_url_pattern_has_a_row(world):
    covered = {covered_by(url.format(**world["ids"])) for _method, url, _allowed, _status in MATRIX}

    missing = sorted(f"{name} ({route})" for name, route in url_patterns() if name not in covered)

    assert missing == [], "views without a row in MATRIX: " + ", ".join(missing)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "url", "allowed", "status"), MATRIX, ids=[f"{m} {u}" for m, u, _a, _s in MATRIX])
def test_access(client, world, role, method, url, allowed, status):
    if role != "visitor":
        client.force_login(world["people"][role])

    arguments = [POST_DATA[url]] if url in POST_DATA else []
    response = getattr(client, method)(url.format(**world["ids"]), *arguments)

    if role in allowed:
        assert response.status_code == status
    elif role == "visitor":
        assert response.status_code == 302
        assert response.url.startswith("/en/accounts/login/")
    else:
        assert response.status_code == 403

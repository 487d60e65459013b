"""The staff home: what waits for each member of staff, scoped by their role and place, in a fixed
number of queries; staff land there after signing in, everyone else keeps their usual way in."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from consultations.enums import CallKind, PublicationStatus
from consultations.models import Summary
from registrations.enums import InterestStatus, SelectionStatus
from registrations.models import Selection
from registrations.services.reviews import assign_reviewer
from stakeholders.enums import StaffRole, Verification
from tests.factories import (
    PASSWORD,
    ExpressionOfInterestFactory,
    FundingApplicationFactory,
    OrganizationFactory,
    ProfileFactory,
    ReviewFactory,
    SideEventProposalFactory,
    UserFactory,
    admin_of,
    call,
    consultation,
    grant,
    submission,
)

pytestmark = pytest.mark.django_db

NOW = datetime.now(UTC)
PUBLISHED = PublicationStatus.PUBLISHED
HOME = "/en/manage/home/"


def in_kenya(**fields):
    """A published consultation of Kenya three weeks ahead, unless told otherwise."""
    starts_at = fields.pop("starts_at", NOW + timedelta(days=21))
    return consultation(
        country="KE",
        commission="",
        status=fields.pop("status", PUBLISHED),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=8),
        **fields,
    )


def closed_call(place, kind):
    """A published call of the consultation that closed yesterday."""
    return call(
        consultation=place,
        kind=kind,
        status=PUBLISHED,
        opens_at=NOW - timedelta(days=30),
        closes_at=NOW - timedelta(days=1),
    )


@pytest.fixture
def staff():
    """The secretariat, focal points of Kenya and of Mexico, a reviewer, and a stakeholder."""
    roles = {
        "secretariat": (StaffRole.SECRETARIAT, {}),
        "kenya": (StaffRole.FOCAL_POINT, {"country": "KE"}),
        "mexico": (StaffRole.FOCAL_POINT, {"country": "MX"}),
        "reviewer": (StaffRole.REVIEWER, {}),
    }
    people = {name: ProfileFactory().person for name in [*roles, "stakeholder"]}
    for name, (role, scope) in roles.items():
        grant(people[name], role, **scope)
    return people


def workload(staff, number):
    """`number` of each kind of work, all in Kenya: the reviewer is assigned to every consultation."""
    for _ in range(number):
        consultation(status=PublicationStatus.SUBMITTED)
        call(status=PublicationStatus.SUBMITTED)
        OrganizationFactory(verification=Verification.PENDING)
        submission()
        in_kenya(status=PublicationStatus.RETURNED)
        # A call to speak that closed: one expression of interest to review, then a selection to make.
        place = in_kenya()
        assign_reviewer(place, by=None, reviewer=staff["reviewer"])
        ExpressionOfInterestFactory(call=closed_call(place, CallKind.SPEAK))
        # A published selection whose speaker has a day left to confirm.
        chosen = closed_call(place, CallKind.SPEAK)
        Selection.objects.create(call=chosen, status=SelectionStatus.PUBLISHED)
        ExpressionOfInterestFactory(call=chosen, status=InterestStatus.SELECTED, confirm_by=NOW + timedelta(days=1))
        FundingApplicationFactory(call=closed_call(place, CallKind.FUNDING_SUPPORT))
        SideEventProposalFactory(call=closed_call(place, CallKind.SIDE_EVENT))
        # A consultation that ended last week without a summary; the stakeholder is its rapporteur.
        in_kenya(starts_at=NOW - timedelta(days=7), rapporteur=staff["stakeholder"])


def counts(client, person):
    client.force_login(person)
    response = client.get(HOME)
    assert response.status_code == 200
    return {line.kind: line.count for line in response.context["waiting"]}


def test_the_secretariat_sees_everything_that_waits_everywhere(client, staff):
    workload(staff, 2)

    assert counts(client, staff["secretariat"]) == {
        "confirmations": 2,
        "selections": 2,
        "side-events": 2,
        "funding": 2,
        "consultations-to-approve": 2,
        "calls-to-approve": 2,
        "organizations": 2,
        "submissions": 2,
        "summaries": 2,
    }


def test_a_focal_point_sees_the_work_of_their_own_country_only(client, staff):
    workload(staff, 2)

    assert counts(client, staff["kenya"]) == {"side-events": 2, "consultations-returned": 2}
    assert counts(client, staff["mexico"]) == {}


def test_a_focal_point_hears_of_a_call_returned_to_them(client, staff):
    call(consultation=in_kenya(), status=PublicationStatus.RETURNED)

    assert counts(client, staff["kenya"]) == {"calls-returned": 1}


def test_a_reviewer_sees_the_reviews_of_the_consultations_assigned_to_them(client, staff):
    workload(staff, 2)
    elsewhere = closed_call(in_kenya(), CallKind.SPEAK)  # not assigned to them
    ExpressionOfInterestFactory(call=elsewhere)

    assert counts(client, staff["reviewer"]) == {"reviews": 2}


def test_reviews_to_do_leave_out_what_is_scored_withdrawn_or_their_own_organizations(client, staff):
    reviewer = staff["reviewer"]
    place = in_kenya()
    assign_reviewer(place, by=None, reviewer=reviewer)
    speak = closed_call(place, CallKind.SPEAK)
    ReviewFactory(interest=ExpressionOfInterestFactory(call=speak), reviewer=reviewer)
    own = OrganizationFactory()
    admin_of(own, reviewer)
    ExpressionOfInterestFactory(call=speak, organization=own)
    ExpressionOfInterestFactory(call=speak, status=InterestStatus.WITHDRAWN)
    ExpressionOfInterestFactory(call=speak, person=reviewer)
    next_one = ExpressionOfInterestFactory(call=speak)
    ExpressionOfInterestFactory(call=speak)
    client.force_login(reviewer)

    response = client.get(HOME)

    (line,) = response.context["waiting"]
    assert line.count == 2
    assert line.text == "2 expressions of interest wait for your review."
    (place_to_review,) = line.places
    assert place_to_review.next_url == f"/en/manage/calls/{speak.pk}/reviews/{next_one.pk}/"
    assert place_to_review.url == f"/en/manage/calls/{speak.pk}/reviews/"


def test_reviews_stop_once_the_selection_is_published(client, staff):
    place = in_kenya()
    assign_reviewer(place, by=None, reviewer=staff["reviewer"])
    speak = closed_call(place, CallKind.SPEAK)
    ExpressionOfInterestFactory(call=speak)
    Selection.objects.create(call=speak, status=SelectionStatus.PUBLISHED)

    assert counts(client, staff["reviewer"]) == {}


def test_only_confirmations_due_within_two_days_are_shown(client, staff):
    speak = closed_call(in_kenya(), CallKind.SPEAK)
    Selection.objects.create(call=speak, status=SelectionStatus.PUBLISHED)
    for days in (-1, 1, 1.5, 5):
        ExpressionOfInterestFactory(call=speak, status=InterestStatus.SELECTED, confirm_by=NOW + timedelta(days=days))

    assert counts(client, staff["secretariat"]) == {"confirmations": 2}


def test_a_selection_is_asked_for_only_while_the_consultation_is_ahead(client, staff):
    past = in_kenya(starts_at=NOW - timedelta(days=3))
    Summary.objects.create(consultation=past, body_en="Outcome", published_at=NOW)
    ExpressionOfInterestFactory(call=closed_call(past, CallKind.SPEAK))
    ExpressionOfInterestFactory(call=closed_call(in_kenya(), CallKind.SPEAK), status=InterestStatus.WITHDRAWN)

    assert counts(client, staff["secretariat"]) == {}


def test_side_events_and_funding_wait_until_their_call_closes(client, staff):
    place = in_kenya()
    open_now = {"status": PUBLISHED, "opens_at": NOW - timedelta(days=1), "closes_at": NOW + timedelta(days=5)}
    SideEventProposalFactory(call=call(consultation=place, kind=CallKind.SIDE_EVENT, **open_now))
    FundingApplicationFactory(call=call(consultation=place, kind=CallKind.FUNDING_SUPPORT, **open_now))

    assert counts(client, staff["secretariat"]) == {}


def test_the_rapporteur_sees_the_summary_to_write_and_nothing_else(client, staff):
    workload(staff, 1)

    assert counts(client, staff["stakeholder"]) == {"summaries": 1}


def test_a_published_summary_is_no_longer_waited_for(client, staff):
    ended = in_kenya(starts_at=NOW - timedelta(days=7))
    Summary.objects.create(consultation=ended, body_en="Outcome", published_at=NOW)
    in_kenya(starts_at=NOW - timedelta(days=7), status=PublicationStatus.DRAFT)

    assert counts(client, staff["secretariat"]) == {}


def test_each_line_says_how_many_in_a_sentence_and_links_where_it_is_done(client, staff):
    workload(staff, 1)
    client.force_login(staff["secretariat"])

    response = client.get(HOME)

    lines = {line.kind: line for line in response.context["waiting"]}
    assert lines["organizations"].text == "1 organization waits for verification."
    assert lines["organizations"].places[0].url == "/en/stakeholders/verification/"
    assert lines["submissions"].text == "1 written submission waits for moderation."
    assert lines["consultations-to-approve"].places[0].url == "/en/manage/approvals/"
    assert lines["summaries"].places[0].url.endswith("/summary/")
    assert lines["confirmations"].places[0].url.endswith("/selection/")
    html = response.content.decode()
    for line in lines.values():
        assert line.text in html
        for place in line.places:
            assert f'href="{place.url}"' in html


def test_plurals_follow_the_number(client, staff):
    workload(staff, 3)
    client.force_login(staff["secretariat"])

    lines = {line.kind: line for line in client.get(HOME).context["waiting"]}

    assert lines["organizations"].text == "3 organizations wait for verification."
    assert lines["calls-to-approve"].text == "3 open calls wait for your approval."


def test_nothing_waiting_says_so(client, staff):
    client.force_login(staff["mexico"])

    response = client.get(HOME)

    assert response.context["waiting"] == []
    assert "Nothing waits for you." in response.content.decode()


def test_a_stakeholder_is_refused_and_a_visitor_asked_to_sign_in(client, staff):
    assert client.get(HOME).url.startswith("/en/accounts/login/")
    client.force_login(staff["stakeholder"])

    assert client.get(HOME).status_code == 403


@pytest.mark.parametrize("number", [1, 5])
def test_the_staff_home_runs_a_fixed_number_of_queries(client, staff, django_assert_num_queries, number):
    workload(staff, number)
    client.force_login(staff["secretariat"])

    # Session, person, roles, the reader's time zone, and one query per kind of work.
    with django_assert_num_queries(14):
        client.get(HOME)


@pytest.mark.parametrize("number", [1, 5])
def test_a_focal_points_home_runs_a_fixed_number_of_queries(client, staff, django_assert_num_queries, number):
    workload(staff, number)
    client.force_login(staff["kenya"])

    with django_assert_num_queries(10):
        client.get(HOME)


def sign_in(client, person, next_url=""):
    query = f"?next={next_url}" if next_url else ""
    return client.post(f"/en/accounts/login/{query}", {"login": person.email, "password": PASSWORD})


@pytest.mark.parametrize("role", ["secretariat", "kenya", "reviewer"])
def test_staff_land_on_their_home_after_signing_in(client, staff, role):
    response = sign_in(client, staff[role])

    assert response.status_code == 302
    assert response.url == HOME


def test_a_page_asked_for_before_signing_in_still_comes_first(client, staff):
    response = sign_in(client, staff["secretariat"], next_url="/en/manage/activity/")

    assert response.url == "/en/manage/activity/"


def test_others_keep_their_way_in(client, staff):
    assert sign_in(client, staff["stakeholder"]).url == "/en/"
    client.logout()
    newcomer = UserFactory()
    assert sign_in(client, newcomer).url == "/en/stakeholders/welcome/", "still asked how they take part"


def test_the_navigation_has_one_link_for_staff(client, staff):
    client.force_login(staff["secretariat"])
    staff_page = client.get("/en/calls/").content.decode()
    client.force_login(staff["stakeholder"])
    stakeholder_page = client.get("/en/calls/").content.decode()

    assert f'href="{HOME}"' in staff_page
    assert f'href="{HOME}"' not in stakeholder_page
    assert 'href="/en/manage/activity/"' not in staff_page, "the staff pages are listed on the staff home"


def test_the_staff_home_lists_the_staff_pages_of_the_role(client, staff):
    client.force_login(staff["secretariat"])
    secretariat_home = client.get(HOME).content.decode()
    client.force_login(staff["reviewer"])
    reviewer_home = client.get(HOME).content.decode()

    for url in ("/en/manage/activity/", "/en/stakeholders/roles/", "/en/manage/", "/en/manage/reviews/"):
        assert f'href="{url}"' in secretariat_home
    assert 'href="/en/manage/reviews/"' in reviewer_home
    assert 'href="/en/manage/activity/"' not in reviewer_home


def test_the_review_form_links_the_next_expression_of_interest_to_score(client, staff):
    reviewer = staff["reviewer"]
    place = in_kenya()
    assign_reviewer(place, by=None, reviewer=reviewer)
    speak = closed_call(place, CallKind.SPEAK)
    first, second, third = (ExpressionOfInterestFactory(call=speak) for _ in range(3))
    ReviewFactory(interest=second, reviewer=reviewer)
    client.force_login(reviewer)

    response = client.get(f"/en/manage/calls/{speak.pk}/reviews/{first.pk}/")

    assert response.context["next_interest"] == third
    assert f'href="/en/manage/calls/{speak.pk}/reviews/{third.pk}/"' in response.content.decode()


def test_confirmation_deadlines_are_shown_with_the_month_by_name(client, staff):
    speak = closed_call(in_kenya(), CallKind.SPEAK)
    Selection.objects.create(call=speak, status=SelectionStatus.PUBLISHED)
    deadline = timezone.localtime(NOW + timedelta(days=1), UTC)
    ExpressionOfInterestFactory(call=speak, status=InterestStatus.SELECTED, confirm_by=deadline)
    client.force_login(staff["secretariat"])

    (line,) = client.get(HOME).context["waiting"]

    expected = f"{deadline.day} {deadline:%b} {deadline.year}, {deadline:%H:%M} (UTC)"
    assert line.places[0].detail == f"1 speaker, by {expected}"

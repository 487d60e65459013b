"""Side events: those who manage the consultation accept or decline each proposal with a note, give the
accepted ones a time and a place, and the proposers are told in their language; scheduled side events
appear in the public programme. Each decision is in the activity log; a withdrawn proposal is not decided."""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import Client

from consultations.enums import CallKind, PublicationStatus
from portal import notices
from portal.models import Notice, NoticeState
from registrations.enums import ProposalStatus
from registrations.models import SideEventProposal
from registrations.services.side_events import decide_side_event
from stakeholders.enums import StaffRole
from tests.factories import (
    Failed,
    OrganizationFactory,
    ProfileFactory,
    SideEventProposalFactory,
    UserFactory,
    call,
    consultation,
    grant,
    log_of,
    then_fail,
)

pytestmark = pytest.mark.django_db

# The consultation meets in Nairobi (UTC+3) on 10 March 2027; its side events are typed in its time.
LUNCH_START, LUNCH_END = datetime(2027, 3, 10, 9, 30, tzinfo=UTC), datetime(2027, 3, 10, 10, 45, tzinfo=UTC)


@pytest.fixture
def side_event_call():
    place = consultation(
        status=PublicationStatus.PUBLISHED, country="KE", commission="", title_fr="Consultation du Kenya"
    )
    return call(consultation=place, kind=CallKind.SIDE_EVENT, status=PublicationStatus.PUBLISHED)


@pytest.fixture
def secretariat(client):
    person = ProfileFactory().person
    grant(person, StaffRole.SECRETARIAT)
    client.force_login(person)
    return person


@pytest.fixture
def proposal(side_event_call):
    proposer = ProfileFactory(notice_language="fr").person
    return SideEventProposalFactory(
        call=side_event_call,
        person=proposer,
        organization=OrganizationFactory(name_en="Migrant Workers Voice"),
        title="Fair recruitment in practice",
        co_organizers="Kenya Domestic Workers Union",
    )


def decide(client, proposal, **fields):
    prefix = f"proposal-{proposal.pk}"
    data = {"proposal": proposal.pk, **{f"{prefix}-{name}": value for name, value in fields.items()}}
    return client.post(f"/en/manage/calls/{proposal.call_id}/side-events/", data)


def accept_at_lunch(client, proposal, **fields):
    return decide(
        client,
        proposal,
        decision="accept",
        decision_note="Welcome!",
        starts_at="2027-03-10T12:30",
        ends_at="2027-03-10T13:45",
        place="Room 4, UN Gigiri",
        online_link="https://meet.example.org/fair-recruitment",
        **fields,
    )


def page(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_page_lists_each_proposal_with_what_it_is_and_who_proposed_it(client, secretariat, proposal):
    response = client.get(f"/en/manage/calls/{proposal.call_id}/side-events/")

    html = page(response)
    assert response.status_code == 200
    for shown in (
        "Fair recruitment in practice",
        "Migrant workers speak about fair recruitment.",
        "Kenya Domestic Workers Union",
        "Migrant Workers Voice",
        proposal.person.display_name,
    ):
        assert shown in html


def test_accepting_with_a_time_and_a_place_puts_the_side_event_in_the_public_programme(
    client, secretariat, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = accept_at_lunch(client, proposal)

    assert response.status_code == 302
    assert response.url == f"/en/manage/calls/{proposal.call_id}/side-events/#proposal-{proposal.pk}"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.starts_at, proposal.ends_at) == (ProposalStatus.ACCEPTED, LUNCH_START, LUNCH_END)
    assert (proposal.decided_by, proposal.decision_note, proposal.place) == (
        secretariat,
        "Welcome!",
        "Room 4, UN Gigiri",
    )
    public = page(Client().get(proposal.call.consultation.get_absolute_url()))
    assert "Fair recruitment in practice" in public
    assert "Room 4, UN Gigiri" in public
    assert "March 10, 2027, 12:30 p.m." in public
    assert "1:45 p.m." in public
    # Side events are open events: their link is public; the proposer is not named there.
    assert 'href="https://meet.example.org/fair-recruitment"' in public
    assert proposal.person.display_name not in public
    assert proposal.person.email not in public


def test_accepting_tells_the_proposer_the_time_in_their_own_time_zone(
    client, secretariat, proposal, django_capture_on_commit_callbacks
):
    proposal.person.profile.time_zone = "Europe/Paris"
    proposal.person.profile.save()

    with django_capture_on_commit_callbacks(execute=True):
        accept_at_lunch(client, proposal)

    (message,) = mail.outbox
    assert message.to == [proposal.person.email]
    assert "Fair recruitment in practice" in message.subject
    lines = message.body.splitlines()
    # The zones by their cities in the proposer's language ("heure : Paris UTC+1"), not "Europe/Paris".
    assert any("10:30" in line and "Paris UTC+1)" in line for line in lines), "10:30 in Paris is 12:30 in Nairobi"
    assert any("12:30" in line and "Nairobi UTC+3)" in line for line in lines)
    assert "Room 4, UN Gigiri" in message.body
    assert "Welcome!" in message.body


def test_an_accepted_side_event_without_a_time_yet_stays_off_the_public_page(client, secretariat, proposal):
    decide(client, proposal, decision="accept")

    proposal.refresh_from_db()
    assert proposal.is_accepted
    assert not proposal.is_scheduled
    assert "Fair recruitment in practice" not in page(Client().get(proposal.call.consultation.get_absolute_url()))


def test_declining_tells_the_proposer_in_their_language(
    client, secretariat, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, proposal, decision="decline", decision_note="Le programme est complet.")

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.starts_at, proposal.place) == (ProposalStatus.DECLINED, None, "")
    notice = Notice.objects.get(kind="side-event-declined")
    assert (notice.email, notice.language, notice.state) == (proposal.person.email, "fr", NoticeState.SENT)
    (message,) = mail.outbox
    html = message.alternatives[0].content
    assert 'lang="fr"' in html
    assert "Ma participation" in message.body
    assert "Consultation du Kenya" in message.body
    assert "Le programme est complet." in message.body


def test_a_focal_point_of_another_country_gets_403(client, proposal):
    elsewhere = ProfileFactory().person
    grant(elsewhere, StaffRole.FOCAL_POINT, country="MX")
    client.force_login(elsewhere)

    assert client.get(f"/en/manage/calls/{proposal.call_id}/side-events/").status_code == 403
    assert accept_at_lunch(client, proposal).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RECEIVED


def test_the_focal_point_of_the_consultations_country_decides(client, proposal):
    kenya = ProfileFactory().person
    grant(kenya, StaffRole.FOCAL_POINT, country="KE")
    client.force_login(kenya)

    assert accept_at_lunch(client, proposal).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.ACCEPTED, kenya)


def test_a_start_without_an_end_is_refused_beside_the_field_keeping_what_was_typed(client, secretariat, proposal):
    response = decide(
        client, proposal, decision="accept", decision_note="Welcome!", starts_at="2027-03-10T12:30", place="Room 4"
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["ends_at"] == ["Give the end as well, or leave both times empty until they are known."]
    assert (form["decision_note"].value(), form["place"].value()) == ("Welcome!", "Room 4")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RECEIVED


def test_an_end_before_the_start_is_refused_beside_the_end(client, secretariat, proposal):
    response = decide(
        client, proposal, decision="accept", starts_at="2027-03-10T12:30", ends_at="2027-03-10T11:00", place="Room 4"
    )

    assert response.context["form"].errors["ends_at"] == ["The side event must end after it starts."]


def test_a_time_without_a_place_or_a_link_is_refused(client, secretariat, proposal):
    response = decide(client, proposal, decision="accept", starts_at="2027-03-10T12:30", ends_at="2027-03-10T13:00")

    assert response.context["form"].errors["place"] == [
        "Say where it takes place: a room or place, an online link, or both."
    ]


def test_a_declined_side_event_with_a_time_is_refused_beside_the_time(client, secretariat, proposal):
    response = decide(client, proposal, decision="decline", starts_at="2027-03-10T12:30", ends_at="2027-03-10T13:00")

    errors = response.context["form"].errors
    assert errors["starts_at"] == errors["ends_at"] == ["A declined side event has no time or place: leave this empty."]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RECEIVED


def test_the_errors_come_in_the_language_of_the_page(client, secretariat, proposal):
    response = client.post(
        f"/fr/manage/calls/{proposal.call_id}/side-events/",
        {"proposal": proposal.pk, f"proposal-{proposal.pk}-decision": ""},
    )

    assert response.context["form"].errors["decision"] == ["Ce champ est obligatoire."]


def test_a_withdrawn_proposal_cannot_be_decided(client, secretariat, proposal):
    SideEventProposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.WITHDRAWN)

    listed = page(client.get(f"/en/manage/calls/{proposal.call_id}/side-events/"))
    response = accept_at_lunch(client, proposal)

    assert "The proposers withdrew it: it cannot be decided." in listed
    assert f'name="proposal-{proposal.pk}-decision"' not in listed
    assert response.context["form"].non_field_errors() == [
        "The proposers withdrew this proposal: it can no longer be decided."
    ]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.starts_at) == (ProposalStatus.WITHDRAWN, None)


def test_a_proposal_of_another_call_is_not_found_here(client, secretariat, proposal):
    other = SideEventProposalFactory(call=call(consultation=proposal.call.consultation, kind=CallKind.SIDE_EVENT))

    response = client.post(
        f"/en/manage/calls/{proposal.call_id}/side-events/",
        {"proposal": other.pk, f"proposal-{other.pk}-decision": "accept"},
    )

    assert response.status_code == 404


def test_each_decision_and_each_new_time_is_in_the_activity_log(proposal):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)

    decide_side_event(proposal, by=secretariat, accept=True, note="Welcome!")
    decide_side_event(
        proposal, by=secretariat, accept=True, note="Welcome!", starts_at=LUNCH_START, ends_at=LUNCH_END, place="Room 4"
    )

    assert log_of(proposal) == [
        (secretariat, "status", ProposalStatus.RECEIVED, ProposalStatus.ACCEPTED, "Welcome!"),
        (secretariat, "starts_at", "", "2027-03-10T09:30+00:00", "Room 4"),
    ]


def test_a_decision_rolled_back_leaves_no_row_and_no_notice(proposal):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)

    with pytest.raises(Failed):
        then_fail(lambda: decide_side_event(proposal, by=secretariat, accept=False))

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RECEIVED
    assert log_of(proposal) == []
    assert not Notice.objects.filter(kind="side-event-declined").exists()


def test_a_new_time_tells_the_proposer_again_and_the_outdated_notice_is_not_sent(proposal):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    decide_side_event(proposal, by=secretariat, accept=True)
    first = Notice.objects.get(kind="side-event-accepted")

    decide_side_event(proposal, by=secretariat, accept=True, starts_at=LUNCH_START, ends_at=LUNCH_END, place="Room 4")

    assert Notice.objects.filter(kind="side-event-accepted").count() == 2
    assert notices.deliver(first.pk) == NoticeState.CANCELLED
    assert mail.outbox == []


def test_a_note_corrected_alone_tells_nobody_again(proposal):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    decide_side_event(proposal, by=secretariat, accept=False, note="Full.")

    decide_side_event(proposal, by=secretariat, accept=False, note="The programme is full.")

    assert Notice.objects.filter(kind="side-event-declined").count() == 1
    proposal.refresh_from_db()
    assert proposal.decision_note == "The programme is full."


def test_the_workspace_links_the_proposals_of_a_side_event_call(client, secretariat, proposal):
    workspace = page(client.get(f"/en/manage/consultations/{proposal.call.consultation.slug}/"))

    assert f'href="/en/manage/calls/{proposal.call_id}/side-events/"' in workspace

"""Nothing irreversible in one click: cancelling a registration, declining a speaking slot,
withdrawing an answer and deleting an account each ask first, on a page of their own. Its GET says
what will happen and changes nothing; its POST acts; no JavaScript is needed."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.enums import CallKind, Modality, PublicationStatus
from registrations.enums import (
    Attendance,
    FundingStatus,
    InterestStatus,
    ProposalStatus,
    RegistrationStatus,
    SelectionStatus,
)
from registrations.models import (
    ExpressionOfInterest,
    FundingApplication,
    Registration,
    ReviewCriterion,
    Selection,
    SideEventProposal,
)
from registrations.queries.reviews import settings_of
from registrations.services.answers import register
from tests.factories import (
    ExpressionOfInterestFactory,
    FundingApplicationFactory,
    ProfileFactory,
    ReviewFactory,
    SideEventProposalFactory,
    UserFactory,
    answerable_call,
    call,
    consultation,
)

pytestmark = pytest.mark.django_db
CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


def text_of(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def post_forms_of(response) -> list[str]:
    """Where the page's POST forms send to (a form without an action sends to the page itself),
    signing out excepted."""
    forms = re.findall(r'<form method="post"(?: action="([^"]*)")?', response.content.decode())
    return [action for action in forms if action != "/en/accounts/logout/"]


@pytest.fixture
def person(client):
    person = ProfileFactory().person
    client.force_login(person)
    return person


@pytest.fixture
def full_room():
    """One seat in the room, taken; a hundred online."""
    attend = answerable_call(
        CallKind.ATTEND,
        modality=Modality.HYBRID,
        capacity_in_person=1,
        capacity_online=100,
        title_en="Regional consultation for Africa",
    )
    return attend


def test_cancelling_a_registration_asks_first_and_says_the_seat_goes_on(client, person, full_room):
    mine = register(full_room, by=person, attendance=Attendance.IN_PERSON, consent=True)
    waiting = register(full_room, by=UserFactory(), attendance=Attendance.IN_PERSON, consent=True)
    url = f"/en/my-participation/registrations/{mine.pk}/cancel/"

    asked = client.get(url)

    assert asked.status_code == 200
    assert Registration.objects.get(pk=mine.pk).status == CONFIRMED
    page = text_of(asked)
    assert "Registration to attend — Regional consultation for Africa" in page
    assert "Your place goes at once to the next person on the waiting list. You cannot take it back" in page
    assert post_forms_of(asked) == [""]

    client.post(url)

    assert Registration.objects.get(pk=mine.pk).status == CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == CONFIRMED


def test_cancelling_a_place_on_the_waiting_list_says_the_place_in_line_is_lost(client, person, full_room):
    register(full_room, by=UserFactory(), attendance=Attendance.IN_PERSON, consent=True)
    mine = register(full_room, by=person, attendance=Attendance.IN_PERSON, consent=True)

    asked = client.get(f"/en/my-participation/registrations/{mine.pk}/cancel/")

    assert "You leave the waiting list and lose your place on it." in text_of(asked)
    assert Registration.objects.get(pk=mine.pk).status == WAITLISTED


@pytest.mark.parametrize(
    ("kind", "factory", "model", "withdrawn"),
    [
        ("interests", ExpressionOfInterestFactory, ExpressionOfInterest, InterestStatus.WITHDRAWN),
        ("proposals", SideEventProposalFactory, SideEventProposal, ProposalStatus.WITHDRAWN),
        ("applications", FundingApplicationFactory, FundingApplication, FundingStatus.WITHDRAWN),
    ],
)
def test_withdrawing_an_answer_asks_first(client, person, kind, factory, model, withdrawn):
    place = consultation(title_en="Regional consultation for Africa")
    call_kind = {
        "interests": CallKind.SPEAK,
        "proposals": CallKind.SIDE_EVENT,
        "applications": CallKind.FUNDING_SUPPORT,
    }
    answer = factory(person=person, call=call(consultation=place, kind=call_kind[kind]))
    url = f"/en/my-participation/{kind}/{answer.pk}/withdraw/"

    asked = client.get(url)

    assert asked.status_code == 200
    assert model.objects.get(pk=answer.pk).status != withdrawn
    assert "— Regional consultation for Africa" in text_of(asked)
    assert "You cannot take this back" in text_of(asked)
    assert post_forms_of(asked) == [""]

    client.post(url)

    assert model.objects.get(pk=answer.pk).status == withdrawn


def test_my_participation_links_to_the_confirmations_and_has_no_one_click_button(client, person, full_room):
    registration = register(full_room, by=person, attendance=Attendance.IN_PERSON, consent=True)
    interest = ExpressionOfInterestFactory(person=person)
    proposal = SideEventProposalFactory(person=person)
    application = FundingApplicationFactory(person=person)

    response = client.get("/en/my-participation/")

    page = text_of(response)
    for url in (
        f"/en/my-participation/registrations/{registration.pk}/cancel/",
        f"/en/my-participation/registrations/{registration.pk}/switch/",
        f"/en/my-participation/interests/{interest.pk}/withdraw/",
        f"/en/my-participation/proposals/{proposal.pk}/withdraw/",
        f"/en/my-participation/applications/{application.pk}/withdraw/",
    ):
        assert f'href="{url}"' in page
    assert post_forms_of(response) == []


# Declining a speaking slot, from the signed link of the e-mail


@pytest.fixture
def speak():
    """A published selection of one speaker, who has to answer, and one reviewed person in reserve."""
    speak = call(consultation=consultation(status=PublicationStatus.PUBLISHED), kind=CallKind.SPEAK)
    criterion = ReviewCriterion.objects.create(selection_settings=settings_of(speak), name="Relevance", weight=100)
    selected = ExpressionOfInterestFactory(
        call=speak, status=InterestStatus.SELECTED, confirm_by=timezone.now() + timedelta(days=3)
    )
    reserve = ExpressionOfInterestFactory(call=speak, status=InterestStatus.RESERVE)
    for interest, score in ((selected, 5), (reserve, 4)):
        ReviewFactory(interest=interest, scores={str(criterion.pk): score})
    Selection.objects.create(call=speak, status=SelectionStatus.PUBLISHED, selected=[selected.pk], reserve=[reserve.pk])
    return {"selected": selected, "reserve": reserve}


@pytest.fixture
def selected(speak):
    return speak["selected"]


def test_the_respond_page_links_to_declining_and_has_no_decline_button(client, selected):
    response = client.get(selected.respond_path())

    page = text_of(response)
    assert f'href="{selected.decline_path()}"' in page
    assert 'value="decline"' not in page


def test_declining_a_slot_asks_first_and_says_it_goes_to_the_reserve(client, speak, selected):
    asked = client.get(selected.decline_path())

    assert asked.status_code == 200
    assert ExpressionOfInterest.objects.get(pk=selected.pk).status == InterestStatus.SELECTED
    assert "Your slot is offered at once to the next person on the reserve list. You cannot take it back." in text_of(
        asked
    )

    client.post(selected.decline_path())

    assert ExpressionOfInterest.objects.get(pk=selected.pk).status == InterestStatus.DECLINED
    assert ExpressionOfInterest.objects.get(pk=speak["reserve"].pk).status == InterestStatus.SELECTED


def test_a_decline_sent_from_an_old_respond_page_is_asked_again(client, selected):
    response = client.post(selected.respond_path(), {"answer": "decline"})

    assert response.url == selected.decline_path()
    assert ExpressionOfInterest.objects.get(pk=selected.pk).status == InterestStatus.SELECTED


# Deleting an account


def test_deleting_an_account_asks_first_and_says_what_it_ends(client, person, full_room):
    register(full_room, by=person, attendance=Attendance.IN_PERSON, consent=True)
    ExpressionOfInterestFactory(person=person, call=call(consultation=full_room.consultation, kind=CallKind.SPEAK))

    asked = client.get("/en/stakeholders/my-data/delete/")

    assert asked.status_code == 200
    assert asked.context["ended"] == [
        "Registration to attend — Regional consultation for Africa: cancelled, and your place goes to the next "
        "person waiting.",
        "Expression of interest to speak — Regional consultation for Africa: withdrawn.",
    ]
    person.refresh_from_db()
    assert person.is_active
    assert post_forms_of(asked) == [""]

    client.post("/en/stakeholders/my-data/delete/")

    person.refresh_from_db()
    assert not person.is_active
    assert Registration.objects.get(person=person).status == CANCELLED

"""What a participant reads tells the truth: that they wait and at which place, the registration
they already have, each answer named by its call and consultation, amounts with their currency, and
counts in the plural forms of their language."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from consultations.enums import CallKind, Modality
from registrations.enums import Attendance, RegistrationStatus
from registrations.forms.answers import InterestForm, RegistrationForm
from registrations.models import Registration
from registrations.services.answers import register
from tests.factories import (
    ExpressionOfInterestFactory,
    FundingApplicationFactory,
    ProfileFactory,
    SideEventProposalFactory,
    UserFactory,
    answerable_call,
    call,
)

pytestmark = pytest.mark.django_db


def open_call(**consultation_fields):
    """One seat in the room and a hundred online, unless told otherwise."""
    seats = {"modality": Modality.HYBRID, "capacity_in_person": 1, "capacity_online": 100}
    return answerable_call(CallKind.ATTEND, **{**seats, **consultation_fields})


def register_for(attend, person=None, attendance=Attendance.IN_PERSON):
    return register(attend, by=person or UserFactory(), attendance=attendance, consent=True)


def text_of(response) -> str:
    """The page with its layout whitespace folded and the <bdi> isolating each title (with its lang)
    left out; non-breaking spaces, which belong to the text, stay."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"</?bdi[^>]*>", "", response.content.decode()))


@pytest.fixture
def person(client):
    person = ProfileFactory().person
    client.force_login(person)
    return person


# Waiting, said as it is


def test_a_person_who_lands_on_the_waiting_list_is_told_so_with_their_place_never_that_they_are_registered(
    client, person
):
    attend = open_call()
    register_for(attend)  # takes the only seat
    register_for(attend)  # waits first

    response = client.post(f"/en/calls/{attend.pk}/answer/", {"attendance": "in-person", "consent": "on"}, follow=True)

    assert Registration.objects.get(person=person).status == RegistrationStatus.WAITLISTED
    assert [str(message) for message in response.context["messages"]] == [
        "All places of this kind are taken: you are on the waiting list, number 2. "
        "We will write to you as soon as a place is yours."
    ]
    assert "You are registered" not in text_of(response)
    (mine,) = response.context["registrations"]
    assert mine.position == 2
    assert "number 2 on the waiting list" in text_of(response)


def test_a_person_with_a_seat_is_told_it_is_confirmed(client, person):
    attend = open_call()

    response = client.post(f"/en/calls/{attend.pk}/answer/", {"attendance": "in-person", "consent": "on"}, follow=True)

    assert [str(message) for message in response.context["messages"]] == ["You are registered."]


# Already registered: their registration, not an empty form


def test_a_registered_person_opening_the_form_again_sees_their_registration_with_change_and_cancel(client, person):
    attend = open_call()
    register_for(attend)
    waiting = register_for(attend, person)

    response = client.get(f"/en/calls/{attend.pk}/answer/")

    shown = response.context["registration"]
    assert (shown.pk, shown.attendance, shown.position) == (waiting.pk, Attendance.IN_PERSON, 1)
    page = text_of(response)
    assert "In person · <strong>On the waiting list</strong> · number 1 on the waiting list" in page
    assert f'href="/en/my-participation/registrations/{waiting.pk}/switch/"' in page
    assert f'href="/en/my-participation/registrations/{waiting.pk}/cancel/"' in page
    assert 'name="consent"' not in page


def test_a_registration_cancelled_before_leaves_the_form_open_to_register_again(client, person):
    attend = open_call()
    cancelled = register_for(attend, person)
    Registration.objects.filter(pk=cancelled.pk).update(status=RegistrationStatus.CANCELLED)

    response = client.get(f"/en/calls/{attend.pk}/answer/")

    assert response.context["registration"] is None
    assert 'name="consent"' in text_of(response)


# My participation: each answer by its call and consultation, amounts with their currency


def test_my_participation_names_each_answer_by_its_call_and_consultation(client, person):
    attend = open_call(title_en="Regional consultation for Africa")
    place = attend.consultation
    register_for(attend, person)
    ExpressionOfInterestFactory(call=call(consultation=place, kind=CallKind.SPEAK), person=person)
    SideEventProposalFactory(call=call(consultation=place, kind=CallKind.SIDE_EVENT), person=person)
    FundingApplicationFactory(
        call=call(consultation=place, kind=CallKind.FUNDING_SUPPORT), person=person, travel_cost=Decimal("420.00")
    )

    page = text_of(client.get("/en/my-participation/"))

    for kind in (
        "Registration to attend",
        "Expression of interest to speak",
        "Side event proposals",
        "Funding support",
    ):
        assert f"{kind} — Regional consultation for Africa" in page
    assert "Estimated travel cost: USD\xa0420" in page


@pytest.mark.parametrize(
    ("language", "cost", "said"),
    [("en", "420.00", "USD\xa0420"), ("en", "1420.50", "USD\xa01,420.50"), ("fr", "1420.50", "1\u202f420,50\xa0USD")],
)
def test_an_amount_carries_its_currency_in_the_readers_language(client, person, language, cost, said):
    FundingApplicationFactory(person=person, travel_cost=Decimal(cost))

    page = text_of(client.get(f"/{language}/my-participation/"))

    assert said in page


# Plurals


def seat_notes(attend, left: int) -> str:
    form = RegistrationForm(call=attend, seats_left={Attendance.IN_PERSON: left, Attendance.ONLINE: 0})
    return dict(form.fields["attendance"].choices)[Attendance.IN_PERSON]


def test_places_left_are_counted_in_english_plurals():
    attend = open_call()

    assert [seat_notes(attend, left) for left in (1, 3, 5)] == [
        "In person (1 place left)",
        "In person (3 places left)",
        "In person (5 places left)",
    ]


def test_places_left_take_the_three_russian_plural_forms():
    attend = open_call()

    with translation.override("ru"):
        notes = [seat_notes(attend, left).replace(str(left), "N") for left in (1, 3, 5)]

    assert len(set(notes)) == 3, notes  # "осталось 1 место", "осталось 3 места", "осталось 5 мест"


def test_the_length_of_a_statement_is_said_in_the_russian_plural_of_the_number():
    speak = answerable_call(CallKind.SPEAK)

    with translation.override("ru"):
        help_text = str(InterestForm(call=speak, person=UserFactory())["statement"].help_text)

    # The number grouped the Russian way, with a no-break space: "2 000".
    assert help_text == "Не более 2\xa0000 символов."  # noqa: RUF001  Russian, not look-alike Latin

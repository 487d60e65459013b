"""The public record of how a call was run: generated from the call, its selection and its history
once the selection is published; counts of people only in bands through portal.counts; changes by hand
counted under their reason's category, never with their written reason or who was swapped."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from consultations.enums import CallKind, PublicationStatus
from consultations.models import OpenCall
from portal.counts import TOTAL, Count, publish
from registrations.engine import Applicant
from registrations.enums import ChangeReason, RuleDimension
from registrations.models import DiversityRule, ManualChange, Selection
from registrations.queries.how_it_was_run import (
    NOT_SELECTED,
    SELECTED,
    how_call_was_run,
)
from registrations.queries.how_it_was_run import _every_group as every_group
from registrations.queries.how_it_was_run import _table as record_table
from registrations.queries.reviews import criteria_of, settings_of
from registrations.services.reviews import set_rubric
from registrations.services.selection import propose_speakers, publish_selection, swap_speakers
from stakeholders.enums import StaffRole
from tests.disclosure import what_is_shown, worked_out
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    ReviewFactory,
    UserFactory,
    call,
    consultation,
    grant,
)

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)
REASON = "Told us privately that Ms Secretname cannot come."
SHORT_NOTICE = "The host government set the dates late."


def applicants(speak, count, *, start=0):
    """`count` expressions of interest: women and men in turn, from one Kenyan organization, scored
    from best to worst in order of arrival."""
    organization = OrganizationFactory(country="KE")
    interests = []
    for number in range(start, start + count):
        person = ProfileFactory(
            gender="woman" if number % 2 else "man", person__display_name=f"Applicant Name{number}"
        ).person
        interest = ExpressionOfInterestFactory(call=speak, person=person, organization=organization)
        scores = {str(criterion.pk): 5 - number % 6 for criterion in criteria_of(speak)}
        ReviewFactory(interest=interest, scores=scores)
        interests.append(interest)
    return interests


def speak_call(**fields):
    published = NOW - timedelta(days=40)
    speak = call(
        consultation=consultation(status=PublicationStatus.PUBLISHED),
        kind=CallKind.SPEAK,
        status=PublicationStatus.PUBLISHED,
        published_at=published,
        opens_at=published,
        closes_at=published + timedelta(days=10),  # shorter than the rule of 14 days
        short_notice_reason=SHORT_NOTICE,
        **fields,
    )
    settings = settings_of(speak)
    settings.speakers, settings.reserves, settings.one_per_organization = 5, 3, False
    settings.save()
    DiversityRule.objects.create(selection_settings=settings, dimension=RuleDimension.GENDER, value="woman", minimum=2)
    relevance = {
        "names": {"name_en": "Relevance", "name_ar": "الصلة بالموضوع"},
        "provenance": {"en": "original", "ar": "checked"},
        "weight": 60,
    }
    set_rubric(speak, by=None, criteria=[relevance, ("Lived experience", 40)])
    return speak


@pytest.fixture
def secretariat():
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    return person


@pytest.fixture
def world(secretariat):
    """Twelve applied; the engine proposed five; the secretariat swapped one for a reserve, for the
    balance of the selection, with a written reason; the selection is not published yet."""
    speak = speak_call()
    interests = applicants(speak, 12)
    selection = propose_speakers(speak, by=secretariat)
    out = selection.selected[0]
    into = selection.reserve[0]
    swap_speakers(selection, by=secretariat, remove=out, add=into, category=ChangeReason.BALANCE, reason=REASON)
    return {"call": speak, "interests": interests, "selection": selection, "out": out, "into": into}


def page_of(speak, language="en"):
    return f"/{language}/calls/{speak.pk}/how-it-was-run/"


def published(world, secretariat):
    return publish_selection(world["selection"], by=secretariat)


def test_the_record_is_not_found_until_the_selection_is_published(client, world, secretariat):
    assert client.get(page_of(world["call"])).status_code == 404
    assert client.get(page_of(world["call"]) + "?format=csv").status_code == 404
    assert "how-it-was-run" not in client.get(f"/en/calls/{world['call'].pk}/").content.decode()

    published(world, secretariat)

    assert client.get(page_of(world["call"])).status_code == 200


def test_a_call_without_a_selection_has_no_record(client):
    attend = call(
        consultation=consultation(status=PublicationStatus.PUBLISHED),
        kind=CallKind.ATTEND,
        status=PublicationStatus.PUBLISHED,
    )

    assert client.get(page_of(attend)).status_code == 404


def test_the_record_gives_the_dates_the_notice_and_why_it_was_short(client, world, secretariat):
    published(world, secretariat)

    record = how_call_was_run(world["call"])

    assert (record.notice_days, record.rule_days, record.is_short_notice) == (10, 14, True)
    assert record.short_notice_reason == SHORT_NOTICE
    page = client.get(page_of(world["call"])).content.decode()
    assert "10 days from publication to closing." in page
    assert "The rule asks for at least 14 days." in page
    assert SHORT_NOTICE in page


def test_a_notice_long_enough_gives_no_reason(world, secretariat):
    OpenCall.objects.filter(pk=world["call"].pk).update(closes_at=world["call"].opens_at + timedelta(days=20))
    published(world, secretariat)

    record = how_call_was_run(OpenCall.objects.get(pk=world["call"].pk))

    assert (record.notice_days, record.is_short_notice, record.short_notice_reason) == (20, False, "")


def test_counts_of_people_are_in_bands_and_small_ones_hidden(client, world, secretariat):
    published(world, secretariat)

    record = how_call_was_run(world["call"])

    assert record.answers == Count(10, 14)
    assert record.selected == Count(5, 9)
    page = client.get(page_of(world["call"])).content.decode()
    assert "10 to 14" in page
    assert ">12<" not in page, "never an exact count of people"


def test_the_criteria_with_their_weights_and_the_rules_in_the_readers_language(client, world, secretariat):
    published(world, secretariat)

    with translation.override("en"):
        record = how_call_was_run(world["call"])

    assert [(item.name, item.weight) for item in record.criteria] == [("Relevance", 60), ("Lived experience", 40)]
    assert "at least 2 people with Gender: Woman" in record.rules
    assert "exactly 5 speakers" in record.rules
    arabic = client.get(page_of(world["call"], "ar")).content.decode()
    assert "الصلة بالموضوع" in arabic


def test_the_balance_of_those_selected_against_those_who_applied(world, secretariat):
    published(world, secretariat)

    record = how_call_was_run(world["call"])

    by_key = {breakdown.key: breakdown for breakdown in record.balance}
    assert set(by_key) == {"category", "sub_region", "gender"}
    (civil_society,) = by_key["category"].groups
    assert (civil_society.label, civil_society.applied) == ("Civil society organizations", Count(10, 14))
    assert [group.label for group in by_key["sub_region"].groups] == ["Eastern Africa"]
    women = next(group for group in by_key["gender"].groups if group.label == "Woman")
    assert women.applied == Count(5, 9)


def test_no_hidden_count_of_the_balance_can_be_worked_out():
    """The reader of the page, with every figure shown and every sum of the grids (built here from
    their shape), works out no hidden count: 7 applied, 2 selected, in a few groups."""
    people = [(_person(gender, category), selected) for gender, category, selected in POPULATION]
    groups = every_group()
    table = record_table(people, groups)

    known = what_is_shown(publish(table, in_bands=True))

    hidden = [key for key, count in publish(table, in_bands=True).items() if not count.is_shown]
    assert hidden
    assert worked_out(known, grid_sums(groups), hidden) == {}


POPULATION = [
    ("woman", "civil-society", True),
    ("woman", "civil-society", False),
    ("man", "civil-society", False),
    ("man", "civil-society", True),
    ("man", "academia", False),
    ("woman", "academia", False),
    ("non-binary", "academia", False),
    *(("woman", "civil-society", False) for _ in range(6)),
]


def _person(gender, category):
    return Applicant(id=object(), score=0, arrival=0, gender=gender, category=category, sub_region="014")


def grid_sums(groups):
    """Every grid's row sums, column sums and shared totals, from the groups a reader knows exist."""
    columns = (SELECTED, NOT_SELECTED)
    sums = [(TOTAL, [(TOTAL, column) for column in columns], True)]
    for dimension, labelled in groups.items():
        values = [value for value, _label in labelled]
        sums += [
            ((dimension, value, TOTAL), [(dimension, value, column) for column in columns], True) for value in values
        ]
        sums.append((TOTAL, [(dimension, value, TOTAL) for value in values], True))
        sums += [((TOTAL, column), [(dimension, value, column) for value in values], True) for column in columns]
    return sums


def test_the_change_by_hand_is_counted_under_its_category_never_with_its_words_or_names(client, world, secretariat):
    published(world, secretariat)

    record = how_call_was_run(world["call"])

    assert [(item.category, item.count) for item in record.changes_by_hand] == [(ChangeReason.BALANCE, 1)]
    assert record.changes_by_hand_total == 1
    page = client.get(page_of(world["call"])).content.decode()
    assert "Balance of the selection: 1 change" in page
    main = page.split("<main", 1)[1]
    for private in (REASON, "Secretname", "Applicant Name", "@"):
        assert private not in main, private
    assert not re.search(r"#\d", main), "nor anyone's arrival number"
    change = ManualChange.objects.get()
    assert change.activity.note.startswith(REASON), "the written reason stays in the history, for staff"


def test_the_record_downloads_as_csv(client, world, secretariat):
    published(world, secretariat)

    response = client.get(page_of(world["call"]) + "?format=csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Answers", "Expressions of interest to speak received", "10 to 14", "5 to 9"] in rows
    assert ["Criteria", "Relevance", "60 %", ""] in rows
    assert ["Changes by hand", "Balance of the selection", "1", ""] in rows
    assert ["Stakeholder category", "Civil society organizations", "10 to 14", "5 to 9"] in rows
    assert REASON not in response.content.decode()


def test_the_call_page_and_the_programme_link_to_the_record_once_published(client, world, secretariat):
    published(world, secretariat)
    address = page_of(world["call"])

    assert address in client.get(f"/en/calls/{world['call'].pk}/").content.decode()
    assert address in client.get(world["call"].consultation.get_absolute_url()).content.decode()


def test_the_record_takes_as_many_queries_whatever_the_number_of_answers(client, secretariat):
    def queries_for(count):
        speak = speak_call()
        applicants(speak, count)
        publish_selection(propose_speakers(speak, by=secretariat), by=secretariat)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_of(speak)).status_code == 200
        return len(queries)

    assert queries_for(6) == queries_for(30)


def test_a_change_by_hand_needs_a_category_from_the_list(client, secretariat):
    speak = speak_call()
    applicants(speak, 8)
    selection = propose_speakers(speak, by=secretariat)
    client.force_login(secretariat)
    typed = {"action": "swap", "remove": selection.selected[0], "add": selection.reserve[0], "reason": REASON}

    refused = client.post(f"/en/manage/calls/{speak.pk}/selection/", {**typed, "category": ""})

    form = refused.context["swap_form"]
    assert form.errors["category"] == ["Choose why the change is made."]
    assert form["reason"].value() == REASON, "nothing typed is lost"
    assert form["remove"].value() == str(selection.selected[0])
    assert not ManualChange.objects.exists()
    assert Selection.objects.get().selected == selection.selected

    client.post(f"/en/manage/calls/{speak.pk}/selection/", {**typed, "category": ChangeReason.WITHDREW})

    assert ManualChange.objects.get().category == ChangeReason.WITHDREW


def test_the_service_refuses_a_change_by_hand_without_a_known_category(world, secretariat):
    selection = world["selection"]
    with pytest.raises(ValidationError, match=r"Choose why the change is made\."):
        swap_speakers(selection, by=secretariat, remove=world["into"], add=world["out"], category="whim")

    assert ManualChange.objects.count() == 1


def test_the_demo_publishes_a_call_whose_record_counts_its_change_by_hand(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    speak = OpenCall.objects.get(consultation__slug="europe-2026", kind=CallKind.SPEAK)
    record = how_call_was_run(speak)

    assert [(item.category, item.count) for item in record.changes_by_hand] == [(ChangeReason.AVAILABILITY, 1)]
    assert record.notice_days >= record.rule_days, "announced before it opened, as the rule asks"
    page = client.get(page_of(speak)).content.decode()
    assert "Availability or travel: 1 change" in page
    assert "Giulia" not in page
    assert page_of(speak) in client.get(speak.consultation.get_absolute_url()).content.decode()

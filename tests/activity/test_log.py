"""The secretariat's activity log page: rows, filters, who may read it, and a constant query count."""

from datetime import UTC, datetime

import pytest

from stakeholders.enums import Commission, StaffRole
from stakeholders.services import delete_account
from tests.factories import OrganizationFactory, UserFactory, admin_of, consultation, grant, published, verified

pytestmark = pytest.mark.django_db
LOG = "/en/manage/activity/"


def secretariat():
    person = UserFactory(display_name="Amina Secretariat", email="amina@secretariat.example.org")
    grant(person, StaffRole.SECRETARIAT)
    return person


def rows_of(response) -> list[int]:
    return [entry.pk for entry in response.context["entries"]]


@pytest.fixture
def staff_client(client):
    person = secretariat()
    client.force_login(person)
    client.person = person
    return client


def test_log_lists_every_change_newest_first_with_states_in_words(staff_client):
    place = consultation(title_en="Regional consultation for Africa")
    older = published(place, by=staff_client.person, at=datetime(2026, 5, 1, 9, tzinfo=UTC))
    newer = verified(OrganizationFactory(name_en="Migrant Voices"), by=None, note="Papers checked.")

    response = staff_client.get(LOG)

    assert response.status_code == 200
    assert rows_of(response) == [newer.pk, older.pk]
    html = response.content.decode()
    assert "Regional consultation for Africa" in html
    assert "Published" in html
    assert "Papers checked." in html
    assert "the portal" in html
    assert 'datetime="2026-05-01T09:00:00+00:00"' in html


def test_log_names_the_actor_and_shows_the_address_only_as_contact(staff_client):
    person = UserFactory(display_name="", email="nameless@example.org")
    gone = UserFactory(display_name="Gone Person")
    published(consultation(), by=person)
    published(consultation(), by=gone)
    delete_account(gone)

    response = staff_client.get(LOG)

    names = [entry.actor_name for entry in response.context["entries"]]
    contacts = [entry.actor_contact for entry in response.context["entries"]]
    assert names == ["a deleted account", "someone without a display name"]
    assert contacts == ["", "nameless@example.org"]
    assert "Gone Person" not in response.content.decode()


def test_log_filters_by_kind_of_object(staff_client):
    on_consultation = published(consultation(), by=staff_client.person)
    verified(OrganizationFactory(), by=staff_client.person)
    choices = staff_client.get(LOG).context["filter"].form.fields["kind"].choices
    kinds = {str(label): value for value, label in choices if value}

    response = staff_client.get(LOG, {"kind": kinds["Consultation"]})

    assert sorted(kinds) == ["Consultation", "Organization"]
    assert rows_of(response) == [on_consultation.pk]


def test_log_filters_by_person_name_or_address(staff_client):
    focal_point = UserFactory(display_name="Omar Focal", email="omar@jordan.example.org")
    by_focal_point = published(consultation(), by=focal_point)
    published(consultation(), by=staff_client.person)
    published(consultation(), by=None)

    by_name = staff_client.get(LOG, {"person": "omar foc"})
    by_address = staff_client.get(LOG, {"person": "JORDAN.example"})

    assert rows_of(by_name) == [by_focal_point.pk]
    assert rows_of(by_address) == [by_focal_point.pk]


def test_log_filters_by_dates_both_days_included(staff_client):
    place = consultation()
    published(place, by=None, at=datetime(2026, 3, 31, 23, 59, tzinfo=UTC))
    first_day = published(place, by=None, at=datetime(2026, 4, 1, 0, 0, tzinfo=UTC))
    last_day = published(place, by=None, at=datetime(2026, 4, 30, 23, 59, tzinfo=UTC))
    published(place, by=None, at=datetime(2026, 5, 1, 0, 0, tzinfo=UTC))

    response = staff_client.get(LOG, {"since": "2026-04-01", "until": "2026-04-30"})

    assert rows_of(response) == [last_day.pk, first_day.pk]
    html = response.content.decode()
    assert 'type="date"' in html
    assert 'value="2026-04-01"' in html


def test_log_with_an_unknown_kind_shows_nothing_rather_than_everything(staff_client):
    published(consultation(), by=None)

    response = staff_client.get(LOG, {"kind": "999999"})

    assert rows_of(response) == []


def test_log_works_in_arabic_with_the_arrow_pointing_the_reading_way(staff_client):
    published(consultation(), by=None)

    response = staff_client.get("/ar/manage/activity/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "←" in html
    assert "→" not in html


@pytest.mark.parametrize("role", ["stakeholder", "organization admin", "focal point", "reviewer"])
def test_log_is_forbidden_to_every_role_but_the_secretariat(client, role):
    person = UserFactory()
    if role == "organization admin":
        admin_of(OrganizationFactory(), person)
    elif role == "focal point":
        grant(person, StaffRole.FOCAL_POINT, commission=Commission.ECA)
    elif role == "reviewer":
        grant(person, StaffRole.REVIEWER)
    client.force_login(person)

    assert client.get(LOG).status_code == 403


def test_log_sends_visitors_to_sign_in(client):
    response = client.get(LOG)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize("count", [1, 60])
def test_log_query_count_does_not_grow_with_rows(staff_client, django_assert_num_queries, count):
    people = UserFactory.create_batch(3)
    for number in range(count):
        published(consultation(), by=people[number % 3])

    # session, user, role grants, count, rows, the consultations' pages (one query per kind of object
    # that has pages: constant in the rows, not in the kinds shown), reader's time zone, kinds for the filter
    with django_assert_num_queries(8):
        response = staff_client.get(LOG)

    assert len(response.context["entries"]) == min(count, 50)

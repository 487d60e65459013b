"""Each managed object shows its own history on the pages of those who manage it."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template

from activity.queries import history_of
from consultations.enums import PublicationStatus
from registrations.enums import SelectionStatus
from registrations.models import Selection
from stakeholders.enums import Commission, StaffRole
from tests.factories import (
    OrganizationFactory,
    UserFactory,
    admin_of,
    call,
    change,
    consultation,
    grant,
    published,
    verified,
)

pytestmark = pytest.mark.django_db


def history_section(response) -> str:
    html = response.content.decode()
    start = html.index('<section class="history"')
    return html[start : html.index("</section>", start)]


def test_history_of_holds_the_objects_rows_only_newest_first():
    place = consultation()
    organization = OrganizationFactory(pk=place.pk)  # the same id, another kind of object
    first = published(place, by=None, at=datetime(2026, 1, 5, tzinfo=UTC))
    second = change(place, by=None, field="status", before="published", after="cancelled")
    verified(organization, by=None)
    published(consultation(), by=None)

    assert [row.pk for row in history_of(place)] == [second.pk, first.pk]


def test_history_of_nothing_is_empty():
    assert list(history_of(None)) == []


def test_history_tag_reads_the_rows_in_one_query(django_assert_num_queries):
    place = consultation()
    for _number in range(5):
        published(place, by=UserFactory())
    template = Template(
        "{% load activity %}{% history_of place as entries %}"
        "{% for entry in entries %}{{ entry.actor_name }} {{ entry.after_label }}{% endfor %}"
    )

    with django_assert_num_queries(1):
        html = template.render(Context({"place": place}))

    assert html.count("Published") == 5


def test_organization_admins_see_their_organizations_history_and_no_other(client):
    organization = OrganizationFactory(name_en="Migrant Voices")
    other = OrganizationFactory(name_en="Another Network")
    verified(organization, by=None, note="Registration papers checked.")
    verified(other, by=None, note="Not for their eyes.")
    client.force_login(admin_of(organization))

    response = client.get(f"/en/stakeholders/{organization.slug}/members/")

    assert response.status_code == 200
    history = history_section(response)
    assert "Registration papers checked." in history
    assert "Not for their eyes." not in response.content.decode()


def test_focal_points_see_the_history_of_their_consultation(client):
    focal_point = UserFactory()
    grant(focal_point, StaffRole.FOCAL_POINT, commission=Commission.ECA)
    place = consultation(commission=Commission.ECA)
    change(
        place,
        by=UserFactory(display_name="Amina Secretariat"),
        before=PublicationStatus.SUBMITTED,
        after=PublicationStatus.RETURNED,
        note="Add the interpretation languages.",
    )
    client.force_login(focal_point)

    response = client.get(f"/en/manage/consultations/{place.slug}/")

    assert response.status_code == 200
    history = history_section(response)
    assert "Amina Secretariat" in history
    assert "Add the interpretation languages." in history
    assert '<span class="visually-hidden">to</span>' in history


def test_the_secretariat_sees_a_calls_history_where_it_decides(client):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    speak = call(status=PublicationStatus.SUBMITTED)
    change(speak, by=None, before=PublicationStatus.DRAFT, after=PublicationStatus.SUBMITTED, note="Ready.")
    published(speak.consultation, by=None)
    client.force_login(secretariat)

    response = client.get(f"/en/manage/approvals/calls/{speak.pk}/")

    assert response.status_code == 200
    history = history_section(response)
    assert history.count("<li>") == 1
    assert "Ready." in history


def test_the_secretariat_sees_the_selections_history_on_the_selection_page(client):
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    speak = call(status=PublicationStatus.PUBLISHED)
    selection = Selection.objects.create(call=speak)
    change(selection, by=secretariat, before=SelectionStatus.PROPOSED, after=SelectionStatus.PUBLISHED)
    change(speak, by=None, before=PublicationStatus.SUBMITTED, after=PublicationStatus.PUBLISHED, note="Call row.")
    client.force_login(secretariat)

    response = client.get(f"/en/manage/calls/{speak.pk}/selection/")

    assert response.status_code == 200
    history = history_section(response)
    assert history.count("<li>") == 1
    assert "Call row." not in history

"""Dates staff can read: every interface language names the month in its short formats, so that
1 March is never written 03/01 (m/d/Y) nor 01/03; the formats live in portal/formats/."""

import re
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from stakeholders.enums import StaffRole, Verification
from stakeholders.models import Organization
from tests.factories import OrganizationFactory, ProfileFactory, grant

FIRST_OF_MARCH = datetime(2027, 3, 1, 14, 0)
NUMERIC_DATE = re.compile(r"\d{1,2}\s*\W?\s*[/.-]\s*\W?\s*\d{1,2}\s*\W?\s*[/.-]")


@pytest.mark.unit
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("name", ["SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "DATE_FORMAT", "DATETIME_FORMAT"])
def test_every_language_names_the_month(language, name):
    with translation.override(language):
        shown = date_format(FIRST_OF_MARCH, name)

    assert "2027" in shown
    assert not NUMERIC_DATE.search(shown), shown


@pytest.mark.unit
def test_english_staff_dates_read_day_month_year_and_24_hours():
    with translation.override("en"):
        assert date_format(FIRST_OF_MARCH, "SHORT_DATE_FORMAT") == "1 Mar 2027"
        assert date_format(FIRST_OF_MARCH, "SHORT_DATETIME_FORMAT") == "1 Mar 2027, 14:00"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"), [("en", "1 Mar 2027"), ("fr", "1 mars 2027"), ("ru", "1 марта 2027")]
)
def test_a_staff_page_shows_the_month_by_name(client, language, expected):
    secretariat = ProfileFactory().person
    grant(secretariat, StaffRole.SECRETARIAT)
    organization = OrganizationFactory(verification=Verification.PENDING)
    Organization.objects.filter(pk=organization.pk).update(created_at=datetime(2027, 3, 1, 12, 0, tzinfo=UTC))
    client.force_login(secretariat)

    html = client.get(f"/{language}/stakeholders/verification/").content.decode()

    assert expected in html
    assert "03/01/2027" not in html
    assert "01/03/2027" not in html

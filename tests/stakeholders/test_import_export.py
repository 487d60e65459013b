"""The secretariat imports and exports organizations in the admin (django-import-export)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stakeholders.enums import StaffRole
from stakeholders.models import Organization
from stakeholders.services import grant_role
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "slug,name_en,category,country,objectives,languages,is_women_led,website,verification,is_listed_publicly\n"
GOOD_ROW = 'mwvn,Migrant Workers Voice Network,migrant-diaspora,KE,"6,22",en,1,,verified,1\n'
BAD_CATEGORY = "apymf,Asia Pacific Youth Migration Forum,youth-things,TH,,en,0,,verified,1\n"
BAD_COUNTRY = "rdae,Réseau des diasporas africaines,migrant-diaspora,XX,,fr,0,,verified,1\n"
CSV_FORMAT = "0"  # the first format the admin offers: CSV


@pytest.fixture
def secretariat_client(client):
    person = UserFactory()
    grant_role(person, by=person, role=StaffRole.SECRETARIAT)  # the role, not the superuser flag, opens the admin
    client.force_login(person)
    return client


def upload(client, text):
    return client.post(
        "/en/admin/stakeholders/organization/import/",
        {"import_file": SimpleUploadedFile("organizations.csv", text.encode()), "format": CSV_FORMAT},
    )


def test_a_dry_run_reports_each_bad_row_by_line_number_and_imports_nothing(secretariat_client):
    response = upload(secretariat_client, HEADER + GOOD_ROW + BAD_CATEGORY + BAD_COUNTRY)

    html = response.content.decode()
    assert response.status_code == 200
    assert "is not one of" in html
    assert "is not an ISO 3166 country code" in html
    invalid_rows = response.context["result"].invalid_rows
    assert [(row.number, list(row.field_specific_errors)) for row in invalid_rows] == [
        (2, ["category"]),
        (3, ["country"]),
    ]
    assert Organization.objects.count() == 0


def test_a_clean_file_previews_then_imports(secretariat_client):
    response = upload(secretariat_client, HEADER + GOOD_ROW)

    assert response.status_code == 200
    assert Organization.objects.count() == 0, "the first step is a dry run"
    confirm = response.context["confirm_form"]
    secretariat_client.post("/en/admin/stakeholders/organization/process_import/", confirm.initial)

    organization = Organization.objects.get(slug="mwvn")
    assert organization.name_en == "Migrant Workers Voice Network"
    assert sorted(organization.objectives.values_list("number", flat=True)) == [6, 22]
    assert organization.is_women_led


def test_the_export_carries_the_organizations(secretariat_client):
    OrganizationFactory(slug="mwvn", name_en="Migrant Workers Voice Network", country="KE")

    response = secretariat_client.post(
        "/en/admin/stakeholders/organization/export/",
        {
            "format": CSV_FORMAT,
            "resource": "0",
            **{f"organizationresource_{f}": "on" for f in ("slug", "name_en", "country")},
        },
    )

    assert response.status_code == 200
    assert "mwvn,Migrant Workers Voice Network,KE" in response.content.decode()

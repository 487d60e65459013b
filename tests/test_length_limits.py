"""Every free text has a limit, in the model and in the form, and the person sees it before writing:
a text area says "At most N characters." under its label (tied to it by aria-describedby), and a
text beyond it is refused with that limit named, keeping everything typed."""

import re

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from consultations.models import WrittenSubmission
from portal import limits
from tests.factories import ProfileFactory, written_call

OUR_APPS = {"portal", "stakeholders", "consultations", "registrations", "activity"}
# Written by the portal itself, never by a person: the last error of a notice that failed to go.
NOT_TYPED_BY_PEOPLE = {("portal.Notice", "last_error")}


def test_every_free_text_field_of_the_portal_has_a_length_limit():
    unlimited = [
        (model._meta.label, field.name)
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField) and not field.max_length
    ]
    assert set(unlimited) == NOT_TYPED_BY_PEOPLE


def submission_page(client):
    person = ProfileFactory().person
    client.force_login(person)
    return written_call()


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db
def test_a_text_area_says_its_limit_and_ties_it_to_the_field(client):
    call = submission_page(client)

    page = text(client.get(f"/en/calls/{call.pk}/submit/"))

    assert 'maxlength="10000"' in page
    assert re.search(r'<div class="helptext" id="id_text_helptext">[^<]*At most 10,000 characters\.</div>', page)
    assert re.search(r'<textarea [^>]*aria-describedby="id_text_helptext"', page)


@pytest.mark.django_db
def test_the_limit_is_said_in_the_page_language_with_its_grouping(client):
    call = submission_page(client)

    page = client.get(f"/fr/calls/{call.pk}/submit/").content.decode()

    with translation.override("fr"):
        said = translation.ngettext("At most %(count)s character.", "At most %(count)s characters.", 10_000)
    assert said != "At most %(count)s characters.", "the French catalogue translates the limit"
    assert said % {"count": "10\xa0000"} in page, "10 000, grouped the French way"


@pytest.mark.django_db
def test_a_text_beyond_the_limit_is_refused_naming_the_limit_and_keeping_what_was_typed(client):
    call = submission_page(client)
    too_long = "Regular pathways matter. " * 4_000  # 100,000 characters

    response = client.post(
        f"/en/calls/{call.pk}/submit/",
        {"title": "Decent work for migrant workers", "text": too_long, "language": "en", "may_publish": "on"},
    )

    assert response.status_code == 200
    assert not WrittenSubmission.objects.exists()
    page = text(response)
    assert f"Ensure this value has at most {limits.LONG_TEXT:,} characters" in page.replace("10000", "10,000")
    assert 'value="Decent work for migrant workers"' in page
    assert "Regular pathways matter. Regular pathways matter." in page

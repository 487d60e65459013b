"""Written submissions: a stakeholder sends text or a PDF to an open call; the secretariat publishes it
only with the author's consent; an unpublished document is read by nobody but its author and the secretariat."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from consultations.enums import CallKind, PublicationStatus, SubmissionStatus
from consultations.models import WrittenSubmission
from consultations.services import moderate_submission, send_written_submission
from stakeholders.enums import StaffRole
from stakeholders.services import grant_role
from tests.factories import (
    PDF,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    admin_of,
    consultation,
    grant,
    pdf,
    submission,
    written_call,
)

pytestmark = pytest.mark.django_db

NOW = datetime.now(UTC)
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def person(client):
    person = ProfileFactory().person
    client.force_login(person)
    return person


@pytest.fixture
def secretariat():
    person = ProfileFactory().person
    grant(person, StaffRole.SECRETARIAT)
    return person


def send(client, call, *, lang="en", **data):
    fields = {"title": "Decent work for migrant workers", "text": "", "language": "en", **data}
    fields = {name: value for name, value in fields.items() if value is not None}
    return client.post(f"/{lang}/calls/{call.pk}/submit/", fields)


def page(response):
    return re.sub(r"\s+", " ", response.content.decode())


# Sending


def test_a_submission_in_text_only_is_received(client, person):
    call = written_call()

    response = send(client, call, text="Regular pathways matter.", may_publish="on")

    assert response.status_code == 302
    assert response.url == "/en/my-submissions/"
    sent = WrittenSubmission.objects.get()
    assert (sent.call, sent.author, sent.text, sent.document.name) == (call, person, "Regular pathways matter.", "")
    assert (sent.status, sent.may_publish, sent.language) == (SubmissionStatus.RECEIVED, True, "en")
    assert "Your submission “Decent work for migrant workers” is received." in page(client.get(response.url))


def test_a_submission_as_a_pdf_is_received_and_not_served_as_a_media_file(client, person, settings):
    call = written_call()

    response = send(client, call, document=pdf())

    assert response.status_code == 302
    sent = WrittenSubmission.objects.get()
    assert sent.document.read() == PDF
    assert sent.may_publish is False
    assert (settings.MEDIA_ROOT / sent.document.name).exists()
    assert client.get(f"/{settings.MEDIA_URL}{sent.document.name}").status_code == 404


def test_neither_text_nor_pdf_is_refused(client, person):
    response = send(client, written_call(), text="   ")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Write your submission in the text box, attach it as a PDF, or both."
    ]
    assert WrittenSubmission.objects.count() == 0


def test_a_pdf_too_large_is_refused_naming_the_limit_and_keeping_what_was_typed(client, person, settings):
    settings.SUBMISSION_MAX_BYTES = MB

    response = send(
        client,
        written_call(),
        text="Our typed views.",
        document=pdf(content=PDF + b"0" * int(1.5 * MB)),
        may_publish="on",
    )

    html = page(response)
    assert response.status_code == 200
    assert response.context["form"].errors["document"] == ["The file is 1.5\xa0MB; the limit is 1.0\xa0MB."]
    assert "choose your PDF again before sending" in html, "browsers never keep a chosen file"
    assert 'value="Decent work for migrant workers"' in html
    assert "Our typed views.</textarea>" in html
    assert re.search(r'<input type="checkbox" name="may_publish"[^>]* checked', html)
    assert WrittenSubmission.objects.count() == 0


def test_a_pdf_too_large_is_refused_on_the_french_page_in_french_units(client, person, settings):
    settings.SUBMISSION_MAX_BYTES = MB

    response = send(client, written_call(), lang="fr", text="Notre avis.", document=pdf(content=PDF + b"0" * 2 * MB))

    html = page(response)
    assert response.status_code == 200
    assert '<html lang="fr"' in html
    assert response.context["form"].errors["document"] == [
        "Le fichier fait 2,0\xa0Mio\u202f; la limite est de 1,0\xa0Mio."
    ]
    assert "Notre avis.</textarea>" in html
    assert WrittenSubmission.objects.count() == 0


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(client, person):
    response = send(client, written_call(), text="Our views.", document=pdf(content=b"MZ\x90\x00 not a PDF at all"))

    assert response.status_code == 200
    assert response.context["form"].errors["document"] == ["This file is not a PDF document, whatever its name says."]
    assert WrittenSubmission.objects.count() == 0


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "File extension “txt” is not allowed. Allowed extensions are: pdf."),
        ("fr", "L'extension de fichier «\xa0txt\xa0» n’est pas autorisée. Les extensions autorisées sont\xa0:  pdf."),
    ],
)
def test_a_text_file_is_refused_by_its_extension(client, person, lang, message):
    response = send(
        client, written_call(), lang=lang, text="Our views.", document=pdf(name="views.txt", content=b"%PDF-")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["document"] == [message]
    assert WrittenSubmission.objects.count() == 0


def test_the_language_of_a_submission_defaults_to_the_page_language(client, person):
    call = written_call()

    response = client.get(f"/fr/calls/{call.pk}/submit/")

    assert response.context["form"]["language"].value() == "fr"


def test_only_an_organization_admin_may_send_on_its_behalf(client, person):
    mine, other = OrganizationFactory(name_en="Mine"), OrganizationFactory(name_en="Not mine")
    admin_of(mine, person)
    admin_of(other)
    call = written_call()

    response = send(client, call, text="Our views.", organization=other.pk)

    assert response.context["form"].errors["organization"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert list(response.context["form"].fields["organization"].queryset) == [mine]
    assert send(client, call, text="Our views.", organization=mine.pk).status_code == 302
    assert WrittenSubmission.objects.get().organization == mine
    with pytest.raises(ValidationError):
        send_written_submission(call, by=person, title="T", language="en", text="Views", organization=other)


def test_someone_who_administers_no_organization_is_not_asked_on_whose_behalf(client, person):
    response = client.get(f"/en/calls/{written_call().pk}/submit/")

    assert "organization" not in response.context["form"].fields


# Calls that take no submission


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"opens_at": NOW - timedelta(days=30), "closes_at": NOW - timedelta(days=1)},
            "This call closed before your answer arrived; it can no longer be accepted.",
        ),
        (
            {"opens_at": NOW + timedelta(days=1), "closes_at": NOW + timedelta(days=30)},
            "This call is not open yet; come back when it opens.",
        ),
        ({"kind": CallKind.SPEAK}, "This call does not take this kind of answer."),
    ],
    ids=["closed", "upcoming", "another kind"],
)
def test_a_call_that_is_not_open_for_submissions_says_so(client, person, overrides, message):
    call = written_call(**overrides)

    shown, sent = client.get(f"/en/calls/{call.pk}/submit/"), send(client, call, text="Our views.")

    assert shown.status_code == 200
    assert message in page(shown)
    assert '<form method="post" enctype' not in page(shown)
    assert sent.status_code == 200
    assert message in page(sent)
    assert WrittenSubmission.objects.count() == 0


def test_a_closed_call_refuses_a_submission_in_the_service_too(person):
    call = written_call(opens_at=NOW - timedelta(days=30), closes_at=NOW - timedelta(days=1))

    with pytest.raises(ValidationError, match="closed"):
        send_written_submission(call, by=person, title="Late", language="en", text="Views")


@pytest.mark.parametrize(
    ("place_status", "call_status"),
    [(PublicationStatus.PUBLISHED, PublicationStatus.DRAFT), (PublicationStatus.DRAFT, PublicationStatus.PUBLISHED)],
    ids=["draft call", "draft consultation"],
)
def test_an_unpublished_call_is_not_found(client, person, place_status, call_status):
    call = written_call(consultation=consultation(status=place_status), status=call_status)

    assert client.get(f"/en/calls/{call.pk}/submit/").status_code == 404


# Privacy of documents and pages


def test_the_document_is_refused_to_a_stranger_until_published_then_served(client, secretariat):
    author = UserFactory()
    sent = submission(author=author, document=pdf(), may_publish=True)
    url = f"/en/submissions/{sent.pk}/document/"

    assert client.get(url).status_code == 404, "a visitor"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404, "a stranger"
    client.force_login(author)
    assert client.get(url).status_code == 200, "the author"
    client.force_login(secretariat)
    assert client.get(url).status_code == 200, "the secretariat"

    moderate_submission(sent, by=secretariat, publish=True)
    client.logout()
    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="submission-{sent.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'", "saved, never run in the portal"


def test_a_submission_without_a_document_has_none_to_serve(client, secretariat):
    sent = submission(may_publish=True, status=SubmissionStatus.PUBLISHED)

    assert client.get(f"/en/submissions/{sent.pk}/document/").status_code == 404


def test_an_unpublished_submission_page_is_seen_by_its_author_and_the_secretariat_only(client, secretariat):
    author = UserFactory()
    sent = submission(author=author, title="Not yet public")
    url = f"/en/submissions/{sent.pk}/"

    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert "This submission is not public." in page(client.get(url))
    client.force_login(secretariat)
    assert client.get(url).status_code == 200


def test_a_submission_whose_author_left_stays_private(client):
    sent = submission(author=None)

    assert client.get(f"/en/submissions/{sent.pk}/").status_code == 404


def test_a_published_submission_is_public_without_its_authors_name(client):
    author = UserFactory(display_name="Private Person")
    sent = submission(author=author, text="Line one.\n\nLine two.", may_publish=True, status=SubmissionStatus.PUBLISHED)

    html = page(client.get(f"/en/submissions/{sent.pk}/"))

    assert '<h1 lang="en" dir="ltr">Decent work for migrant workers</h1>' in html
    assert "<p>Line one.</p> <p>Line two.</p>" in html
    assert "Private Person" not in html


# Moderation


def test_moderation_is_for_the_secretariat_only(client, person, secretariat):
    sent = submission(may_publish=True)

    refused = client.post(f"/en/submissions/{sent.pk}/moderate/", {"decision": "publish"})
    client.force_login(secretariat)
    accepted = client.post(f"/en/submissions/{sent.pk}/moderate/", {"decision": "publish"})

    assert refused.status_code == 403
    assert accepted.status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.moderated_by) == (SubmissionStatus.PUBLISHED, secretariat)
    assert sent.moderated_at is not None


def test_publishing_without_consent_is_refused(client, secretariat):
    sent = submission(may_publish=False)
    client.force_login(secretariat)

    with pytest.raises(ValidationError):
        moderate_submission(sent, by=secretariat, publish=True)
    response = client.post(f"/en/submissions/{sent.pk}/moderate/", {"decision": "publish"}, follow=True)

    assert "The author did not agree to publication" in page(response)
    sent.refresh_from_db()
    assert sent.status == SubmissionStatus.RECEIVED


def test_the_database_refuses_a_published_submission_without_consent():
    with pytest.raises(IntegrityError):
        submission(may_publish=False, status=SubmissionStatus.PUBLISHED)


def test_deciding_not_to_publish_needs_no_consent(secretariat):
    sent = moderate_submission(submission(may_publish=False), by=secretariat, publish=False)

    assert sent.status == SubmissionStatus.NOT_PUBLISHED


def test_the_moderation_queue_lists_received_submissions_and_disables_publishing_without_consent(client, secretariat):
    call = written_call()
    submission(call=call, title="With consent", may_publish=True)
    without = submission(call=call, title="Without consent", may_publish=False)
    submission(call=call, title="Already decided", may_publish=True, status=SubmissionStatus.PUBLISHED)
    client.force_login(secretariat)

    response = client.get("/en/submissions/moderation/")

    assert [item.title for item in response.context["submissions"]] == ["With consent", "Without consent"]
    assert re.search(rf'value="publish" disabled aria-describedby="no-consent-{without.pk}"', page(response)), (
        "publishing without consent is not offered"
    )


@pytest.mark.parametrize("number", [1, 15])
def test_the_moderation_queue_runs_a_fixed_number_of_queries(client, secretariat, django_assert_num_queries, number):
    call = written_call()
    for n in range(number):
        submission(call=call, title=f"Submission {n}", organization=OrganizationFactory(), document=pdf())
    client.force_login(secretariat)

    # session, person, roles, count, the page of submissions with calls, consultations, organizations, authors
    with django_assert_num_queries(5):
        client.get("/en/submissions/moderation/")


# Lists


def test_my_submissions_lists_my_own_only(client, person):
    call = written_call()
    submission(call=call, author=person, title="Mine")
    submission(call=call, title="Someone else's")

    response = client.get("/en/my-submissions/")

    assert [item.title for item in response.context["submissions"]] == ["Mine"]


@pytest.mark.parametrize("number", [1, 15])
def test_my_submissions_runs_a_fixed_number_of_queries(client, person, django_assert_num_queries, number):
    call = written_call()
    for n in range(number):
        submission(call=call, author=person, title=f"Submission {n}", organization=OrganizationFactory())

    # session, person, count, then the menu's checks (roles, Django's two permission tables),
    # then the page of submissions with their calls, consultations and organizations
    with django_assert_num_queries(7):
        client.get("/en/my-submissions/")


def test_the_consultation_page_lists_its_published_submissions_only(client):
    call = written_call()
    organization = OrganizationFactory(name_en="Migrant Workers Voice Network")
    published = submission(
        call=call, title="Published", organization=organization, may_publish=True, status=SubmissionStatus.PUBLISHED
    )
    submission(call=call, title="Received", may_publish=True)
    submission(call=call, title="Not published", status=SubmissionStatus.NOT_PUBLISHED)

    html = page(client.get(call.consultation.get_absolute_url()))

    assert f'<a href="/en/submissions/{published.pk}/" lang="en">Published</a> — Migrant Workers Voice Network' in html
    assert "Received" not in html
    assert "Not published" not in html


def test_the_consultation_page_lists_submissions_in_a_fixed_number_of_queries(client):
    call = written_call()
    for n in range(10):
        submission(
            call=call,
            title=f"Submission {n}",
            organization=OrganizationFactory(),
            may_publish=True,
            status=SubmissionStatus.PUBLISHED,
        )
    few = written_call(title_en="Another call")
    submission(call=few, may_publish=True, status=SubmissionStatus.PUBLISHED)

    with CaptureQueriesContext(connection) as many_queries:
        client.get(call.consultation.get_absolute_url())
    with CaptureQueriesContext(connection) as one_query:
        client.get(few.consultation.get_absolute_url())

    assert len(many_queries) == len(one_query)


def test_an_open_call_for_submissions_links_to_the_form(client):
    call = written_call()
    closed = written_call(
        consultation=call.consultation, opens_at=NOW - timedelta(days=30), closes_at=NOW - timedelta(days=1)
    )
    form = f'href="/en/calls/{call.pk}/submit/"'

    consultation_page, calls_page = client.get(call.consultation.get_absolute_url()), client.get("/en/calls/")

    assert form in consultation_page.content.decode()
    assert form in calls_page.content.decode()
    assert f"/calls/{closed.pk}/submit/" not in consultation_page.content.decode()


def test_the_admin_links_the_document_through_the_checked_view_not_the_media_path(client, secretariat):
    sent = submission(document=pdf())
    grant_role(secretariat, by=secretariat, role=StaffRole.SECRETARIAT)  # the service opens the admin
    client.force_login(secretariat)

    html = client.get(f"/en/admin/consultations/writtensubmission/{sent.pk}/change/").content.decode()

    assert f'href="/en/submissions/{sent.pk}/document/"' in html
    assert "/media/" not in html


# A person's own data


def test_a_persons_submissions_are_in_their_data_download(client, person):
    submission(author=person, title="Our views on decent work")

    data = client.get("/en/stakeholders/my-data/download/").json()

    assert [item["title"] for item in data["written_submissions"]] == ["Our views on decent work"]


def test_deleting_an_account_erases_unpublished_submissions_and_their_files(
    client, person, settings, django_capture_on_commit_callbacks
):
    withheld = submission(author=person, document=pdf())
    shown = submission(author=person, may_publish=True, status=SubmissionStatus.PUBLISHED)
    stored = settings.MEDIA_ROOT / withheld.document.name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/stakeholders/my-data/delete/")

    assert not WrittenSubmission.objects.filter(pk=withheld.pk).exists()
    assert not stored.exists()
    shown.refresh_from_db()
    assert shown.author is None

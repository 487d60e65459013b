"""A speaker profile is private by default: its photo is decoded and made again without what the
camera recorded in it, refused when it is not really an image, and shown only to its person until they
choose to appear with it in a public programme."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from consultations.enums import CallKind, PublicationStatus
from registrations.enums import Appearance, InterestStatus
from stakeholders.models import Profile
from stakeholders.photos import MAX_BYTES, MAX_SIDE, save_speaker_profile
from stakeholders.services import delete_account
from tests.factories import ExpressionOfInterestFactory, ProfileFactory, call, consultation, photo

pytestmark = pytest.mark.django_db
URL = "/en/stakeholders/profile/speaker/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def person(client):
    person = ProfileFactory().person
    client.force_login(person)
    return person


def typed(**overrides):
    return {
        "affiliation": "Network of migrant domestic workers",
        "biography": "Amina organizes domestic workers in Nairobi.",
        "biography_language": "en",
        **overrides,
    }


def stored_photo(person) -> Image.Image:
    with default_storage.open(Profile.objects.get(person=person).photo.name, "rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def test_a_photo_keeps_no_trace_of_where_and_with_what_it_was_taken(client, person):
    sent = photo(gps=True)
    assert Image.open(io.BytesIO(sent.read())).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the phone's photo has them
    sent.seek(0)

    response = client.post(URL, typed(photo=sent))

    assert response.status_code == 302
    image = stored_photo(person)
    assert image.format == "WEBP"
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert "xmp" not in image.info
    assert max(image.size) <= MAX_SIDE
    assert Profile.objects.get(person=person).photo.name.startswith("photos/")


def test_a_photo_taken_sideways_is_stored_upright(client, person):
    client.post(URL, typed(photo=photo(size=(800, 600), orientation=6)))  # 6: turn 90° to stand up

    width, height = stored_photo(person).size
    assert height > width


def test_a_text_file_named_like_a_photo_is_refused_beside_the_field_and_nothing_typed_is_lost(client, person):
    fake = SimpleUploadedFile("me.jpg", b"These are not pixels.", content_type="image/jpeg")

    response = client.post(URL, typed(photo=fake))

    form = response.context["form"]
    assert form.errors == {"photo": ["This file is not a JPEG, PNG or WebP image, whatever its name says."]}
    assert form["affiliation"].value() == "Network of migrant domestic workers"
    assert form["biography"].value() == "Amina organizes domestic workers in Nairobi."
    assert Profile.objects.get(person=person).affiliation == ""


def test_the_first_bytes_of_a_jpeg_do_not_make_a_photo(client, person):
    forged = SimpleUploadedFile("me.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"x" * 200, content_type="image/jpeg")

    response = client.post(URL, typed(photo=forged))

    assert response.context["form"].has_error("photo", "not_an_image")


def test_a_photo_larger_than_the_limit_is_refused(client, person):
    heavy = SimpleUploadedFile("big.jpg", b"\xff" * (MAX_BYTES + 1), content_type="image/jpeg")

    response = client.post(URL, typed(photo=heavy))

    assert response.context["form"].has_error("photo", "too_large")


def test_a_biography_says_its_language(client, person):
    response = client.post(URL, typed(biography_language=""))

    assert response.context["form"].errors == {
        "biography_language": ["Say which language your biography is written in."]
    }


def test_the_languages_of_a_biography_are_named_in_the_page_language(client, person):
    page = client.get("/fr/stakeholders/profile/speaker/")

    choices = dict(page.context["form"].fields["biography_language"].choices)
    assert choices["sw"] == "Swahili (Kiswahili)"
    assert choices["ar"] == "Arabe (العربية)"


def test_a_biography_may_be_in_the_languages_many_migrants_speak(client, person):
    page = client.get("/en/stakeholders/profile/speaker/")

    choices = dict(page.context["form"].fields["biography_language"].choices)
    assert choices["am"] == "Amharic (አማርኛ)"
    assert choices["fa-AF"] == "Dari (دری)"
    assert choices["ht"] == "Haitian Creole (Kreyòl Ayisyen)"
    for spoken in ("ti", "so", "ps", "ha", "tl", "wo", "ku", "yo", "om", "rw", "ln"):
        assert spoken in choices


def test_a_new_photo_replaces_the_old_file(client, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, typed(photo=photo(size=(500, 500))))
    first = Profile.objects.get(person=person).photo.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, typed(photo=photo(size=(300, 400))))

    second = Profile.objects.get(person=person).photo.name
    assert second != first
    assert default_storage.exists(second)
    assert not default_storage.exists(first)


def test_a_photo_can_be_removed(client, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, typed(photo=photo()))
    name = Profile.objects.get(person=person).photo.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, typed(remove_photo="on"))

    assert Profile.objects.get(person=person).photo.name == ""
    assert not default_storage.exists(name)


def test_nobody_changes_someone_else_s_speaker_profile(person):
    other = ProfileFactory().person

    with pytest.raises(PermissionDenied):
        save_speaker_profile(person, by=other, affiliation="", biography="", biography_language="")


def test_deleting_the_account_deletes_the_photo(person, django_capture_on_commit_callbacks):
    profile = save_speaker_profile(
        person, by=person, affiliation="", biography="", biography_language="", photo=photo()
    )

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(person)

    assert not default_storage.exists(profile.photo.name)


def appear(person, appearance, *, status=PublicationStatus.PUBLISHED):
    speak = call(consultation=consultation(status=status), kind=CallKind.SPEAK, status=PublicationStatus.PUBLISHED)
    return ExpressionOfInterestFactory(
        call=speak, person=person, status=InterestStatus.CONFIRMED, appearance=appearance
    )


def photo_address(person):
    return "/" + Profile.objects.get(person=person).photo.name  # photos/<hash>.webp is served at /photos/<hash>.webp


def test_a_photo_is_seen_by_its_person_only_until_they_appear_with_it(client, person):
    save_speaker_profile(person, by=person, affiliation="", biography="", biography_language="", photo=photo())
    appear(person, Appearance.NAME)
    appear(person, Appearance.FULL, status=PublicationStatus.DRAFT)

    own = client.get(photo_address(person))
    client.logout()
    others = client.get(photo_address(person))

    assert own.status_code == 200
    assert own["Content-Type"] == "image/webp"
    assert "private" in own["Cache-Control"]
    assert others.status_code == 404


def test_the_photo_of_a_speaker_who_appears_with_it_is_public_and_shared_caches_keep_it_an_hour_at_most(client, person):
    save_speaker_profile(person, by=person, affiliation="", biography="", biography_language="", photo=photo())
    appear(person, Appearance.FULL)
    client.logout()

    response = client.get(photo_address(person))
    again = client.get(photo_address(person), headers={"If-None-Match": response["ETag"]})

    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=3600"}
    assert response["ETag"].strip('"') in photo_address(person)
    assert again.status_code == 304


def test_a_name_that_is_no_stored_photo_is_not_found(client):
    assert client.get("/photos/../settings.py").status_code == 404
    assert client.get("/photos/" + "0" * 32 + ".webp").status_code == 404

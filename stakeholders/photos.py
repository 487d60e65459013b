"""Speaker photos and the speaker profile around them.

A photo is whatever Pillow can decode as JPEG, PNG or WebP, never what the file's name or first bytes
claim. It is turned upright (EXIF orientation), cropped to a square-ish shape, made at most
MAX_SIDE pixels wide and high, and encoded again as WebP without any metadata: EXIF (camera, date,
GPS position) does not survive. It is stored under photos/ by the hash of what is stored, so its
address changes whenever it does and can be cached for good; the file it replaces is deleted once the
change is committed.

MEDIA_ROOT is not served: a view decides who may see a photo (registrations.views.speakers)."""

import contextlib
import hashlib
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from stakeholders.models import Profile

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 400
# Wider or taller than this is cropped, from the middle: portraits stay portraits, not strips.
MAX_ASPECT = 5 / 4
# A small file may still decode into a huge image ("decompression bomb"): refused before decoding.
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPT = "image/jpeg,image/png,image/webp"
STORED_FORMAT, STORED_EXTENSION = "WEBP", "webp"
FOLDER = "photos/"


def photo_url(name: str) -> str:
    """The address a stored photo is served at (by a view that checks who may see it), or ""."""
    return reverse("speaker-photo", kwargs={"name": name.removeprefix(FOLDER)}) if name else ""


def not_an_image() -> ValidationError:
    return ValidationError(
        _("This file is not a JPEG, PNG or WebP image, whatever its name says."), code="not_an_image"
    )


def decoded(upload) -> Image.Image:
    """The upload decoded by Pillow, or a ValidationError saying why it is refused."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
        )
    upload.seek(0)
    try:
        # Opening reads the header only: the size is known before a single pixel is decoded.
        image = Image.open(io.BytesIO(upload.read()))
        if image.format not in ACCEPTED_FORMATS:
            raise not_an_image()
        if image.width * image.height > MAX_PIXELS:
            raise too_many_pixels()
        image.load()  # the whole image, not only its header: a truncated or forged file fails here
    except Image.DecompressionBombError:
        # Pillow's own guard, at twice its limit, may trip while opening: the same answer as ours.
        raise too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_an_image() from None
    finally:
        upload.seek(0)
    return image


def too_many_pixels() -> ValidationError:
    return ValidationError(
        _("This image has too many pixels; a photo from a phone or a camera will do."), code="too_many_pixels"
    )


def processed(upload) -> bytes:
    """The photo as it is stored: upright, square-ish, at most MAX_SIDE pixels, WebP, no metadata."""
    image = decoded(upload)
    # An orientation tag Pillow cannot read leaves the photo as it was taken.
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        image = ImageOps.exif_transpose(image)
    width, height = image.size
    if width > height * MAX_ASPECT:
        keep = round(height * MAX_ASPECT)
        image = image.crop(((width - keep) // 2, 0, (width - keep) // 2 + keep, height))
    elif height > width * MAX_ASPECT:
        keep = round(width * MAX_ASPECT)
        image = image.crop((0, (height - keep) // 2, width, (height - keep) // 2 + keep))
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image holds pixels only: no EXIF, ICC or XMP block can travel with it.
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    pixels = image.convert("RGBA" if has_alpha else "RGB")
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    clean.save(out, STORED_FORMAT, quality=82, method=4)
    return out.getvalue()


def stored(content: bytes) -> str:
    """Keep the photo under the hash of its bytes (the same photo twice is one file); its name."""
    name = f"{FOLDER}{hashlib.sha256(content).hexdigest()[:32]}.{STORED_EXTENSION}"
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:  # the same photo stored meanwhile by someone else: theirs is identical
            default_storage.delete(saved)
    return name


def discard(name: str) -> None:
    """Delete a photo file no profile uses any more."""
    if name and not Profile.objects.filter(photo=name).exists():
        default_storage.delete(name)


def discard_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: discard(name))


@transaction.atomic
def save_speaker_profile(
    person, *, by, affiliation: str, biography: str, biography_language: str, photo=None, remove_photo=False
) -> Profile:
    """A person edits their own speaker profile; nobody edits it for them. A new photo replaces the
    old one, whose file goes once the change is committed."""
    if by is None or by.pk != person.pk:
        raise PermissionDenied(_("Only the person themself may change their speaker profile."))
    profile, _created = Profile.objects.select_for_update().get_or_create(person=person)
    before = profile.photo.name
    profile.affiliation = affiliation.strip()
    profile.biography = biography.strip()
    profile.biography_language = biography_language if profile.biography else ""
    if photo:
        profile.photo.name = stored(processed(photo))
    elif remove_photo:
        profile.photo.name = ""
    profile.save(update_fields=["affiliation", "biography", "biography_language", "photo"])
    if before != profile.photo.name:
        discard_after_commit(before)
    return profile


def delete_photo_of(person) -> None:
    """When the person's profile goes (their account deleted): the file goes too, after the commit."""
    name = Profile.objects.filter(person=person).values_list("photo", flat=True).first()
    if name:
        transaction.on_commit(lambda: discard(name))

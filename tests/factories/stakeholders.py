"""People, organizations, profiles and the roles granted to them."""

import base64
import hashlib
import hmac
import io
import struct
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from stakeholders.enums import MembershipRole, StakeholderCategory, Verification
from stakeholders.models import Membership, Organization, Profile, RoleGrant

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    """A person whose e-mail address is already verified, as after sign-up."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """UserFactory(verified_email=False) makes a person who has not yet clicked the link."""
        if create:
            verified = extracted is not False
            EmailAddress.objects.create(user=self, email=self.email, verified=verified, primary=True)


class OrganizationFactory(factory.django.DjangoModelFactory):
    """A verified organization listed in the public directory, unless told otherwise."""

    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name_en = factory.Sequence(lambda n: f"Organization {n:03d}")
    slug = factory.Sequence(lambda n: f"organization-{n:03d}")
    category = StakeholderCategory.CIVIL_SOCIETY
    country = "KE"
    verification = Verification.VERIFIED
    is_listed_publicly = True


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    person = factory.SubFactory(UserFactory)
    country_of_residence = "MX"


def grant(person, role, **scope):
    return RoleGrant.objects.create(person=person, role=role, **scope)


# A fixed key (base32), so that a test computes the codes an authenticator app would show.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def authenticator_app(person, secret=TOTP_SECRET):
    """The person has set up an authenticator app, and holds recovery codes (as after enrolment); the
    codes are returned."""
    TOTP.activate(person, secret)
    return RecoveryCodes.activate(person).get_unused_codes()


def totp_code(secret=TOTP_SECRET, at=None):
    """The code an authenticator app shows at `at` (now by default): RFC 6238, the HOTP of the 30-second
    step, SHA-1, 6 digits. Computed here rather than by allauth, so that tests check allauth against
    the standard."""
    key = base64.b32decode(secret)
    step = int(at if at is not None else time.time()) // 30
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def admin_of(organization, person=None):
    person = person or UserFactory()
    Membership.objects.create(person=person, organization=organization, role=MembershipRole.ADMIN)
    return person


def photo(name="photo.jpg", *, size=(600, 800), image_format="JPEG", gps=False, orientation=None):
    """A photo as a phone makes it, built with Pillow: with gps=True it carries the camera's make and
    the place it was taken (EXIF GPS); `orientation` is the EXIF tag a phone sets when held sideways."""
    image = Image.new("RGB", size, (200, 80, 40))
    image.paste((20, 90, 200), (0, 0, size[0] // 2, size[1] // 4))  # a mark to see which side is up
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.Make] = "PhoneMaker"
        exif[ExifTags.Base.Model] = "Phone 12"
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "S",
                ExifTags.GPS.GPSLatitude: (1.0, 17.0, 30.0),
                ExifTags.GPS.GPSLongitudeRef: "E",
                ExifTags.GPS.GPSLongitude: (36.0, 49.0, 12.0),
            }
        )
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    out = io.BytesIO()
    image.save(out, image_format, exif=exif)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[image_format]
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)

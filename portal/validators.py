import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF_SIGNATURE = b"%PDF-"


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a time zone name such as Africa/Nairobi."), params={"value": value})


def validate_pdf(document) -> None:
    """A real PDF within the size limit, whatever its name says: written submissions and session
    materials alike. The limit (settings.SUBMISSION_MAX_BYTES) is read at each call."""
    errors = []
    limit = settings.SUBMISSION_MAX_BYTES
    if document.size > limit:
        errors.append(
            ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(document.size), "limit": filesizeformat(limit)},
            )
        )
    document.seek(0)
    is_pdf = document.read(len(PDF_SIGNATURE)) == PDF_SIGNATURE
    document.seek(0)
    if not is_pdf:
        errors.append(ValidationError(_("This file is not a PDF document, whatever its name says."), code="not_pdf"))
    if errors:
        raise ValidationError(errors)

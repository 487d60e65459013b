"""A PDF uploaded through a form: written submissions and session materials check it the same way."""

from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext

from portal.validators import validate_pdf


def pdf_help_text() -> str:
    """Read when the form is shown, so that it names the limit in force and the page's units."""
    return gettext("A PDF file of at most %(limit)s.") % {"limit": filesizeformat(settings.SUBMISSION_MAX_BYTES)}


class PdfField(forms.FileField):
    """A file named .pdf that is a real PDF within the size limit, whatever its name says: the name
    is checked first, then the content (portal.validators.validate_pdf)."""

    default_validators = [FileExtensionValidator(allowed_extensions=["pdf"])]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ".pdf,application/pdf"}))
        kwargs.setdefault("help_text", lazy(pdf_help_text, str)())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        document = super().clean(data, initial)
        if document and document is not initial:
            validate_pdf(document)
        return document

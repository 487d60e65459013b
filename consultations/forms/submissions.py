"""Forms of written submissions: the stakeholder's submission and the secretariat's decision."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from consultations.models import WrittenSubmission
from stakeholders.enums import MembershipRole
from stakeholders.models import Organization

PDF_SIGNATURE = b"%PDF-"
FIELDS = WrittenSubmission._meta


class WrittenSubmissionForm(forms.Form):
    """Text, a PDF or both; the organization choice appears only to someone who administers one."""

    title = forms.CharField(label=capfirst(FIELDS.get_field("title").verbose_name), max_length=200)
    text = forms.CharField(
        label=_("Your submission"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_("Write it here, attach it as a PDF below, or both."),
    )
    document = forms.FileField(
        label=capfirst(FIELDS.get_field("document").verbose_name),
        required=False,
        validators=[FileExtensionValidator(allowed_extensions=["pdf"])],
        widget=forms.FileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    language = forms.ChoiceField(label=_("Language of the submission"), choices=settings.LANGUAGES)
    organization = forms.ModelChoiceField(
        label=_("Sent on behalf of"),
        queryset=Organization.objects.none(),
        required=False,
        blank=True,
        empty_label=_("Myself only"),
        widget=forms.RadioSelect,
    )
    may_publish = forms.BooleanField(
        label=capfirst(FIELDS.get_field("may_publish").verbose_name),
        required=False,
        help_text=_(
            "The secretariat reads every submission. Only those whose authors agree may be published "
            "on the consultation's page."
        ),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        administered = Organization.objects.filter(
            memberships__person=person, memberships__role=MembershipRole.ADMIN
        ).order_by("name")
        if administered.exists():
            self.fields["organization"].queryset = administered
        else:
            del self.fields["organization"]
        self.fields["document"].help_text = _("A PDF file of at most %(limit)s.") % {
            "limit": filesizeformat(settings.SUBMISSION_MAX_BYTES)
        }

    def clean_document(self):
        """A real PDF within the size limit, whatever its name says; the limit is read at each request."""
        document = self.cleaned_data["document"]
        if not document:
            return document
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
            errors.append(
                ValidationError(_("This file is not a PDF document, whatever its name says."), code="not_pdf")
            )
        if errors:
            raise ValidationError(errors)
        return document

    def clean(self):
        cleaned = super().clean()
        has_document = cleaned.get("document") or "document" in self.errors
        if not (cleaned.get("text") or "").strip() and not has_document:
            raise ValidationError(
                _("Write your submission in the text box, attach it as a PDF, or both."), code="empty"
            )
        return cleaned


class ModerationForm(forms.Form):
    """Which of the two buttons the secretariat pressed."""

    decision = forms.ChoiceField(choices=[("publish", _("Publish")), ("not-publish", _("Do not publish"))])

    @property
    def publish(self) -> bool:
        return self.cleaned_data["decision"] == "publish"

"""Forms of written submissions: the stakeholder's submission and the secretariat's decision."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from consultations.forms.documents import PdfField
from consultations.models import WrittenSubmission
from portal import limits
from stakeholders.enums import MembershipRole
from stakeholders.models import Organization

FIELDS = WrittenSubmission._meta


class WrittenSubmissionForm(forms.Form):
    """Text, a PDF or both; the organization choice appears only to someone who administers one."""

    title = forms.CharField(label=capfirst(FIELDS.get_field("title").verbose_name), max_length=200)
    text = forms.CharField(
        label=_("Your submission"),
        max_length=limits.LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_("Write it here, attach it as a PDF below, or both."),
    )
    document = PdfField(label=capfirst(FIELDS.get_field("document").verbose_name), required=False)
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

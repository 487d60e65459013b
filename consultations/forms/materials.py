"""A document or a link that the organizers attach to a session or to the whole consultation."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from consultations.enums import MaterialAudience
from consultations.forms.documents import PdfField
from consultations.models import SessionMaterial

FIELDS = SessionMaterial._meta


def label(name: str) -> str:
    return capfirst(FIELDS.get_field(name).verbose_name)


class MaterialForm(forms.Form):
    """Input cleaning only: whether it is a document or a link, and whose session, the service decides."""

    title = forms.CharField(
        label=label("title"),
        max_length=FIELDS.get_field("title").max_length,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("People see the document under this title, never under the name of the file."),
    )
    language = forms.ChoiceField(label=label("language"), choices=settings.LANGUAGES)
    session = forms.ModelChoiceField(
        label=label("session"),
        queryset=None,
        required=False,
        empty_label=_("The whole consultation"),
    )
    document = PdfField(label=label("document"), required=False)
    link = forms.URLField(
        label=label("link"),
        required=False,
        max_length=FIELDS.get_field("link").max_length,
        widget=forms.URLInput(attrs={"dir": "ltr"}),
        help_text=_("Instead of a document: the address of a page or a recording."),
    )
    audience = forms.ChoiceField(
        label=label("audience"),
        choices=MaterialAudience.choices,
        initial=MaterialAudience.PUBLIC,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = consultation.sessions.order_by("starts_at")
        self.fields["language"].initial = get_language()

"""How a selected speaker chooses to appear in the public programme."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registrations.enums import Appearance


class AppearanceForm(forms.Form):
    appearance = forms.ChoiceField(
        label=_("How do you want to appear in the public programme?"),
        choices=Appearance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to appear in the public programme.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appearance"].help_text = _(
            "Your name comes from your account, and your affiliation, biography and photo from your speaker "
            "profile. Anonymously, the programme says only, for example, “A speaker from Eastern Africa, Civil "
            "society organizations”."
        )

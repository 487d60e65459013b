from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Consultation


class JoiningForm(forms.ModelForm):
    """How people with a confirmed online place join: a link and instructions."""

    class Meta:
        model = Consultation
        fields = ["join_link", "joining_instructions"]
        widgets = {
            "join_link": forms.URLInput(attrs={"dir": "ltr"}),
            "joining_instructions": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }
        help_texts = {
            "join_link": _(
                "Only people with a confirmed online place see it, on their participation page and in their "
                "e-mails; never on the public page or in a calendar."
            ),
        }

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from consultations.enums import SubscriptionFrequency
from stakeholders.enums import Commission, StakeholderCategory
from stakeholders.models import GcmObjective


class CallSubscriptionForm(forms.Form):
    """What to hear about; every choice left empty means "any"."""

    email = forms.EmailField(label=_("Your e-mail address"))
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)
    commissions = forms.MultipleChoiceField(
        label=_("UN regions"), choices=Commission.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(
        label=_("Calls open to these stakeholder categories"),
        choices=StakeholderCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    objectives = forms.TypedMultipleChoiceField(
        label=_("GCM objectives"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    content_languages = forms.MultipleChoiceField(
        label=_("Calls published in"), choices=settings.LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=SubscriptionFrequency.choices,
        initial=SubscriptionFrequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].choices = [(item.number, str(item)) for item in GcmObjective.objects.all()]
        for name in ("commissions", "categories", "objectives", "content_languages"):
            self.fields[name].help_text = _("None ticked: any.")

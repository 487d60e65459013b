"""Forms of the secretariat's selection: its settings, rubric and rules, and changes by hand."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registrations.models import DiversityRule, ReviewCriterion, SelectionSettings


class SwapForm(forms.Form):
    remove = forms.TypedChoiceField(label=_("Take out"), coerce=int)
    add = forms.TypedChoiceField(label=_("Put in their place"), coerce=int)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the change breaks a rule of the selection; kept in its history."),
    )

    def __init__(self, *args, selection, interests, candidates, **kwargs):
        """`candidates`: the reviewed applicants not selected, reserves first."""
        super().__init__(*args, **kwargs)

        def label(pk):
            return f"#{interests[pk].arrival} {interests[pk].person.name}"

        self.fields["remove"].choices = [(pk, label(pk)) for pk in selection.selected if pk in interests]
        self.fields["add"].choices = [(pk, label(pk)) for pk in candidates if pk in interests]


class SelectionSettingsForm(forms.ModelForm):
    class Meta:
        model = SelectionSettings
        fields = ["speakers", "reserves", "one_per_organization", "blind_review", "confirm_within_days", "budget"]


class BaseCriterionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if sum(form.cleaned_data.get("weight") or 0 for form in kept) != 100:
            raise forms.ValidationError(_("The weights of the criteria must add up to 100."))


CriterionFormSet = forms.inlineformset_factory(
    SelectionSettings,
    ReviewCriterion,
    formset=BaseCriterionFormSet,
    fields=["name", "weight"],
    extra=2,
    can_delete=True,
)


RuleFormSet = forms.inlineformset_factory(
    SelectionSettings,
    DiversityRule,
    fields=["dimension", "value", "minimum", "maximum"],
    extra=2,
    can_delete=True,
    help_texts={
        "value": _(
            "Gender: woman, man, non-binary. Sub-region: its UN M49 code, e.g. 014. Category, e.g. trade-unions. "
            "Country: its two-letter code. Led by: migrant, diaspora, women, youth, disability. GCM objective: its "
            "number. Empty: each value (e.g. at most 2 per country)."
        )
    },
)

"""Forms of reviews and of the secretariat's changes to a selection."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from registrations.models import DiversityRule, ReviewCriterion, SelectionSettings
from registrations.reviews import SCORE_RANGE
from stakeholders.enums import StaffRole
from stakeholders.queries import has_role

SCORES = [(value, str(value)) for value in SCORE_RANGE]


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        given = review.scores if review else {}
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} ({criterion.weight} %)",
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                initial=given.get(str(criterion.pk)),
                help_text=_("0: not at all, 5: fully."),
            )
        self.fields["comment"].initial = review.comment if review else ""
        self.order_fields([f"criterion_{criterion.pk}" for criterion in criteria] + ["comment"])

    def scores(self) -> dict:
        return {str(criterion.pk): self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}


class SwapForm(forms.Form):
    remove = forms.TypedChoiceField(label=_("Take out"), coerce=int)
    add = forms.TypedChoiceField(label=_("Put in their place"), coerce=int)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the change breaks a rule of the selection; kept in the audit trail."),
    )

    def __init__(self, *args, selection, interests, candidates, **kwargs):
        """`candidates`: the reviewed applicants not selected, reserves first."""
        super().__init__(*args, **kwargs)

        def label(pk):
            return f"#{interests[pk].arrival} {interests[pk].person.display_name or interests[pk].person}"

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


class ReviewerForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the reviewer"))

    def clean_email(self):
        person = get_user_model().objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if person is None or not has_role(person, StaffRole.REVIEWER):
            raise forms.ValidationError(
                _("Nobody with this address holds the reviewer role; the secretariat grants it first.")
            )
        return person

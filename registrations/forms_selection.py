"""Forms of reviews and of the secretariat's changes to a selection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registrations.reviews import SCORE_RANGE

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

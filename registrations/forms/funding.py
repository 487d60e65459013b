"""Forms of funding support: the budget, and the applications ticked at each step with a reason."""

from django import forms
from django.utils.translation import gettext_lazy

from portal import limits
from registrations.phrases import money


class BudgetForm(forms.Form):
    budget = forms.DecimalField(label=gettext_lazy("Budget (US dollars)"), min_value=0, max_digits=10, decimal_places=2)


class FundingChoiceForm(forms.Form):
    """The applications ticked at one step (the Executive Committee's recommendation, the chair's
    decision) and the reason, which the service asks for when they cost more than the budget."""

    applications = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Applications"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for the record"),
        required=False,
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Needed when the total is above the budget; kept in the history of the call."),
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = [(item.pk, label(item)) for item in applications]


def label(application) -> str:
    """An application as the secretariat ticks it: who, for which organization, at what cost."""
    who = application.person.name
    if application.organization:
        who = f"{who} ({application.organization})"
    return f"{who} — {money(application.travel_cost)}"

"""Forms of funding support."""

from django import forms
from django.utils.translation import gettext_lazy


class BudgetForm(forms.Form):
    budget = forms.DecimalField(label=gettext_lazy("Budget (US dollars)"), min_value=0, max_digits=10, decimal_places=2)

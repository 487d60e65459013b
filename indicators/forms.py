from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import ReviewCycle
from stakeholders.enums import Commission


class ScopeForm(forms.Form):
    """Which consultations the indicators count: a review cycle, a UN region, both or neither (all)."""

    cycle = forms.ModelChoiceField(
        label=_("Review cycle"),
        queryset=ReviewCycle.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Every review cycle"),
    )
    region = forms.ChoiceField(
        label=_("UN region"), choices=[("", _("Every region")), *Commission.choices], required=False
    )

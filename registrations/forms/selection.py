"""Forms of the secretariat's selection: its settings, rubric and rules, and changes by hand."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from consultations.enums import CallKind, Provenance
from consultations.forms.publishing import LANGUAGE_CODES, TranslatedTextsMixin
from portal import limits
from registrations.engine import EACH
from registrations.enums import ChangeReason, RuleDimension
from registrations.models import DiversityRule, ReviewCriterion, SelectionSettings
from registrations.phrases import dimension_label, value_label
from stakeholders.enums import Gender, LedBy, StakeholderCategory
from stakeholders.geography import sub_region_choices
from stakeholders.models import GcmObjective, in_language


class SwapForm(forms.Form):
    remove = forms.TypedChoiceField(label=_("Take out"), coerce=int)
    add = forms.TypedChoiceField(label=_("Put in their place"), coerce=int)
    category = forms.ChoiceField(
        label=_("Why"),
        choices=[("", _("Choose why the change is made")), *ChangeReason.choices],
        error_messages={
            "required": _("Choose why the change is made."),
            "invalid_choice": _("Choose why the change is made from the list."),
        },
        help_text=_("Counted on the public record of the call, without names."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed when the change breaks a rule of the selection; kept in its history, for staff only, "
            "never published."
        ),
    )

    def __init__(self, *args, selection, interests, candidates, **kwargs):
        """`candidates`: the reviewed applicants not selected, reserves first."""
        super().__init__(*args, **kwargs)

        def label(pk):
            return f"#{interests[pk].arrival} {interests[pk].person.name}"

        self.fields["remove"].choices = [(pk, label(pk)) for pk in selection.selected if pk in interests]
        self.fields["add"].choices = [(pk, label(pk)) for pk in candidates if pk in interests]


# The settings that mean something for each kind of call: a call to speak chooses a number of
# speakers from reviewed expressions of interest; funding support spends a budget, unreviewed.
SETTINGS_OF_KIND = {
    CallKind.SPEAK: ("speakers", "reserves", "one_per_organization", "blind_review", "confirm_within_days"),
    CallKind.FUNDING_SUPPORT: ("one_per_organization", "budget"),
}


class SelectionSettingsForm(forms.ModelForm):
    class Meta:
        model = SelectionSettings
        fields = ["speakers", "reserves", "one_per_organization", "blind_review", "confirm_within_days", "budget"]

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in SETTINGS_OF_KIND[kind]:
                del self.fields[name]
        if kind == CallKind.FUNDING_SUPPORT:
            self.fields["one_per_organization"].label = _("At most one application per organization")


class BaseCriterionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if sum(form.cleaned_data.get("weight") or 0 for form in kept) != 100:
            raise forms.ValidationError(_("The weights of the criteria must add up to 100."))


class CriterionForm(TranslatedTextsMixin, forms.ModelForm):
    """One criterion of the rubric, named in one or more languages, each version marked as the
    original or a translation, as a call's texts are: reviewers read the rubric in their language."""

    translated = ("name",)

    class Meta:
        model = ReviewCriterion
        fields = ["weight", *(in_language("name", code) for code in LANGUAGE_CODES)]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated_fields()
        if not self.instance.pk:  # a new criterion is written in the page's language, as its original
            self.fields[f"provenance_{self.current_language()}"].initial = Provenance.ORIGINAL

    def clean(self):
        cleaned = super().clean()
        self.clean_translations("name", _("Name the criterion."))
        return cleaned

    def criterion(self) -> dict:
        """What the service takes: the names in each language, their provenance and the weight."""
        return {
            "names": self.translated_data(),
            "provenance": self.chosen_provenance(),
            "weight": self.cleaned_data["weight"],
        }


CriterionFormSet = forms.inlineformset_factory(
    SelectionSettings,
    ReviewCriterion,
    form=CriterionForm,
    formset=BaseCriterionFormSet,
    fields=["weight", *(in_language("name", code) for code in LANGUAGE_CODES)],
    extra=2,
    can_delete=True,
)


# Who a rule counts is one choice, "dimension:value"; an empty value counts each value on its own
# (at most 2 per country). Who leads an organization and GCM objectives are covered (at least so
# many), never capped, and always name their value.
COVERED = (RuleDimension.TAG, RuleDimension.OBJECTIVE)


def group_value(dimension, value="") -> str:
    return f"{dimension}:{value}"


def parse_group(group: str) -> tuple[str, str]:
    dimension, _colon, value = group.partition(":")
    return dimension, value


def rule_groups() -> list:
    """The choices of who a rule counts, by name in the reader's language, one group per dimension
    (sub-regions one group per region); computed once per page, GCM objectives with one query."""
    each = [
        (group_value(RuleDimension.GENDER), _("Each gender")),
        (group_value(RuleDimension.SUB_REGION), _("Each sub-region")),
        (group_value(RuleDimension.CATEGORY), _("Each stakeholder category")),
        (group_value(RuleDimension.COUNTRY), _("Each country")),
    ]
    genders = [(value, label) for value, label in Gender.choices if value != Gender.PREFER_NOT]
    groups = [
        ("", _("Choose who the rule counts")),
        (_("Each value on its own"), each),
        (RuleDimension.GENDER.label, [(group_value(RuleDimension.GENDER, value), label) for value, label in genders]),
    ]
    for region, sub_regions in sub_region_choices():
        label = _("%(dimension)s: %(region)s") % {"dimension": RuleDimension.SUB_REGION.label, "region": region}
        groups.append((label, [(group_value(RuleDimension.SUB_REGION, code), name) for code, name in sub_regions]))
    groups += [
        (
            RuleDimension.CATEGORY.label,
            [(group_value(RuleDimension.CATEGORY, value), label) for value, label in StakeholderCategory.choices],
        ),
        (RuleDimension.TAG.label, [(group_value(RuleDimension.TAG, value), label) for value, label in LedBy.choices]),
        (
            RuleDimension.OBJECTIVE.label,
            [(group_value(RuleDimension.OBJECTIVE, item.number), str(item)) for item in GcmObjective.objects.all()],
        ),
        (
            RuleDimension.COUNTRY.label,
            [(group_value(RuleDimension.COUNTRY, code), name) for code, name in countries],
        ),
    ]
    return groups


def _offered(groups) -> set[str]:
    return {
        value
        for key, label in groups
        for value in ([option for option, _label in label] if isinstance(label, list | tuple) else [key])
    }


class RuleForm(forms.ModelForm):
    """One rule of balance: who it counts, picked by name, and at least and/or at most so many."""

    group = forms.ChoiceField(
        label=pgettext_lazy("rule of balance", "Counts"),
        error_messages={"invalid_choice": _("Choose who the rule counts from the list.")},
    )

    class Meta:
        model = DiversityRule
        fields = ["minimum", "maximum"]

    field_order = ["group", "minimum", "maximum"]

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        groups = list(groups)
        if self.instance.pk:
            current = group_value(self.instance.dimension, self.instance.value)
            if current not in _offered(groups):  # a value no longer offered stays visible, by its name
                dimension, value = self.instance.dimension, self.instance.value
                groups.append((current, f"{dimension_label(dimension)}: {value_label(dimension, value or EACH)}"))
            self.initial["group"] = current
        self.fields["group"].choices = groups

    def clean(self):
        cleaned = super().clean()
        group = cleaned.get("group")
        if group:
            cleaned["dimension"], cleaned["value"] = parse_group(group)
            if cleaned["dimension"] in COVERED and cleaned.get("maximum") is not None:
                self.add_error(
                    "maximum",
                    _(
                        "A rule on who leads the organization or on a GCM objective asks for at least so many: "
                        "leave “at most” empty."
                    ),
                )
        if "minimum" in cleaned and "maximum" in cleaned:
            minimum, maximum = cleaned["minimum"], cleaned["maximum"]
            if minimum is None and maximum is None:
                self.add_error("minimum", _("Give “at least”, “at most” or both."))
            elif None not in (minimum, maximum) and minimum > maximum:
                self.add_error("maximum", _("“At most” cannot be below “at least”."))
        return cleaned


RuleFormSet = forms.inlineformset_factory(
    SelectionSettings,
    DiversityRule,
    form=RuleForm,
    fields=["minimum", "maximum"],
    extra=2,
    can_delete=True,
)

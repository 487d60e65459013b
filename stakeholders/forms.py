import zoneinfo

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from portal.widgets import FastSelect, FastSelectMultiple
from stakeholders.enums import Commission, MembershipRole, StaffRole, Verification
from stakeholders.models import Organization, Profile

NOT_ANSWERED = [("", _("Not answered"))]


TIME_ZONES = [("", "—"), *((zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones()))]


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=Profile._meta.get_field("time_zone").verbose_name,
        help_text=Profile._meta.get_field("time_zone").help_text,
        choices=TIME_ZONES,
        required=False,
        widget=FastSelect,
    )

    class Meta:
        model = Profile
        fields = Profile.EDITABLE_FIELDS
        widgets = {
            "country_of_residence": FastSelect,
            "languages_spoken": FastSelectMultiple,
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
            "gender": forms.RadioSelect,
            "age_group": forms.RadioSelect,
            "migration_background": forms.RadioSelect,
            "disability": forms.RadioSelect,
        }
        help_texts = {
            "accessibility_needs": _(
                "For example sign language, captioning, step-free access or documents in large print."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Profile.SENSITIVE_FIELDS:
            field = self.fields[name]
            field.choices = NOT_ANSWERED + list(field.choices)[1:]
            field.help_text = _("Optional. Only you see this; the secretariat sees only totals.")


class OrganizationForm(forms.ModelForm):
    """One language version of the texts: the one the person writes in (stored by the service)."""

    name = forms.CharField(label=_("Name of the organization"), max_length=200)
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    description = forms.CharField(
        label=_("What the organization does"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "acronym",
            "category",
            "country",
            "countries_of_work",
            "objectives",
            "is_migrant_led",
            "is_diaspora_led",
            "is_women_led",
            "is_youth_led",
            "is_disability_led",
            "languages",
            "website",
            "description",
            "is_listed_publicly",
        ]
        widgets = {
            "objectives": forms.CheckboxSelectMultiple,
            "country": FastSelect,
            "countries_of_work": FastSelectMultiple,
            "languages": FastSelectMultiple,
        }


class DecisionForm(forms.Form):
    verification = forms.ChoiceField(
        label=_("Decision"),
        choices=[(Verification.VERIFIED, _("Verify")), (Verification.REJECTED, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting; the organization's administrators will read it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("verification") == Verification.REJECTED and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the organization is rejected."))
        return data


class RoleGrantForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices)
    country = LazyTypedChoiceField(
        label=_("Country (focal points)"), choices=[("", "—"), *countries], required=False, widget=FastSelect
    )
    commission = forms.ChoiceField(
        label=_("Regional commission (focal points)"), choices=[("", "—"), *Commission.choices], required=False
    )

    def clean_email(self):
        try:
            return get_user_model().objects.get(email__iexact=self.cleaned_data["email"], is_active=True)
        except get_user_model().DoesNotExist:
            raise forms.ValidationError(_("Nobody has an account with this e-mail address.")) from None

    def clean(self):
        data = super().clean()
        is_focal_point = data.get("role") == StaffRole.FOCAL_POINT
        scopes = [scope for scope in (data.get("country"), data.get("commission")) if scope]
        if is_focal_point and len(scopes) != 1:
            raise forms.ValidationError(_("A focal point answers for one country or one regional commission."))
        if not is_focal_point and scopes:
            raise forms.ValidationError(_("Only focal points have a country or a regional commission."))
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)

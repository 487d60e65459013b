import zoneinfo

from allauth.account.forms import SignupForm as AccountSignupForm
from babel import Locale, UnknownLocaleError, localedata
from django import forms
from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import to_locale
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from portal import limits
from portal.l10n import current_locale, flat_choices, zone_choices, zone_label
from portal.widgets import FastSelect, FastSelectMultiple
from stakeholders import photos
from stakeholders.enums import Commission, MembershipRole, StaffRole, Verification
from stakeholders.models import BIOGRAPHY_MAX_LENGTH, JoinRequest, Language, Organization, Profile

NOT_ANSWERED = [("", _("Not answered"))]


def name_field() -> forms.CharField:
    """The name a person wants to be called: asked at sign-up, on the profile, and of any account
    without one. Required; spaces alone are no name."""
    return forms.CharField(
        label=_("The name you want to be called"),
        max_length=get_user_model()._meta.get_field("display_name").max_length,
        help_text=_(
            "Organizers and the organizations you join see it. It appears on a public page only where you choose so."
        ),
        error_messages={"required": _("Tell us the name you want to be called.")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )


class SignupForm(AccountSignupForm):
    """allauth's sign-up, with the person's name beside the e-mail address and the password
    (stored by portal.adapters.AccountAdapter.save_user)."""

    display_name = name_field()
    field_order = ["display_name", "email", "password1", "password2"]


class NameForm(forms.Form):
    display_name = name_field()


TIME_ZONES = [("", "—"), *((zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones()))]


class ProfileForm(forms.ModelForm):
    """The profile, with the person's name (a field of their account) first."""

    display_name = name_field()
    # Every language CLDR names, not only the rows of stakeholders.Language: the service adds a row
    # for a language chosen for the first time.
    languages_spoken = forms.MultipleChoiceField(
        label=capfirst(Profile._meta.get_field("languages_spoken").verbose_name),
        choices=[],  # set in __init__, named in the page's language
        required=False,
        widget=FastSelectMultiple,
    )
    time_zone = forms.ChoiceField(
        label=Profile._meta.get_field("time_zone").verbose_name,
        help_text=Profile._meta.get_field("time_zone").help_text,
        choices=[("", "—")],  # set in __init__: the zones of the person's country first
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
        self.order_fields(["display_name"])
        self.offer_time_zones()
        self.fields["languages_spoken"].choices = biography_languages()[1:]
        if self.instance.pk and "languages_spoken" not in self.initial:
            self.initial["languages_spoken"] = [language.pk for language in self.instance.languages_spoken.all()]
        elif self.initial.get("languages_spoken"):
            self.initial["languages_spoken"] = [getattr(code, "pk", code) for code in self.initial["languages_spoken"]]
        for name in Profile.SENSITIVE_FIELDS:
            field = self.fields[name]
            field.choices = NOT_ANSWERED + list(field.choices)[1:]
            field.help_text = _("Optional. Only you see this; the secretariat sees only totals.")

    def offer_time_zones(self):
        """The zones of the country of residence first, then "Other zones": real places only, named
        in the page's language with their offset today ("Nairobi Time UTC+3")."""
        country = self.data.get(self.add_prefix("country_of_residence")) if self.is_bound else None
        country = str(country or self.initial.get("country_of_residence") or self.instance.country_of_residence or "")
        self.fields["time_zone"].choices = localized_zone_choices(country, self.initial.get("time_zone") or "")


def localized_zone_choices(country: str, current: str = "") -> list:
    """A time-zone select's choices: "—", the country's zones first, then "Other zones", each named in
    the page's language with its offset today ("Nairobi Time UTC+3"); `current`, when it is an older
    name of a zone, kept as it was chosen."""
    choices = zone_choices(country, other_label=_("Other zones"))
    if current and not any(current == value for value, _label in flat_choices(choices)):
        choices.append((current, zone_label(current)))
    return [("", "—"), *choices]


class OrganizationForm(forms.ModelForm):
    """One language version of the texts: the one the person writes in (stored by the service)."""

    name = forms.CharField(label=_("Name of the organization"), max_length=200)
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    description = forms.CharField(
        label=_("What the organization does"),
        max_length=limits.DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
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
        max_length=limits.NOTE,
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
        label=_("Country (focal points)"),
        choices=[("", "—")],  # set in __init__: named and sorted in the page's language
        required=False,
        widget=FastSelect,
    )
    commission = forms.ChoiceField(
        label=_("Regional commission (focal points)"), choices=[("", "—"), *Commission.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries]

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


# Languages CLDR names though it has no locale data for them; Dari is CLDR's Persian of Afghanistan.
SPOKEN_WITHOUT_LOCALE = ("fa-AF", "ht", "tl")


def biography_languages() -> list[tuple[str, str]]:
    """Every language CLDR has data for (through Babel: Amharic, Tigrinya, Somali, Pashto, Hausa, Wolof,
    Yoruba, Oromo, Kinyarwanda, Lingala...), Dari, Haitian Creole and Tagalog, and any other a person
    may speak, each named in the page's language with its own name beside it: "Amharic (አማርኛ)"."""
    page = current_locale()
    codes = {code for code in localedata.locale_identifiers() if "_" not in code and code != "root"}
    codes.update(SPOKEN_WITHOUT_LOCALE)
    codes.update(Language.objects.values_list("code", flat=True))
    named = [(code, capfirst(language_label(code, page))) for code in codes]
    return [("", "—"), *sorted(named, key=lambda choice: choice[1].casefold())]


def language_label(code: str, page: Locale) -> str:
    """ "Name in the page's language (own name)", or the name alone when they are the same or CLDR has
    no data in that language; the code itself when CLDR does not know it at all."""
    identifier = to_locale(code).replace("_hans", "_Hans").replace("_hant", "_Hant")
    name = page.languages.get(identifier) or page.languages.get(identifier.split("_")[0]) or code
    try:
        own = Locale.parse(identifier)
        local = own.languages.get(identifier) or own.languages.get(identifier.split("_")[0]) or ""
    except (ValueError, UnknownLocaleError):
        local = ""
    return name if not local or local.casefold() == name.casefold() else f"{name} ({local})"


class SpeakerProfileForm(forms.Form):
    """What a speaker shows when they choose to appear with their full profile. The photo is
    checked by decoding it (stakeholders.photos), whatever its name or first bytes say."""

    affiliation = forms.CharField(
        label=capfirst(Profile._meta.get_field("affiliation").verbose_name),
        help_text=Profile._meta.get_field("affiliation").help_text,
        max_length=Profile._meta.get_field("affiliation").max_length,
        required=False,
    )
    biography = forms.CharField(
        label=capfirst(Profile._meta.get_field("biography").verbose_name),
        max_length=BIOGRAPHY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": BIOGRAPHY_MAX_LENGTH}),
    )
    biography_language = forms.ChoiceField(
        label=capfirst(Profile._meta.get_field("biography_language").verbose_name),
        help_text=_("Any language: the page shows your biography as you wrote it."),
        required=False,
        widget=FastSelect,
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": photos.ACCEPT}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["biography_language"].choices = biography_languages()
        self.fields["photo"].help_text = _(
            "A JPEG, PNG or WebP image of at most %(limit)s. It is made smaller and square, and what your "
            "camera or phone recorded in it (place, date, device) is removed."
        ) % {"limit": filesizeformat(photos.MAX_BYTES)}

    def clean_photo(self):
        photo = self.cleaned_data["photo"]
        if photo:
            photos.decoded(photo)
        return photo

    def clean(self):
        data = super().clean()
        if (data.get("biography") or "").strip() and not data.get("biography_language"):
            self.add_error("biography_language", _("Say which language your biography is written in."))
        return data


class JoinRequestForm(forms.Form):
    """Ask to join an organization of the public directory. On the organization's own page the
    organization is fixed (a hidden field); on the join page it is chosen."""

    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        empty_label="—",
        error_messages={"required": _("Choose the organization you want to join.")},
    )
    message = forms.CharField(
        label=_("Message to its administrators (optional)"),
        max_length=JoinRequest._meta.get_field("message").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Its administrators will see your name, your e-mail address and this message."),
    )

    def __init__(self, *args, organizations, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations
        if organization is not None:
            field.initial = organization
            field.widget = forms.HiddenInput()


class JoinDecisionForm(forms.Form):
    """An administrator accepts or declines a request to join (the button pressed says which)."""

    ACCEPT, DECLINE = "accept", "decline"

    decision = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose to accept or to decline the request.")},
    )
    note = forms.CharField(
        label=_("Note to the person (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Sent with the answer, in the e-mail to the person who asked; for example why you decline."),
    )

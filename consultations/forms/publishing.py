"""Forms of focal points and the secretariat: consultations and calls in six languages, and the decisions on them."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext_lazy as _

from consultations.enums import CallKind, Provenance
from consultations.models import Consultation, OpenCall, Summary, advance_notice
from portal import limits
from portal.l10n import zone_label
from portal.widgets import FastSelect, FastSelectMultiple
from stakeholders.enums import Commission, StakeholderCategory, Verification
from stakeholders.forms import TIME_ZONES, localized_zone_choices
from stakeholders.models import Organization, in_language

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LOCAL_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
# What an editor can say of a version; "needs review" is set by the portal and shown, then confirmed away.
PROVENANCE_CHOICES = [("", "—"), *Provenance.choices]


# Calls and summaries are written in Markdown and shown through portal.markdown, which keeps no HTML.
MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with -, links as [text](https://…). HTML is not kept.")


def local_time_widget():
    """A datetime-local input; old browsers show a text box that accepts the same "2026-12-01 09:30"."""
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TranslatedTextsMixin:
    """Per-language versions of the translated fields, each with what the editor says of its provenance."""

    translated: tuple[str, ...] = ()
    long_texts: tuple[str, ...] = ()

    def add_translated_fields(self):
        provenance = self.instance.provenance or {}
        for code in LANGUAGE_CODES:
            info = get_language_info(code)
            for name in self.translated:
                field = self.fields[in_language(name, code)]
                field.label = self._meta.model._meta.get_field(name).verbose_name.capitalize()
                field.required = False
                attrs = {"lang": code, "dir": "rtl" if info["bidi"] else "ltr"}
                if name in self.long_texts:
                    field.widget = forms.Textarea(attrs={"rows": 5, **attrs})
                else:
                    field.widget.attrs.update(attrs)
            self.fields[f"provenance_{code}"] = forms.ChoiceField(
                label=_("This version is"),
                choices=PROVENANCE_CHOICES,
                required=False,
                initial=provenance.get(code, ""),
            )

    def language_versions(self):
        """For the template: one fieldset per language, the interface language first."""
        current = self.current_language()
        ordered = sorted(LANGUAGE_CODES, key=lambda code: code != current)
        versions = []
        for code in ordered:
            fields = [self[in_language(name, code)] for name in self.translated]
            provenance = self[f"provenance_{code}"]
            in_use = any(field.value() or field.errors for field in fields) or provenance.errors
            versions.append(
                {
                    "code": code,
                    "info": get_language_info(code),
                    "fields": fields,
                    "provenance": provenance,
                    "open": code == current or bool(in_use),
                }
            )
        return versions

    def current_language(self):
        return get_language()

    def chosen_provenance(self) -> dict:
        return {code: self.cleaned_data.get(f"provenance_{code}") for code in LANGUAGE_CODES}

    def translated_data(self) -> dict:
        return {
            in_language(name, code): self.cleaned_data.get(in_language(name, code)) or ""
            for name in self.translated
            for code in LANGUAGE_CODES
        }

    def clean_translations(self, required: str, message):
        """One language is enough; a version without the required text (e.g. a title) is incomplete."""
        if not any(self.cleaned_data.get(in_language(required, code)) for code in LANGUAGE_CODES):
            self.add_error(in_language(required, self.current_language()), message)
        for code in LANGUAGE_CODES:
            versions = [self.cleaned_data.get(in_language(name, code)) for name in self.translated]
            if any(versions) and not versions[self.translated.index(required)]:
                self.add_error(in_language(required, code), message)
            if any(versions) and not self.cleaned_data.get(f"provenance_{code}"):
                self.add_error(f"provenance_{code}", _("Say whether this version is the original or a translation."))


class LocalTimesMixin:
    """Times are typed in the consultation's own time zone, whatever the server's or the editor's."""

    local_times: tuple[str, ...] = ()

    def show_local_times(self, zone_name):
        for name in self.local_times:
            self.fields[name].input_formats = LOCAL_INPUT_FORMATS
            self.fields[name].widget = local_time_widget()
            value = getattr(self.instance, name, None)
            if value and zone_name:
                self.initial[name] = value.astimezone(zoneinfo.ZoneInfo(zone_name)).replace(tzinfo=None)

    def read_local_times(self, zone_name):
        """The form read each time in the active zone; read the same wall-clock time in the consultation's."""
        zone = zoneinfo.ZoneInfo(zone_name)
        for name in self.local_times:
            value = self.cleaned_data.get(name)
            if value:
                self.cleaned_data[name] = timezone.make_naive(value).replace(tzinfo=zone)


CONSULTATION_TEXTS = ("title", "description", "venue", "accessibility")


class ConsultationForm(TranslatedTextsMixin, LocalTimesMixin, forms.ModelForm):
    translated = CONSULTATION_TEXTS
    long_texts = ("description", "accessibility")
    local_times = ("starts_at", "ends_at")

    time_zone = forms.ChoiceField(
        label=_("Time zone of the meeting"),
        choices=TIME_ZONES,
        widget=FastSelect,
        help_text=_("Times below are in this time zone."),
    )

    class Meta:
        model = Consultation
        fields = [
            "kind",
            "cycle",
            "commission",
            "country",
            "time_zone",
            "starts_at",
            "ends_at",
            "modality",
            "capacity_in_person",
            "capacity_online",
            "languages",
            "interpretation",
            "co_organizers",
            *(in_language(name, code) for name in CONSULTATION_TEXTS for code in LANGUAGE_CODES),
        ]
        widgets = {
            "country": FastSelect,
            "languages": FastSelectMultiple,
            "interpretation": FastSelectMultiple,
            "co_organizers": FastSelectMultiple,
        }
        help_texts = {
            "commission": _("For a regional consultation. Leave empty for a national one and choose the country."),
            "capacity_in_person": _("Needed when people meet in a room."),
            "capacity_online": _("Needed when people join online."),
        }

    def __init__(self, *args, user, countries=None, commissions=None, **kwargs):
        """`countries` and `commissions`: the places a focal point answers for (None: any, for the secretariat)."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_translated_fields()
        self.show_local_times(self.instance.time_zone if self.instance.pk else "")
        self.offer_time_zones()
        self.fields["co_organizers"].queryset = Organization.objects.filter(verification=Verification.VERIFIED)
        if commissions is not None:
            self.fields["commission"].choices = [("", "—")] + [
                (code, label) for code, label in Commission.choices if code in commissions
            ]
        if countries is not None:
            field = self.fields["country"]
            field.choices = [("", "—")] + [(code, name) for code, name in field.choices if code in countries]

    def offer_time_zones(self):
        """Zones named in the page's language ("Nairobi Time UTC+3"), the consultation's country's first."""
        country = self.data.get(self.add_prefix("country")) if self.is_bound else None
        country = str(country or self.initial.get("country") or self.instance.country or "")
        current = self.initial.get("time_zone") or (self.instance.time_zone if self.instance.pk else "")
        self.fields["time_zone"].choices = localized_zone_choices(country, current)

    def clean(self):
        data = super().clean()
        if data.get("time_zone"):
            self.read_local_times(data["time_zone"])
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The consultation must end after it starts."))
        if not data.get("commission") and not data.get("country"):
            self.add_error("commission", _("Choose the UN region, the country, or both."))
        modality = data.get("modality")
        if modality in ("in-person", "hybrid") and data.get("capacity_in_person") is None:
            self.add_error("capacity_in_person", _("Say how many seats the room has."))
        if modality in ("online", "hybrid") and data.get("capacity_online") is None:
            self.add_error("capacity_online", _("Say how many people can join online."))
        self.clean_translations("title", _("Give the title in this language, or leave this language empty."))
        return data


class OpenCallForm(TranslatedTextsMixin, LocalTimesMixin, forms.ModelForm):
    translated = ("title", "text")
    long_texts = ("text",)
    local_times = ("opens_at", "closes_at")

    categories = forms.MultipleChoiceField(
        label=_("Open to these stakeholder categories"),
        choices=StakeholderCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: open to every category."),
    )
    commissions = forms.MultipleChoiceField(
        label=_("Open to stakeholders of these UN regions"),
        choices=Commission.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: open to every region."),
    )

    class Meta:
        model = OpenCall
        fields = [
            "kind",
            "opens_at",
            "closes_at",
            "max_considered",
            "objectives",
            *(in_language(name, code) for name in ("title", "text") for code in LANGUAGE_CODES),
        ]
        widgets = {"objectives": forms.CheckboxSelectMultiple}

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.add_translated_fields()
        self.show_local_times(consultation.time_zone)
        for code in LANGUAGE_CODES:
            self.fields[in_language("text", code)].help_text = MARKDOWN_HELP
        for name in self.local_times:
            self.fields[name].help_text = _("In the time zone of the consultation: %(zone)s.") % {
                "zone": zone_label(consultation.time_zone, consultation.starts_at)
            }
        if self.instance.pk:
            rows = list(self.instance.eligibility.all())
            self.initial["categories"] = [row.category for row in rows if row.category]
            self.initial["commissions"] = [row.commission for row in rows if row.commission]

    def clean(self):
        data = super().clean()
        self.read_local_times(self.consultation.time_zone)
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The call must close after it opens."))
        if data.get("kind") == CallKind.SPEAK and data.get("max_considered") == 0:
            self.add_error("max_considered", _("At least one expression of interest must be considered."))
        self.clean_translations("title", _("Give the title in this language, or leave this language empty."))
        versions = [data.get(in_language(name, code)) for code in LANGUAGE_CODES for name in ("text",)]
        if not any(versions):
            self.add_error(in_language("text", self.current_language()), _("Write the text of the call."))
        return data

    def _post_clean(self):
        super()._post_clean()
        self.instance.consultation = self.consultation


class SubmitForm(forms.Form):
    """Nothing to fill in: a button with a CSRF token."""


class DecisionForm(forms.Form):
    """The secretariat publishes what a focal point submitted, or returns it with a comment."""

    PUBLISH, RETURN = "publish", "return"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(PUBLISH, _("Publish")), (RETURN, _("Return to the focal point with a comment"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the focal point"),
        required=False,
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning: say what must change."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what must change before it can be published."))
        return data


class ConsultationDecisionForm(DecisionForm):
    """A consultation and the calls submitted with it: one decision, one comment. Each call whose
    notice would be short when published now has its own field for the reason."""

    calls = forms.ModelMultipleChoiceField(
        label=_("Decide on these calls with the consultation"),
        queryset=OpenCall.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a call to decide on it on its own, later."),
    )

    def __init__(self, *args, calls, short_notice=(), **kwargs):
        """`calls`: the consultation's submitted calls; `short_notice`: those of them that need a reason."""
        super().__init__(*args, **kwargs)
        self.calls = list(calls)
        if self.calls:
            self.fields["calls"].queryset = calls
            self.fields["calls"].initial = [call.pk for call in self.calls]
        else:
            del self.fields["calls"]
        days = advance_notice().days
        for call in short_notice:
            self.fields[self.reason_field(call.pk)] = forms.CharField(
                label=ngettext(
                    "“%(call)s”: reason for a notice shorter than %(days)s day",
                    "“%(call)s”: reason for a notice shorter than %(days)s days",
                    days,
                )
                % {"days": days, "call": call},
                required=False,
                max_length=limits.NOTE,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Needed to publish this call with the consultation. Kept on record with the call."),
            )

    @staticmethod
    def reason_field(call_pk) -> str:
        return f"short_notice_reason_{call_pk}"

    def reason_fields(self):
        """For the template: the bound field of each call that needs a reason."""
        return [self[name] for name in self.fields if name.startswith("short_notice_reason_")]

    def chosen_calls(self) -> list:
        return list(self.cleaned_data.get("calls") or [])

    def short_notice_reasons(self) -> dict:
        return {call.pk: self.cleaned_data.get(self.reason_field(call.pk), "") for call in self.chosen_calls()}

    def add_decision_errors(self, error) -> None:
        """A refusal of the service, beside what it is about: a call's reason field, else the list of
        calls (naming the call), else the form as a whole."""
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add_error(None, message)
            return
        calls = {call.pk: call for call in self.calls}
        for pk, messages in error.message_dict.items():
            field = self.reason_field(pk)
            for message in messages:
                if field in self.fields:
                    self.add_error(field, message)
                else:
                    self.add_error(
                        "calls" if "calls" in self.fields else None,
                        _("%(call)s: %(problem)s") % {"call": calls.get(pk, pk), "problem": message},
                    )


class CallDecisionForm(DecisionForm):
    short_notice_reason = forms.CharField(
        required=False,
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept on record with the call."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = advance_notice().days
        self.fields["short_notice_reason"].label = ngettext(
            "Reason for a notice shorter than %(days)s day", "Reason for a notice shorter than %(days)s days", days
        ) % {"days": days}


class SummaryForm(TranslatedTextsMixin, forms.ModelForm):
    translated = ("body",)
    long_texts = ("body",)

    publish = forms.BooleanField(
        label=_("Published: everyone can read the summary"),
        required=False,
    )

    class Meta:
        model = Summary
        fields = ["submissions", *(in_language("body", code) for code in LANGUAGE_CODES)]
        widgets = {"submissions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, submissions, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated_fields()
        self.fields["submissions"].queryset = submissions
        self.fields["submissions"].required = False
        self.fields["publish"].initial = bool(self.instance.published_at)
        for code in LANGUAGE_CODES:
            self.fields[in_language("body", code)].widget.attrs["rows"] = 14
            self.fields[in_language("body", code)].help_text = MARKDOWN_HELP

    def clean(self):
        data = super().clean()
        self.clean_translations("body", _("Write the summary in at least one language."))
        return data

"""Answers to calls: input cleaning only; the services decide seats, order and deadlines."""

from django import forms
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from consultations.queries import in_one_language
from registrations.enums import AccessNeed, Attendance
from registrations.models import STATEMENT_MAX_LENGTH, ExpressionOfInterest, FundingApplication, SideEventProposal
from registrations.queries.answers import capacity_of
from stakeholders.enums import MembershipRole
from stakeholders.models import GcmObjective, Organization


class OnBehalfMixin:
    """The organizations the person administers; no choice at all for someone who administers none."""

    def add_organization_field(self, person):
        organizations = Organization.objects.filter(memberships__person=person, memberships__role=MembershipRole.ADMIN)
        if organizations.exists():
            self.fields["organization"] = forms.ModelChoiceField(
                label=_("On behalf of"),
                queryset=organizations,
                required=False,
                empty_label=_("Myself only"),
            )


class RegistrationForm(forms.Form):
    attendance = forms.ChoiceField(label=_("How will you take part?"), widget=forms.RadioSelect)
    interpretation = forms.ModelChoiceField(
        label=_("Interpretation into"), queryset=None, required=False, empty_label=_("None needed")
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Access needs"),
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organizers plan interpretation and access with these; only they see them."),
    )
    access_needs_other = forms.CharField(
        label=_("Other needs, in your words"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organizers of this consultation and the Network secretariat keep my name, e-mail "
            "address and the answers above to run the consultation, and delete them when I ask."
        ),
    )

    def __init__(self, *args, call, seats_left, **kwargs):
        super().__init__(*args, **kwargs)
        consultation = call.consultation
        choices = []
        for value, label in Attendance.choices:
            if capacity_of(consultation, value) is None:
                continue
            left = seats_left.get(value, 0)
            if left > 0:
                note = ngettext("%(count)s place left", "%(count)s places left", left) % {"count": left}
            else:
                note = _("full: you join the waiting list")
            choices.append((value, f"{label} ({note})"))
        self.fields["attendance"].choices = choices
        if len(choices) == 1:
            self.fields["attendance"].initial = choices[0][0]
        self.fields["interpretation"].queryset = consultation.interpretation.all()
        if not consultation.interpretation.exists():
            del self.fields["interpretation"]

    def clean(self):
        data = super().clean()
        if AccessNeed.OTHER in data.get("access_needs", []) and not data.get("access_needs_other", "").strip():
            self.add_error("access_needs_other", _("Say which other need the organizers should plan for."))
        return data


class ContentSelect(forms.Select):
    """A select of content objects (sessions) whose options each say the one language their title is
    shown in, as the pages do (consultations.queries.in_one_language)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        item = getattr(value, "instance", None)
        if item is not None:
            shown = in_one_language(item, get_language())
            option["label"] = str(shown)
            option["attrs"] = {**option["attrs"], "lang": shown.shown_language, "dir": shown.shown_direction}
        return option


class InterestForm(OnBehalfMixin, forms.ModelForm):
    class Meta:
        model = ExpressionOfInterest
        fields = ["session", "statement", "objectives"]
        widgets = {
            "session": ContentSelect,
            "statement": forms.Textarea(attrs={"rows": 8, "maxlength": STATEMENT_MAX_LENGTH}),
            "objectives": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, call, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = call.consultation.sessions.all()
        self.fields["session"].empty_label = _("Any session")
        self.fields["objectives"].queryset = GcmObjective.objects.all()
        self.add_organization_field(person)
        if self.instance.pk and "organization" in self.fields:
            self.initial["organization"] = self.instance.organization_id


class SideEventForm(OnBehalfMixin, forms.ModelForm):
    class Meta:
        model = SideEventProposal
        fields = ["title", "description", "co_organizers"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "co_organizers": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, call, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_organization_field(person)


class FundingForm(OnBehalfMixin, forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = ["travel_cost", "justification"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, call, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_organization_field(person)

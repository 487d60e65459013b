"""The organizers' decision on a side-event proposal: input cleaning only; the service decides what
a decision may hold (a time only when accepted, an end after the start...)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from consultations.forms.publishing import LocalTimesMixin
from portal.l10n import zone_label
from registrations.models import SideEventProposal

FIELDS = SideEventProposal._meta


def label(name: str) -> str:
    return capfirst(FIELDS.get_field(name).verbose_name)


class SideEventDecisionForm(LocalTimesMixin, forms.Form):
    """One proposal's decision; each form of the page has its own prefix, so that ids stay unique."""

    ACCEPT, DECLINE = "accept", "decline"
    local_times = ("starts_at", "ends_at")

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))],
        widget=forms.RadioSelect,
    )
    decision_note = forms.CharField(
        label=label("decision_note"),
        required=False,
        max_length=FIELDS.get_field("decision_note").max_length,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Sent to them with the decision, and kept on record."),
    )
    starts_at = forms.DateTimeField(label=label("starts_at"), required=False)
    ends_at = forms.DateTimeField(label=label("ends_at"), required=False)
    place = forms.CharField(
        label=label("place"),
        required=False,
        max_length=FIELDS.get_field("place").max_length,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    online_link = forms.URLField(
        label=label("online_link"),
        required=False,
        max_length=FIELDS.get_field("online_link").max_length,
        widget=forms.URLInput(attrs={"dir": "ltr"}),
        help_text=_("Shown on the public programme, since side events are open to everyone."),
    )

    def __init__(self, *args, proposal, **kwargs):
        kwargs.setdefault("prefix", f"proposal-{proposal.pk}")
        super().__init__(*args, **kwargs)
        self.instance = proposal
        self.time_zone = proposal.call.consultation.time_zone
        self.show_local_times(self.time_zone)
        for name in self.local_times:
            self.fields[name].help_text = _("In the time zone of the consultation: %(zone)s.") % {
                "zone": zone_label(self.time_zone, proposal.call.consultation.starts_at)
            }
        if proposal.decided_at:
            self.initial.setdefault("decision", self.ACCEPT if proposal.is_accepted else self.DECLINE)
        self.initial.setdefault("decision_note", proposal.decision_note)
        self.initial.setdefault("place", proposal.place)
        self.initial.setdefault("online_link", proposal.online_link)

    def clean(self):
        data = super().clean()
        self.read_local_times(self.time_zone)
        return data

    def as_decision(self) -> dict:
        """What the service takes."""
        data = self.cleaned_data
        return {
            "accept": data["decision"] == self.ACCEPT,
            "note": data["decision_note"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data["place"],
            "online_link": data["online_link"],
        }

"""Forms of reviews and of the secretariat's changes to a selection."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal import limits
from registrations.queries.reviews import SCORE_RANGE
from stakeholders.enums import StaffRole
from stakeholders.queries import has_role

SCORES = [(value, str(value)) for value in SCORE_RANGE]


def criterion_label(criterion) -> str:
    """A criterion and its weight; a criterion shown in another language than the page's (it has
    no version in the reader's) carries its own lang and dir."""
    language = getattr(criterion, "shown_language", None)
    if language and language != get_language():
        name = format_html('<span lang="{}" dir="{}">{}</span>', language, criterion.shown_direction, criterion.name)
    else:
        name = criterion.name
    return format_html("{} ({} %)", name, criterion.weight)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=limits.NOTE, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        given = review.scores if review else {}
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion_label(criterion),
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


class ReviewerForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the reviewer"))

    def clean_email(self):
        person = get_user_model().objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if person is None or not has_role(person, StaffRole.REVIEWER):
            raise forms.ValidationError(
                _("Nobody with this address holds the reviewer role; the secretariat grants it first.")
            )
        return person

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activity.models import Activity
from activity.queries import kinds_in_log
from portal.widgets import FastSelect


class DateInput(forms.DateInput):
    """The browser's own date picker; the value in ISO form, which every language's form accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LogFilter(django_filters.FilterSet):
    """The secretariat's filters on the log; every one is a plain GET parameter."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind of object"),
        field_name="content_type",
        choices=kinds_in_log,
        empty_label=_("All kinds"),
        widget=FastSelect,
    )
    person = django_filters.CharFilter(
        label=_("Person"),
        method="filter_person",
        help_text=_("Part of a name or an e-mail address."),
    )
    since = django_filters.DateFilter(label=_("From date"), field_name="at", lookup_expr="date__gte", widget=DateInput)
    until = django_filters.DateFilter(label=_("To date"), field_name="at", lookup_expr="date__lte", widget=DateInput)

    class Meta:
        model = Activity
        fields = []

    def filter_person(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(actor__display_name__icontains=value) | Q(actor__email__icontains=value))

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.widgets import FastSelect
from stakeholders import geography
from stakeholders.enums import Commission, LedBy, StakeholderCategory
from stakeholders.models import GcmObjective, Language, Organization
from stakeholders.queries import name_matches


class DirectoryFilter(django_filters.FilterSet):
    """The public directory's filters; every one is a plain GET parameter."""

    q = django_filters.CharFilter(label=_("Name or acronym"), method="filter_name")
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        choices=StakeholderCategory.choices,
        empty_label=_("All categories"),
        widget=FastSelect(static_choices=True),
    )
    region = django_filters.ChoiceFilter(
        label=_("UN region"),
        choices=Commission.choices,
        method="filter_region",
        empty_label=_("All regions"),
        widget=FastSelect(static_choices=True),
    )
    sub_region = django_filters.ChoiceFilter(
        label=_("Sub-region"),
        choices=geography.sub_region_choices,
        method="filter_sub_region",
        empty_label=_("All sub-regions"),
        widget=FastSelect(static_choices=True),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=lambda: list(countries),
        method="filter_country",
        empty_label=_("All countries"),
        widget=FastSelect(static_choices=True),
    )
    objective = django_filters.ModelChoiceFilter(
        label=_("GCM objective"),
        queryset=GcmObjective.objects.all(),
        field_name="objectives",
        empty_label=_("All objectives"),
        widget=FastSelect,
    )
    led_by = django_filters.ChoiceFilter(
        label=_("Led by"),
        choices=LedBy.choices,
        method="filter_led_by",
        empty_label=_("Any leadership"),
        widget=FastSelect(static_choices=True),
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Working language"),
        # Only languages of listed organizations: a hidden organization must not show through the choices.
        queryset=Language.objects.filter(organizations__in=Organization.objects.listed()).distinct(),
        field_name="languages",
        empty_label=_("All languages"),
        widget=FastSelect,
    )

    class Meta:
        model = Organization
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(name_matches(value.strip()))

    def filter_region(self, queryset, name, value):
        return queryset.filter(country__in=geography.countries_of_commission(value))

    def filter_sub_region(self, queryset, name, value):
        return queryset.filter(country__in=geography.countries_in_area(value))

    def filter_country(self, queryset, name, value):
        return queryset.filter(Q(country=value) | Q(countries_of_work__contains=value))

    def filter_led_by(self, queryset, name, value):
        return queryset.filter(**{f"is_{value}_led": True})

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from consultations.enums import CallKind
from consultations.models import CallEligibility
from consultations.queries import with_text_in
from portal.widgets import FastSelect
from stakeholders.enums import Commission, StakeholderCategory


class CallFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(
        label=_("UN region"),
        choices=Commission.choices,
        field_name="consultation__commission",
        empty_label=_("All regions"),
        widget=FastSelect(static_choices=True),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of call"),
        choices=CallKind.choices,
        empty_label=_("All kinds"),
        widget=FastSelect(static_choices=True),
    )
    language = django_filters.ChoiceFilter(
        label=_("Published in"),
        choices=settings.LANGUAGES,
        method="filter_language",
        empty_label=_("Any language"),
        widget=FastSelect(static_choices=True),
    )
    category = django_filters.ChoiceFilter(
        label=_("Open to"),
        choices=StakeholderCategory.choices,
        method="filter_category",
        empty_label=_("Everyone"),
        widget=FastSelect(static_choices=True),
    )

    def filter_language(self, queryset, name, value):
        return queryset.filter(with_text_in(value))

    def filter_category(self, queryset, name, value):
        """Calls open to everyone, or naming this category among those eligible."""
        named = Exists(CallEligibility.objects.filter(call=OuterRef("pk"), category=value))
        restricted = Exists(CallEligibility.objects.filter(call=OuterRef("pk"), category__gt=""))
        return queryset.filter(named | ~restricted)

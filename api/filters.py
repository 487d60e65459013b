"""Filters of the API's lists (django-filter), the public pages' own where there is one; and the scope of the
indicators."""

from datetime import UTC

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_filters.fields import IsoDateTimeField
from rest_framework import serializers

from consultations.enums import CallKind, CallState, ConsultationKind, Modality
from consultations.filters import CallFilter as PublicCallFilter
from consultations.models import Consultation, OpenCall, ReviewCycle, Summary, WrittenSubmission
from registrations.models import SideEventProposal
from stakeholders import geography
from stakeholders.enums import Commission
from stakeholders.filters import DirectoryFilter
from stakeholders.models import Organization


class MomentField(IsoDateTimeField):
    """An ISO 8601 moment, in UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:  # the year 1 with a negative offset, say
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


def after(field: str):
    return MomentFilter(field_name=field, lookup_expr="gte", help_text="At or after (ISO 8601).")


def before(field: str):
    return MomentFilter(field_name=field, lookup_expr="lte", help_text="At or before (ISO 8601).")


class CallFilter(PublicCallFilter):
    """The calls page's filters (region, kind, language, category), and more."""

    consultation = django_filters.CharFilter(field_name="consultation__slug", help_text="A consultation's slug.")
    country = django_filters.CharFilter(field_name="consultation__country", help_text="ISO 3166 code.")
    state = django_filters.ChoiceFilter(choices=CallState.choices, method="filter_state")
    objective = django_filters.NumberFilter(field_name="objectives__number", help_text="A GCM objective's number.")
    opens_after = after("opens_at")
    opens_before = before("opens_at")
    closes_after = after("closes_at")
    closes_before = before("closes_at")

    class Meta:
        model = OpenCall
        fields = []

    def filter_state(self, queryset, name, value):
        """As OpenCall.state_at says, now."""
        now = timezone.now()
        if value == CallState.UPCOMING:
            return queryset.filter(opens_at__gt=now)
        if value == CallState.OPEN:
            return queryset.filter(opens_at__lte=now, closes_at__gt=now)
        return queryset.filter(closes_at__lte=now)


class ConsultationFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(field_name="commission", choices=Commission.choices)
    country = django_filters.CharFilter(field_name="country", help_text="ISO 3166 code.")
    kind = django_filters.ChoiceFilter(choices=ConsultationKind.choices)
    modality = django_filters.ChoiceFilter(choices=Modality.choices)
    starts_after = after("starts_at")
    starts_before = before("starts_at")

    class Meta:
        model = Consultation
        fields = []


class SideEventFilter(django_filters.FilterSet):
    consultation = django_filters.CharFilter(field_name="call__consultation__slug", help_text="A consultation's slug.")
    starts_after = after("starts_at")
    starts_before = before("starts_at")

    class Meta:
        model = SideEventProposal
        fields = []


class SummaryFilter(django_filters.FilterSet):
    published_after = after("published_at")
    published_before = before("published_at")

    class Meta:
        model = Summary
        fields = []


class SubmissionFilter(django_filters.FilterSet):
    consultation = django_filters.CharFilter(field_name="call__consultation__slug", help_text="A consultation's slug.")
    call = django_filters.NumberFilter(field_name="call_id", help_text="A call's id.")
    language = django_filters.ChoiceFilter(choices=settings.LANGUAGES)

    class Meta:
        model = WrittenSubmission
        fields = []


class ScopeQuery(serializers.Serializer):
    """Which consultations the indicators count, as the indicators page chooses them; neither: all."""

    cycle = serializers.SlugRelatedField(
        slug_field="slug", queryset=ReviewCycle.objects.all(), required=False, help_text="A review cycle's slug."
    )
    region = serializers.ChoiceField(choices=Commission.choices, required=False, help_text="A UN regional commission.")


class CallRecordFilter(django_filters.FilterSet):
    consultation = django_filters.CharFilter(field_name="consultation__slug", help_text="A consultation's slug.")
    kind = django_filters.ChoiceFilter(
        choices=CallKind.choices, help_text="Only calls to speak and for funding support have one."
    )

    class Meta:
        model = OpenCall
        fields = []


class OrganizationFilter(DirectoryFilter):
    """The public directory's filters; objectives by their number, as everywhere in the API."""

    objective = django_filters.NumberFilter(field_name="objectives__number", help_text="A GCM objective's number.")
    sub_region = django_filters.ChoiceFilter(
        choices=[(code, geography.AREA_NAMES[code]) for code in geography.balance_sub_regions()],
        method="filter_sub_region",
        help_text="A UN M49 sub-region code, as /api/v1/sub-regions/ lists them.",
    )

    class Meta:
        model = Organization
        fields = []

"""The open data API: thin read-only views over api.queries, in the language asked for (api.languages),
answering conditional GETs (api.caching), throttled per client (api.throttling)."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from api import figures, filters, queries, serializers
from api.caching import ConditionalGetMixin
from api.languages import requested_language
from indicators import queries as indicators
from portal.labels import choice_labels
from registrations.queries.how_it_was_run import how_call_was_run
from registrations.queries.speakers import confirmed_speakers_of
from stakeholders import geography
from stakeholders.enums import Commission, StakeholderCategory
from stakeholders.models import Organization


class InLanguage:
    """Reads the language asked for (a 400 answer for one the portal does not have) and answers in it."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = requested_language(request)
        translation.activate(self.language)

    def get_serializer_context(self):
        # No language when drf-spectacular builds the document without a request.
        return {**super().get_serializer_context(), "language": getattr(self, "language", settings.LANGUAGE_CODE)}


class ReadOnly(InLanguage, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class CallViewSet(ReadOnly):
    """Published open calls of published consultations: open, upcoming and closed."""

    queryset = queries.calls()
    serializer_class = serializers.CallSerializer
    filterset_class = filters.CallFilter


class ConsultationViewSet(ReadOnly):
    """Published consultations, with their programme: sessions and confirmed speakers, each as they
    chose to appear."""

    queryset = queries.consultations_with_programme()
    serializer_class = serializers.ConsultationSerializer
    filterset_class = filters.ConsultationFilter
    lookup_field = "slug"

    def get_serializer(self, instance=None, *args, **kwargs):
        """With the speakers of the consultations shown, in one query."""
        consultations = instance if kwargs.get("many") else [instance] if instance is not None else []
        speakers = confirmed_speakers_of([consultation.pk for consultation in consultations])
        kwargs["context"] = {**self.get_serializer_context(), **kwargs.get("context", {}), "speakers": speakers}
        return self.get_serializer_class()(instance, *args, **kwargs)


class SideEventViewSet(ReadOnly):
    """Accepted side events of published consultations, with their time and place."""

    queryset = queries.side_events()
    serializer_class = serializers.SideEventSerializer
    filterset_class = filters.SideEventFilter


class SummaryViewSet(ReadOnly):
    """Published summaries of consultations, by the consultation's slug."""

    queryset = queries.summaries()
    serializer_class = serializers.SummarySerializer
    filterset_class = filters.SummaryFilter
    lookup_field = "consultation__slug"
    lookup_url_kwarg = "slug"


class SubmissionViewSet(ReadOnly):
    """Published written submissions, without their authors."""

    queryset = queries.submissions()
    serializer_class = serializers.SubmissionSerializer
    filterset_class = filters.SubmissionFilter


class OrganizationViewSet(ReadOnly):
    """The public directory: verified organizations that chose to be listed."""

    queryset = queries.organizations()
    filterset_class = filters.OrganizationFilter
    lookup_field = "slug"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.OrganizationDetailSerializer
        return serializers.OrganizationSerializer

    def get_object(self):
        try:
            return queries.organization(self.kwargs["slug"])
        except Organization.DoesNotExist:
            raise Http404 from None


class ObjectiveViewSet(ReadOnly):
    """The 23 objectives of the Global Compact for Migration, by number."""

    queryset = queries.objectives()
    serializer_class = serializers.ObjectiveSerializer
    lookup_field = "number"
    filter_backends = []


class CodeList(InLanguage, ConditionalGetMixin, viewsets.ViewSet):
    """A code list of the portal, whole (no pages); names in the language of the answer."""

    def entries(self) -> list[dict]:
        raise NotImplementedError

    def list(self, request):
        return Response(self.entries())


@extend_schema(responses=serializers.RegionSerializer(many=True))
class RegionViewSet(CodeList):
    """The five UN regional commissions, with their member countries."""

    def entries(self):
        return [
            {"code": code, "name": name, "countries": geography.countries_of_commission(code)}
            for code, name in choice_labels(Commission).items()
        ]


@extend_schema(responses=serializers.SubRegionSerializer(many=True))
class SubRegionViewSet(CodeList):
    """UN M49 sub-regions (intermediate regions where M49 splits a sub-region), as speakers are described."""

    def entries(self):
        regions = {place.balance_sub_region: place.region for place in geography.placements().values()}
        return [
            {
                "code": code,
                "name": str(geography.area_name(code)),
                "region": regions[code],
                "region_name": str(geography.area_name(regions[code])),
            }
            for code in geography.balance_sub_regions()
        ]


@extend_schema(responses=serializers.CodeSerializer(many=True))
class CategoryViewSet(CodeList):
    """Stakeholder categories (GCM paragraph 44)."""

    def entries(self):
        return [{"code": code, "name": name} for code, name in choice_labels(StakeholderCategory).items()]


class IndicatorViewSet(InLanguage, ConditionalGetMixin, viewsets.ViewSet):
    """Participation indicators, as the indicators pages publish them: every count of people in bands of
    five or hidden (portal.counts), never an exact one."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    @extend_schema(
        operation_id="indicators_of_scope",
        parameters=[filters.ScopeQuery],
        responses=serializers.ScopeIndicatorsSerializer,
    )
    def list(self, request):
        """The published consultations of a review cycle and/or a UN region (all, without either), each
        person counted once; the registry of the region, or everywhere."""
        query = filters.ScopeQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        cycle, region = query.validated_data.get("cycle"), query.validated_data.get("region", "")
        scope = {"cycle": cycle.slug if cycle else None, "region": region or None}
        data = {
            **figures.indicators_of(indicators.scope_indicators(cycle=cycle, region=region)),
            "scope": scope,
            "page": self.page_of(scope),
            "consultations": [
                {
                    "slug": consultation.slug,
                    "url": request.build_absolute_uri(reverse("api:indicator-detail", args=[consultation.slug])),
                    "page": request.build_absolute_uri(reverse("indicators:consultation", args=[consultation.slug])),
                }
                for consultation in queries.consultations_with_indicators(cycle=cycle, region=region)
            ],
        }
        return Response(serializers.ScopeIndicatorsSerializer(data, context=self.get_serializer_context()).data)

    @extend_schema(
        operation_id="indicators_of_consultation",
        parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, pattern="^[-a-zA-Z0-9_]+$")],
        responses=serializers.ConsultationIndicatorsSerializer,
    )
    def retrieve(self, request, slug=None):
        """One published consultation; its registrations are the figures of its own page."""
        consultation = get_object_or_404(indicators.published_consultations(), slug=slug)
        data = {
            **figures.indicators_of(indicators.consultation_indicators(consultation)),
            "consultation": {
                "slug": consultation.slug,
                "url": request.build_absolute_uri(reverse("api:consultation-detail", args=[consultation.slug])),
            },
            "url": request.build_absolute_uri(reverse("api:indicator-detail", args=[consultation.slug])),
            "page": request.build_absolute_uri(reverse("indicators:consultation", args=[consultation.slug])),
        }
        return Response(serializers.ConsultationIndicatorsSerializer(data, context=self.get_serializer_context()).data)

    def get_serializer_context(self):
        return {"request": self.request, "language": self.language, "view": self}

    def page_of(self, scope: dict) -> str:
        chosen = {name: value for name, value in scope.items() if value}
        query = f"?{urlencode(chosen)}" if chosen else ""
        return self.request.build_absolute_uri(reverse("indicators:overview") + query)


class CallRecordViewSet(ReadOnly):
    """How each call was run, once its selection is published: the same record as its public page,
    without the secretariat's free text; people only as counts in bands, never named."""

    queryset = queries.calls_with_record()
    filterset_class = filters.CallRecordFilter

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.CallRecordSerializer
        return serializers.CallRecordItemSerializer

    def retrieve(self, request, *args, **kwargs):
        record = how_call_was_run(self.get_object())
        if record is None:
            raise Http404
        return Response(self.get_serializer(figures.record_of(record)).data)


@method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}), name="dispatch")
class DocsView(SpectacularSwaggerSplitView):
    """The API's documentation (Swagger UI, from drf-spectacular-sidecar's static files). Its scripts
    are static files of ours, as everywhere; Swagger UI styles its elements inline, which this page
    alone allows."""

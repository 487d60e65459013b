"""Public pages of participation indicators: every count as portal.counts publishes it, in bands."""

import csv

from django.http import Http404, HttpResponse
from django.utils.translation import get_language_bidi, gettext
from django.views.generic import TemplateView

from consultations.models import Consultation
from indicators import queries
from indicators.charts import funnel_chart, representation_chart
from indicators.forms import ScopeForm
from portal.counts import SMALL_GROUP


class IndicatorsMixin:
    """The page and its CSV download (?format=csv), from the same published figures."""

    csv_name = "participation-indicators.csv"

    def get(self, request, *args, **kwargs):
        self.indicators = self.get_indicators()
        if request.GET.get("format") == "csv":
            return csv_of(self.indicators, self.csv_name)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        rtl = get_language_bidi()
        return super().get_context_data(
            indicators=self.indicators,
            funnel_chart=funnel_chart(self.indicators.funnel, rtl=rtl),
            representation_chart=representation_chart(self.indicators, rtl=rtl),
            small_group=SMALL_GROUP,
            **kwargs,
        )


class IndicatorsView(IndicatorsMixin, TemplateView):
    """Public: everyone. The indicators of a review cycle and/or a UN region (GET), every published
    consultation when neither is chosen, with links to each consultation's own indicators."""

    template_name = "indicators/overview.html"

    def get_indicators(self):
        self.form = ScopeForm(self.request.GET or None)
        scope = self.form.cleaned_data if self.form.is_valid() else {}
        self.cycle, self.region = scope.get("cycle"), scope.get("region", "")
        return queries.scope_indicators(cycle=self.cycle, region=self.region)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            consultations=queries.consultations_in(cycle=self.cycle, region=self.region),
            **kwargs,
        )


class ConsultationIndicatorsView(IndicatorsMixin, TemplateView):
    """Public: everyone, for published consultations; others are not found."""

    template_name = "indicators/consultation.html"

    def get_indicators(self):
        try:
            self.consultation = queries.published_consultations().get(slug=self.kwargs["slug"])
        except Consultation.DoesNotExist:
            raise Http404 from None
        self.csv_name = f"participation-indicators-{self.consultation.slug}.csv"
        return queries.consultation_indicators(self.consultation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.consultation, **kwargs)


def csv_of(indicators, name: str) -> HttpResponse:
    """The figures of the page, one count a line, in the words of the page ("10 to 14", "fewer than 5")."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow([gettext("Figure"), gettext("Group"), gettext("Stage"), gettext("Count")])
    for label, count in indicators.answers:
        writer.writerow([gettext("Answers to calls"), label, "", str(count)])
    writer.writerow([gettext("Registrations to attend"), gettext("Total"), "", str(indicators.registrations_total)])
    for label, count in indicators.by_attendance:
        writer.writerow([gettext("Registrations to attend"), label, "", str(count)])
    funnel = indicators.funnel
    for (_key, stage), count in zip(funnel.stages, funnel.totals, strict=True):
        writer.writerow([gettext("Funnel"), gettext("Total"), stage, str(count)])
    for breakdown in funnel.breakdowns:
        for row in breakdown.rows:
            for (_key, stage), count in zip(funnel.stages, row.counts, strict=True):
                writer.writerow([breakdown.label, row.label, stage, str(count)])
    writer.writerow(
        [gettext("Verified organizations in the registry"), gettext("Total"), "", str(indicators.registry_total)]
    )
    for rows in indicators.registry.values():
        for label, count in rows:
            if count.is_shown:
                writer.writerow([gettext("Verified organizations in the registry"), label, "", str(count)])
    return response

import zoneinfo

from django.http import Http404, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import get_language, get_language_info
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from consultations import queries
from consultations.calendar import consultation_calendar
from consultations.enums import CallKind, CallState
from consultations.filters import CallFilter
from consultations.models import Consultation, OpenCall
from portal.labels import choice_labels
from stakeholders.queries import time_zone_of


def text_context(versions):
    """What a page says of its text's languages: which exist, which is shown, and whether it is a fallback."""
    shown = queries.shown_version(versions, get_language())
    return {
        "text_versions": versions,
        "shown_version": shown,
        "shown_in_fallback": shown is not None and shown["code"] != get_language(),
    }


def local_datetime(moment, time_zone: str) -> str:
    """A moment as {% timezone time_zone %}{{ moment|date:"DATETIME_FORMAT" }} shows it."""
    return formats.date_format(timezone.localtime(moment, zoneinfo.ZoneInfo(time_zone)), "DATETIME_FORMAT")


def call_cards(calls, *, now, visitor_time_zone: str) -> list[dict]:
    """What each card of the calls list shows, worked out in Python: labels from per-language dicts,
    one address per consultation, times formatted without {% timezone %} blocks. Half the time of
    the cards went into the template's own lookups and tags."""
    kinds, states, addresses = choice_labels(CallKind), choice_labels(CallState), {}
    cards = []
    for call in calls:
        consultation, state = call.consultation, call.state_at(now)
        if consultation.pk not in addresses:
            addresses[consultation.pk] = consultation.get_absolute_url()
        elsewhere = visitor_time_zone and visitor_time_zone != consultation.time_zone
        cards.append(
            {
                "call": call,
                "state": state,
                "is_open": state == CallState.OPEN,
                "state_label": states[state],
                "kind": kinds.get(call.kind, call.kind),
                "title": call.title,
                "url": f"{addresses[consultation.pk]}#call-{call.pk}",
                "consultation_title": consultation.title,
                "time_zone": consultation.time_zone,
                "closes": local_datetime(call.closes_at, consultation.time_zone),
                "closes_for_visitor": local_datetime(call.closes_at, visitor_time_zone) if elsewhere else "",
                "languages": [get_language_info(code) for code in queries.languages_of(call, "text")],
            }
        )
    return cards


def call_items(calls, *, now) -> list[dict]:
    """A consultation's calls with their state, labels from per-language dicts (get_kind_display
    translates every kind at each call)."""
    kinds, states = choice_labels(CallKind), choice_labels(CallState)
    items = []
    for call in calls:
        state = call.state_at(now)
        items.append(
            {
                "call": call,
                "state": state,
                "is_open": state == CallState.OPEN,
                "state_label": states[state],
                "kind": kinds.get(call.kind, call.kind),
            }
        )
    return items


class CallListView(FilterView):
    """Public: everyone. Open and upcoming calls, soonest deadline first."""

    filterset_class = CallFilter
    template_name = "consultations/call_list.html"
    paginate_by = 50

    def get_queryset(self):
        return queries.public_calls()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visitor_time_zone = time_zone_of(self.request.user)
        context["visitor_time_zone"] = visitor_time_zone
        context["calls"] = call_cards(context["object_list"], now=timezone.now(), visitor_time_zone=visitor_time_zone)
        return context


class ConsultationListView(ListView):
    """Public: everyone. Consultations coming up, then past ones with their summaries."""

    template_name = "consultations/consultation_list.html"
    context_object_name = "past"
    paginate_by = 30

    def get_queryset(self):
        return queries.past_consultations()

    def get_context_data(self, **kwargs):
        return super().get_context_data(upcoming=queries.upcoming_consultations(), **kwargs)


class ConsultationDetailView(DetailView):
    """Public: everyone, for published consultations; drafts are not found."""

    template_name = "consultations/consultation_detail.html"
    context_object_name = "consultation"

    def get_object(self, queryset=None):
        try:
            return queries.public_consultation(self.kwargs["slug"])
        except Consultation.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        consultation, now = self.object, timezone.now()
        versions = queries.text_versions(consultation, "description") or queries.text_versions(consultation, "title")
        return super().get_context_data(
            **text_context(versions),
            calls=call_items(queries.in_page_order(consultation.calls.all(), now=now), now=now),
            summary=queries.published_summary(consultation),
            published_submissions=queries.published_submissions(consultation),
            visitor_time_zone=time_zone_of(self.request.user),
            **kwargs,
        )


class CallDetailView(DetailView):
    """Public: everyone, once the call and its consultation are published; others are not found."""

    template_name = "consultations/call_detail.html"
    context_object_name = "call"

    def get_object(self, queryset=None):
        try:
            return queries.call_page(self.kwargs["pk"])
        except OpenCall.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        call = self.object
        return super().get_context_data(
            **text_context(queries.text_versions(call, "text")),
            consultation=call.consultation,
            state=call.state_at(timezone.now()),
            is_open=call.is_open_at(timezone.now()),
            visitor_time_zone=time_zone_of(self.request.user),
            **kwargs,
        )


@require_safe
def consultation_ics(request, slug):
    """Public: everyone. A published consultation and its sessions as an iCalendar file."""
    try:
        consultation = queries.public_consultation(slug)
    except Consultation.DoesNotExist:
        raise Http404 from None
    url = request.build_absolute_uri(consultation.get_absolute_url())
    body = consultation_calendar(consultation, host=request.get_host(), url=url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}.ics"'
    return response

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


def text_context(item, field: str) -> dict:
    """What a page says of an object's languages: which its text exists in, which ONE language the
    whole object is shown in (queries.in_one_language), and whether that is a fallback for the
    visitor's language. The shown copy comes as "shown"."""
    shown = queries.in_one_language(item, get_language())
    versions = queries.text_versions(item, field)
    return {
        "shown": shown,
        "text_versions": versions,
        "shown_version": next((version for version in versions if version["code"] == shown.shown_language), None),
        "shown_language": shown.shown_language,
        "shown_in_fallback": shown.shown_in_fallback,
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
        call = queries.in_one_language(call, get_language())
        consultation, state = queries.in_one_language(call.consultation, get_language()), call.state_at(now)
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
                "language": call.shown_language,
                "direction": call.shown_direction,
                "consultation_language": consultation.shown_language,
                "consultation_direction": consultation.shown_direction,
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
        call, state = queries.in_one_language(call, get_language()), call.state_at(now)
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
        texts = text_context(consultation, "title")
        summary = queries.published_summary(consultation)
        context = super().get_context_data(
            **texts,
            calls=call_items(queries.in_page_order(consultation.calls.all(), now=now), now=now),
            summary=queries.in_one_language(summary, get_language()),
            published_submissions=queries.published_submissions(consultation),
            visitor_time_zone=time_zone_of(self.request.user),
            **kwargs,
        )
        context["consultation"] = texts["shown"]
        return context


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
        texts = text_context(call, "text")
        context = super().get_context_data(
            **texts,
            consultation=queries.in_one_language(call.consultation, get_language()),
            state=call.state_at(timezone.now()),
            is_open=call.is_open_at(timezone.now()),
            visitor_time_zone=time_zone_of(self.request.user),
            **kwargs,
        )
        context["call"] = texts["shown"]
        return context


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

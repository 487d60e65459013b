"""Public: how a call was run, once its selection is published, as a page and as a CSV download."""

import csv

from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from consultations.models import OpenCall
from consultations.queries import call_page
from portal.counts import SMALL_GROUP
from registrations.queries.how_it_was_run import csv_rows, how_call_was_run


class HowCallWasRunView(TemplateView):
    """Everyone, once the call, its consultation and its selection are published; before, not found.
    `?format=csv` downloads the same figures."""

    template_name = "registrations/how_call_was_run.html"

    @cached_property
    def record(self):
        try:
            call = call_page(self.kwargs["pk"])
        except OpenCall.DoesNotExist:
            raise Http404 from None
        record = how_call_was_run(call)
        if record is None:
            raise Http404
        return record

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, small_group=SMALL_GROUP, **kwargs)

    def csv(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="how-call-{self.record.call_id}-was-run.csv"'
        writer = csv.writer(response)
        writer.writerow([_("Section"), _("Item"), _("Figure"), _("Selected")])
        writer.writerows(csv_rows(self.record))
        return response

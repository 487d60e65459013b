from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from activity import queries
from activity.filters import LogFilter
from stakeholders.queries import time_zone_of


class ActivityLogView(PermissionRequiredMixin, FilterView):
    """Secretariat: every change of a state in the portal, newest first, filtered by kind of object,
    person and dates."""

    permission_required = "activity.view_log"
    filterset_class = LogFilter
    template_name = "activity/log.html"
    paginate_by = 50

    def get_queryset(self):
        return queries.log_entries()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = queries.with_links(context["object_list"])
        context["reader_time_zone"] = time_zone_of(self.request.user) or "UTC"
        return context

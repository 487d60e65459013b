from django.core import signing
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from portal import health, notices, staff_home


class HomeView(TemplateView):
    """Public: everyone, with or without an account."""

    template_name = "home.html"


class StaffHomeView(PermissionRequiredMixin, TemplateView):
    """Staff (secretariat, focal points, reviewers) and rapporteurs: what waits for them, each with
    a link to the page where it is done, and the staff pages they may use."""

    permission_required = "portal.view_staff_home"
    template_name = "portal/staff_home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(waiting=staff_home.waiting_for(self.request.user), **kwargs)


@require_safe
def favicon(request):
    """Public: browsers and crawlers ask for /favicon.ico whatever the page links; send them to the
    icon among the static files (its hashed name changes with its content, so the redirect is temporary)."""
    return HttpResponseRedirect(static("favicon.svg"))


@never_cache
@require_safe
def healthz(request):
    """Public, for load balancers and container health checks: are the database and the broker
    reachable? 200 when both are, 503 otherwise, JSON either way. Answered by
    portal.middleware.HealthCheckMiddleware before the other middlewares run."""
    outcome = health.report()
    return JsonResponse(outcome, status=200 if outcome["status"] == "ok" else 503)


@method_decorator(csrf_exempt, name="dispatch")  # the signed token is the proof; mail clients post without a form
class UnsubscribeView(View):
    """Public: the signed link of an optional e-mail, no sign-in needed. GET asks, so that link
    checkers unsubscribe nobody; POST stops, from the page's button or a mail client's one-click
    List-Unsubscribe-Post."""

    template_name = "unsubscribe.html"

    def get(self, request, token):
        return render(request, self.template_name, {"valid": self.read(token) is not None, "done": False})

    def post(self, request, token):
        if self.read(token) is None:
            return render(request, self.template_name, {"valid": False, "done": False}, status=400)
        notices.unsubscribe(token)
        return render(request, self.template_name, {"valid": True, "done": True})

    def read(self, token):
        try:
            return notices.read_unsubscribe_token(token)
        except signing.BadSignature:
            return None

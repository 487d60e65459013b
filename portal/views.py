from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from portal.health import check_database


class HomeView(TemplateView):
    """Public: everyone, with or without an account."""

    template_name = "home.html"


@never_cache
@require_safe
def healthz(request):
    """Public, for load balancers and container health checks: is the database reachable?"""
    return JsonResponse({"status": "ok", "database": check_database()})

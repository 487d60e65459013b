"""A signed-in person always has a name: an account without one (made before sign-up asked for it,
or by the Django admin) is asked "What should we call you?" before any other page, and then taken
on to the page it wanted."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

NAME_PAGE = "stakeholders:name"
# Pages a person without a name still reaches: the name page, allauth's account pages (sign out,
# e-mail addresses, password), the Django admin (a break-glass account may have no name), the
# health check, the favicon and unsubscribe links.
OPEN_VIEWS = {NAME_PAGE, "healthz", "favicon", "unsubscribe"}
OPEN_NAMESPACES = {"admin"}
OPEN_MODULES = ("allauth.",)


class NameRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.needs_a_name(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(NAME_PAGE)}?{query}")
        return self.get_response(request)

    def needs_a_name(self, request) -> bool:
        """Only pages read (GET, HEAD) are redirected: a form sent from a page opened before is not
        lost on the way."""
        user = getattr(request, "user", None)
        if request.method not in ("GET", "HEAD") or user is None or not user.is_authenticated or user.has_name:
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        view = getattr(match.func, "view_class", match.func)
        return not (
            match.view_name in OPEN_VIEWS
            or OPEN_NAMESPACES.intersection(match.namespaces)
            or view.__module__.startswith(OPEN_MODULES)
        )

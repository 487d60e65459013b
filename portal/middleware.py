"""The portal's own middlewares: lighter pages, policy headers on every response, /healthz answered
first, and no cache keeping anything personal (their order: MIDDLEWARE in settings).

Lighter pages: the indentation of our templates is left out of every HTML response.

djLint indents templates for people who read them; a browser does not need it, and on a phone with
little bandwidth it is a tenth of a page before compression. Each line of an HTML page loses its
leading spaces and tabs and blank lines are dropped; a line break stays where one was, so words
never run together. The content of <pre>, <textarea> (what a person typed) and <script> is left
exactly as it was.
"""

import re

from django.urls import reverse
from django.utils.cache import add_never_cache_headers

KEPT_AS_IS = re.compile(rb"(<(pre|textarea|script)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
INDENTATION = re.compile(rb"\n[ \t\r\n]+")


def strip_indentation(html: bytes) -> bytes:
    parts = KEPT_AS_IS.split(html)
    # split() returns text, kept block, the tag name of the group, text, kept block, tag name...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(INDENTATION.sub(b"\n", part))
        elif kind == 1:
            out.append(part)
    return b"".join(out)


class StripIndentationMiddleware:
    """Placed after GZipMiddleware in MIDDLEWARE, so the trimmed page is what gets compressed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        response.content = strip_indentation(response.content)
        if response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response


# Features no page of the portal uses, turned off for the page and anything it could embed: a
# script that got in could not switch on a camera, a microphone or the person's location.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PolicyHeadersMiddleware:
    """Cross-Origin-Resource-Policy and Permissions-Policy on every response, first in MIDDLEWARE.

    CORP same-origin rather than same-site: no other origin, not even another subdomain of the same
    site, may load our responses into its page (a speaker's photo, a submission's PDF); the portal's
    own pages are the only ones that embed them, and links or e-mails opened from elsewhere are
    navigations, which CORP does not touch."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class HealthCheckMiddleware:
    """/healthz, answered here before the middlewares below it run: the session and the user read the
    database (a person's browser may send a session cookie), and CommonMiddleware refuses the host
    name a container probe uses. A database that is down gives the health check's JSON 503, never a
    page of error."""

    def __init__(self, get_response):
        from portal.views import healthz  # views import models: not before the apps are ready

        self.get_response = get_response
        self.view = healthz
        self.path = reverse("healthz")

    def __call__(self, request):
        if request.path_info == self.path:
            return self.view(request)
        return self.get_response(request)


class NoStoreMiddleware:
    """Nothing personal is kept by a cache, the browser's own included (a shared computer in a
    library or a shelter): a response to a person signed in, or to a visitor with a session (in the
    middle of signing up), or that sets a cookie, is sent `no-store, private`. A response its view
    marked public stays cacheable (a speaker's published photo: the same bytes for everyone, its name
    the hash of its content); anonymous visitors' pages and static files keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request, response) and not is_marked_public(response):
            add_never_cache_headers(response)
        return response


def is_personal(request, response) -> bool:
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    return bool(
        response.cookies
        or (session is not None and session.session_key)  # read from the cookie: no query
        or (user is not None and user.is_authenticated)
    )


def is_marked_public(response) -> bool:
    return not response.cookies and "public" in cache_control_directives(response)


def cache_control_directives(response) -> set[str]:
    return {part.split("=", 1)[0].strip().lower() for part in response.get("Cache-Control", "").split(",")}

"""Conditional GET for the API: every answer carries an ETag (a hash of its body) and a
Last-Modified (since when this address has given that same body), and a client that sends back
either (If-None-Match, If-Modified-Since) gets 304 Not Modified while nothing changed.

The portal's objects do not all record when they last changed, so Last-Modified is the moment this
server first gave the current body at this address and in this language, kept in the shared cache.
A body that changes and changes back is new again; a cache that forgets only makes the date later,
which costs a full answer and never a wrong 304."""

import hashlib
from datetime import UTC, datetime

from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

# A month: long enough to answer 304 to a client that checks once a week, short enough to forget
# addresses nobody asks for any more.
REMEMBER_SECONDS = 30 * 24 * 3600


def unchanged_since(key: str, etag: str) -> datetime:
    """When this address first gave the body with this ETag, without another in between."""
    seen = cache.get(key)
    if seen and seen["etag"] == etag:
        return seen["since"]
    now = datetime.now(UTC).replace(microsecond=0)  # HTTP dates count whole seconds
    cache.set(key, {"etag": etag, "since": now}, REMEMBER_SECONDS)
    return now


def answer_conditionally(request, response):
    """Once the body is rendered: add the validators and answer 304 if the client's copy is current."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    etag = quote_etag(hashlib.sha256(response.content).hexdigest())
    address = hashlib.sha256(f"{get_language()} {request.get_full_path()}".encode()).hexdigest()
    since = unchanged_since(f"api-unchanged-since:{address}", etag)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(since.timestamp())
    # Any cache may keep it, and asks again each time: a 304 is cheap, a stale list is not.
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return get_conditional_response(request, etag=etag, last_modified=int(since.timestamp()), response=response)


class ConditionalGetMixin:
    """For DRF views: answer_conditionally once the response is rendered."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.add_post_render_callback(lambda rendered: answer_conditionally(request, rendered))
        return response

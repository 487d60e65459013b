from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from portal.clients import client_address


class ClientRateThrottle(AnonRateThrottle):
    """settings.API_RATE requests per client, counted in the shared cache. The client is the one
    portal.clients names (behind our trusted proxies, the visitor's device), as for every limit of
    the portal; everyone counts as anonymous, since nobody signs in to the API. A client over its
    rate is answered 429 with Retry-After."""

    def get_rate(self):
        # Read at each request rather than once at import, so that a deployment (or a test) sets it.
        return settings.API_RATE

    def get_ident(self, request):
        return client_address(request)

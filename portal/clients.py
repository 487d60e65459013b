"""The client behind a request: the address of the person's device, as the proxies we trust report it.

One answer for the whole portal, allauth's: its adapter reads ALLAUTH_TRUSTED_PROXY_COUNT and
ALLAUTH_TRUSTED_CLIENT_IP_HEADER (the environment's TRUSTED_PROXY_COUNT and TRUSTED_CLIENT_IP_HEADER,
see portal/settings.py), so allauth's rate limits and the portal's count the same clients. With no
proxy trusted it is REMOTE_ADDR, and an X-Forwarded-For a visitor sends is ignored.
"""

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address; PermissionDenied (403) when a trusted header is missing or unreadable."""
    return get_adapter(request).get_client_ip(request)


def within_limit(request: HttpRequest, action: str, *, key: str | None = None) -> bool:
    """Count one POST against ACCOUNT_RATE_LIMITS[action]; False once its allowance is used up (a GET,
    which changes nothing, is never counted).

    Rates "per ip" count per client_address (an IPv6 address per /64 network, as allauth does),
    rates "per key" per the given key (an e-mail address, say). The counts live in the cache, which
    Redis shares between web workers in production.
    """
    return ratelimit.consume(request, action=action, key=key)

"""Staff sign in with two steps. The secretariat, focal points and reviewers read the personal data of
people at risk: before they use any page of the portal but their account's, they set up an
authenticator app (allauth.mfa), and are then taken on to the page they asked for. Everyone else may
set one up from "My account"; nobody else is asked to.

Every page, not only the staff pages, is behind the requirement: a list of staff pages would miss the
next one written (and the Django admin), and a staff account without a second step is as exposed on
the home page as on a staff page. The account pages (allauth's: sign out, password, e-mail, the
two-step pages themselves) stay open, so that the person can enrol, or leave."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from stakeholders.rules import is_focal_point, is_reviewer, is_secretariat

ENROL_PAGE = "mfa_activate_totp"
# Recovery codes only stand in for a lost phone: on their own they are not a second step.
SECOND_STEPS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# The page a person was sent away from, to take them back to it once they have enrolled.
WANTED_PAGE_KEY = "stakeholders.mfa.wanted_page"
OPEN_VIEWS = {"healthz", "favicon", "unsubscribe"}
OPEN_MODULES = ("allauth.",)

# The staff roles (as portal.rules.is_staff_member, which this app may not import), and Django's staff
# flag: the admin is the secretariat's too, and the break-glass superuser's.
holds_a_staff_role = is_secretariat | is_focal_point | is_reviewer


def needs_second_step(user) -> bool:
    """Whether the portal requires this person to sign in with two steps (STAFF_MFA_REQUIRED)."""
    if not settings.STAFF_MFA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_staff or holds_a_staff_role(user)


def has_second_step(user) -> bool:
    return is_mfa_enabled(user, SECOND_STEPS)


def is_open(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return True  # a 404 shows nothing
    view = getattr(match.func, "view_class", match.func)
    return match.view_name in OPEN_VIEWS or view.__module__.startswith(OPEN_MODULES)


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_enrol(request):
            # A form sent (POST) is refused like a page read: it may be a staff action. Only a page read
            # is remembered, to go back to.
            if request.method in ("GET", "HEAD"):
                request.session[WANTED_PAGE_KEY] = request.get_full_path()
            return HttpResponseRedirect(reverse(ENROL_PAGE))
        return self.get_response(request)

    def must_enrol(self, request) -> bool:
        """Cheapest first: the path, then the roles (read once per request, which the page's navigation
        reads anyway), then, for staff only, whether they have an authenticator."""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or is_open(request.path_info):
            return False
        return needs_second_step(user) and not has_second_step(user)


def take_wanted_page(request) -> str:
    """Where to go once enrolled: the page the person was sent away from, else the two-step page."""
    return request.session.pop(WANTED_PAGE_KEY, None) or reverse("mfa_index")


def signed_in_moments_ago(request) -> bool:
    """Whether the person typed their password (or a code) in this session within the time allauth
    allows a confirmation to last (ACCOUNT_REAUTHENTICATION_TIMEOUT). allauth asks for the password
    again before any change to the two-step sign-in, and counts only such confirmations: staff sent to
    enrol right after signing in would type their password twice in a minute."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    return any(time.time() - record["at"] < account_settings.REAUTHENTICATION_TIMEOUT for record in records)

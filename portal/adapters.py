from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext

from stakeholders.mfa import signed_in_moments_ago
from stakeholders.models import Profile


@dataclass(frozen=True)
class PortalSite:
    """What allauth's e-mails call "the site": the portal's name and the address of SITE_URL, never
    the host name the request happened to come in on."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    return PortalSite(name=gettext("Whole-of-Society Engage"), domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    @property
    def error_messages(self):
        """allauth's, with failed sign-ins explained: they slow down (ACCOUNT_RATE_LIMITS) and never
        lock the account, and a password reset lets the owner in at once (it clears the count)."""
        minutes = settings.LOGIN_FAILED_WAIT_MINUTES
        too_many = ngettext(
            "Too many failed attempts to sign in. Wait %(minutes)d minute and try again. If it still does not "
            "work, choose “Forgot your password?”: we will e-mail you a link to set a new password, and you "
            "can sign in with it at once.",
            "Too many failed attempts to sign in. Wait %(minutes)d minutes and try again. If it still does not "
            "work, choose “Forgot your password?”: we will e-mail you a link to set a new password, and you "
            "can sign in with it at once.",
            minutes,
        ) % {"minutes": minutes}
        return {**DefaultAccountAdapter.error_messages, "too_many_login_attempts": too_many}

    def send_mail(self, template_prefix, email, context):
        """Account e-mails (address confirmation, password reset...) carry the portal's name and, beside
        their text, an HTML part like the notices' (templates/account/email/*_message.html)."""
        portal = {"current_site": portal_site(), "language": get_language(), "site_url": settings.SITE_URL}
        super().send_mail(template_prefix, email, {**context, **portal})

    def save_user(self, request, user, form, commit=True):
        """The name asked at sign-up (stakeholders.forms.SignupForm) is kept with the account."""
        user.display_name = form.cleaned_data.get("display_name", "")
        return super().save_user(request, user, form, commit)

    def get_client_ip(self, request):
        """allauth's reading of the trusted proxies (portal.clients). A request whose X-Forwarded-For
        holds fewer addresses than the proxies we trust did not come through them all: refused (403),
        like one without the trusted header, rather than an ImproperlyConfigured server error."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            raise PermissionDenied("The request did not come through the trusted proxies.") from None

    def is_reauthentication_required(self, *, app, **kwargs):
        """A sign-in moments ago confirms it is the person, for their two-step sign-in (stakeholders.mfa)."""
        if app == "allauth.mfa" and self.request is not None and signed_in_moments_ago(self.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_login_redirect_url(self, request):
        """Staff land on what waits for them; anyone else who has not yet said how they take part is
        asked first. A page asked for before signing in (?next=) comes before both."""
        if request.user.has_perm("portal.work_as_staff"):
            return reverse("staff-home")
        if not Profile.objects.filter(person=request.user).exists():
            return reverse("stakeholders:welcome")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        """Verifying the address after sign-up signs the newcomer in: like any sign-in, it leads to
        "How do you take part?" rather than the home page."""
        return self.get_login_redirect_url(request)

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, gettext

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
    def send_mail(self, template_prefix, email, context):
        """Account e-mails (address confirmation, password reset...) carry the portal's name and, beside
        their text, an HTML part like the notices' (templates/account/email/*_message.html)."""
        portal = {"current_site": portal_site(), "language": get_language(), "site_url": settings.SITE_URL}
        super().send_mail(template_prefix, email, {**context, **portal})

    def save_user(self, request, user, form, commit=True):
        """The name asked at sign-up (stakeholders.forms.SignupForm) is kept with the account."""
        user.display_name = form.cleaned_data.get("display_name", "")
        return super().save_user(request, user, form, commit)

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

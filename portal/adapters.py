from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from stakeholders.models import Profile


class AccountAdapter(DefaultAccountAdapter):
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

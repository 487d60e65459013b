from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from stakeholders.models import Profile


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """Someone who has not yet said how they take part is asked first."""
        if not Profile.objects.filter(person=request.user).exists():
            return reverse("stakeholders:welcome")
        return super().get_login_redirect_url(request)

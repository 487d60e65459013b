"""Hearing of open calls: subscribe (anyone, double opt-in) and confirm."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import FormView

from consultations import services
from consultations.forms.subscriptions import CallSubscriptionForm


class SubscribeView(FormView):
    """Public: everyone, with or without an account."""

    form_class = CallSubscriptionForm
    template_name = "consultations/subscriptions/subscribe.html"

    def get_initial(self):
        user = self.request.user
        return {"language": get_language(), "email": user.email if user.is_authenticated else ""}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        person = self.request.user if self.request.user.is_authenticated else None
        subscription = services.subscribe_to_calls(
            email=data.pop("email"),
            person=person,
            language=data.pop("language"),
            frequency=data.pop("frequency"),
            choices=data,
        )
        if subscription.confirmed_at:
            messages.success(self.request, _("Done: open calls that match your choices will be sent to you."))
        else:
            messages.success(
                self.request,
                _("Almost done: open the link in the e-mail we sent to %(email)s to confirm.")
                % {"email": subscription.email},
            )
        return redirect("consultations:calls")


@require_safe
def confirm_subscription(request, token):
    """Public: the link of the confirmation e-mail."""
    subscription = services.confirm_subscription(token)
    return render(request, "consultations/subscriptions/confirmed.html", {"subscription": subscription})

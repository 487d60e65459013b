"""Hearing of open calls: subscribe (anyone, double opt-in) and confirm."""

import math
from http import HTTPStatus

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import FormView

from consultations import services
from consultations.forms.subscriptions import CallSubscriptionForm
from portal.clients import within_limit


class SubscribeView(FormView):
    """Public: everyone, with or without an account. Anyone may type any address, so requests are
    limited per client and per address (ACCOUNT_RATE_LIMITS), and an address waiting for its
    confirmation is not mailed again at once (services.subscribe_to_calls)."""

    form_class = CallSubscriptionForm
    template_name = "consultations/subscriptions/subscribe.html"

    def get_initial(self):
        user = self.request.user
        return {"language": get_language(), "email": user.email if user.is_authenticated else ""}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        if not self.within_limits(form, data["email"].lower()):
            # 429 tells machines; a person sees the form again with what they typed and why.
            return self.render_to_response(self.get_context_data(form=form), status=HTTPStatus.TOO_MANY_REQUESTS)
        person = self.request.user if self.request.user.is_authenticated else None
        subscription, link_sent = services.subscribe_to_calls(
            email=data.pop("email"),
            person=person,
            language=data.pop("language"),
            frequency=data.pop("frequency"),
            choices=data,
        )
        if subscription.confirmed_at:
            messages.success(self.request, _("Done: open calls that match your choices will be sent to you."))
        elif link_sent:
            messages.success(
                self.request,
                _("Almost done: open the link in the e-mail we sent to %(email)s to confirm.")
                % {"email": subscription.email},
            )
        else:
            minutes = max(1, math.ceil((subscription.may_send_link_again_at() - timezone.now()).total_seconds() / 60))
            messages.info(
                self.request,
                ngettext(
                    "We have already sent a link to %(email)s: open it to confirm. Your new choices replace "
                    "the earlier ones. If the e-mail has not arrived, look in your spam folder, or ask again "
                    "in %(minutes)d minute.",
                    "We have already sent a link to %(email)s: open it to confirm. Your new choices replace "
                    "the earlier ones. If the e-mail has not arrived, look in your spam folder, or ask again "
                    "in %(minutes)d minutes.",
                    minutes,
                )
                % {"email": subscription.email, "minutes": minutes},
            )
        return redirect("consultations:calls")

    def within_limits(self, form, email: str) -> bool:
        """Counts this request against the limits; says on the form which one it is over."""
        if not within_limit(self.request, "subscribe_to_calls_from_client"):
            form.add_error(
                None,
                _(
                    "Too many requests to hear of calls came from your connection in the last hour (it may be "
                    "shared with other people). Please try again in an hour."
                ),
            )
        elif not within_limit(self.request, "subscribe_to_calls_for_address", key=email):
            form.add_error(
                "email",
                _(
                    "This address was given too many times in the last hour. Look in its inbox and spam "
                    "folder for the e-mail we sent, or try again in an hour."
                ),
            )
        return not form.errors


@require_safe
def confirm_subscription(request, token):
    """Public: the link of the confirmation e-mail."""
    subscription = services.confirm_subscription(token)
    return render(request, "consultations/subscriptions/confirmed.html", {"subscription": subscription})

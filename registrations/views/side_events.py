"""The secretariat or the consultation's focal point decides the side-event proposals of a call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from consultations.enums import CallKind
from registrations.forms.side_events import SideEventDecisionForm
from registrations.models import SideEventProposal
from registrations.queries.side_events import proposals_of
from registrations.services.side_events import decide_side_event
from registrations.views.mixins import CallMixin


class SideEventsView(CallMixin, TemplateView):
    """Every proposal of the call with who sent it; a decision form for each one not withdrawn. A
    decision that cannot be kept comes back beside its fields, with everything typed."""

    permission_required = "registrations.decide_side_events"
    template_name = "registrations/side_events.html"
    call_kinds = (CallKind.SIDE_EVENT,)

    def get_context_data(self, form=None, **kwargs):
        items = []
        for proposal in proposals_of(self.call):
            proposal.call = self.call  # the forms read the consultation's time zone through it
            if form is not None and form.instance.pk == proposal.pk:
                shown = form
            else:
                shown = SideEventDecisionForm(proposal=proposal) if proposal.can_be_decided else None
            items.append({"proposal": proposal, "form": shown})
        return super().get_context_data(
            call=self.call, consultation=self.call.consultation, items=items, form=form, **kwargs
        )

    def post(self, request, pk):
        try:
            proposal = proposals_of(self.call).get(pk=request.POST.get("proposal"))
        except (SideEventProposal.DoesNotExist, ValueError):
            raise Http404 from None
        proposal.call = self.call
        form = SideEventDecisionForm(request.POST, proposal=proposal)
        if form.is_valid():
            try:
                decided = decide_side_event(proposal, by=request.user, **form.as_decision())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if decided.is_accepted:
                    messages.success(
                        request, _("“%(title)s” is accepted; its proposers will be told.") % {"title": decided.title}
                    )
                else:
                    messages.success(
                        request, _("“%(title)s” is declined; its proposers will be told.") % {"title": decided.title}
                    )
                url = reverse("registrations:side-events", kwargs={"pk": self.call.pk})
                return redirect(f"{url}#proposal-{decided.pk}")
        return self.render_to_response(self.get_context_data(form=form))

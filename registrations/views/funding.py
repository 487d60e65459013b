"""Secretariat: funding support within a budget, the Executive Committee's recommendation, the
chair's decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from consultations.enums import CallKind
from registrations.engine import TimeLimitReached
from registrations.enums import FundingStatus
from registrations.forms.funding import BudgetForm
from registrations.phrases import rule_text
from registrations.queries.funding import applications_of, funding_proposal
from registrations.queries.reviews import settings_of
from registrations.services.funding import decide_funding, recommend_funding, set_budget
from registrations.views.mixins import CallMixin


class FundingView(CallMixin, TemplateView):
    permission_required = "registrations.select"
    template_name = "registrations/selection/funding.html"
    call_kinds = (CallKind.FUNDING_SUPPORT,)

    def get_context_data(self, **kwargs):
        settings = settings_of(self.call)
        applications = list(
            applications_of(self.call, statuses=tuple(FundingStatus.values)).exclude(status=FundingStatus.WITHDRAWN)
        )
        context = {
            "call": self.call,
            "applications": applications,
            "budget_form": kwargs.pop("budget_form", None) or BudgetForm(initial={"budget": settings.budget}),
            "recommended": [item for item in applications if item.status == FundingStatus.RECOMMENDED],
        }
        if settings.budget is not None and any(item.awaits_recommendation for item in applications):
            context.update(proposal_context(self.call, applications))
        return super().get_context_data(**context, **kwargs)

    def post(self, request, pk):
        action, by = request.POST.get("action"), request.user
        ids = [int(value) for value in request.POST.getlist("applications") if value.isdigit()]
        reason = request.POST.get("reason", "")
        try:
            if action == "budget":
                form = BudgetForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(budget_form=form))
                set_budget(self.call, by=by, budget=form.cleaned_data["budget"])
            elif action == "recommend":
                recommend_funding(self.call, by=by, ids=ids, reason=reason)
                messages.success(request, _("The Executive Committee's recommendation is recorded."))
            elif action == "decide":
                decide_funding(self.call, by=by, granted=ids, reason=reason)
                messages.success(request, _("The chair's decision is recorded; every applicant will be told."))
        except ValidationError as error:
            # Shown with what was ticked and written, so that nothing typed is lost.
            posted = {"action": action, "ids": set(ids), "reason": reason}
            return self.render_to_response(self.get_context_data(errors=error.messages, posted=posted))
        return redirect("registrations:funding", pk=self.call.pk)


def proposal_context(call, applications) -> dict:
    try:
        proposal = funding_proposal(call)
    except TimeLimitReached:
        return {"proposal_timed_out": True}
    costs = {item.pk: item.travel_cost for item in applications}
    return {
        "proposal": proposal,
        "proposed": set(proposal.selected),
        "proposed_cost": sum(costs[pk] for pk in proposal.selected),
        "relaxations": [(rule_text(violation.rule), violation.amount) for violation in proposal.relaxations],
    }

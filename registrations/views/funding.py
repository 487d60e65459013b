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
from registrations.forms.funding import BudgetForm, FundingChoiceForm
from registrations.phrases import money, rule_text
from registrations.queries.funding import (
    DECIDE,
    RECOMMEND,
    applications_of,
    cost_of,
    funding_proposal,
    spending,
)
from registrations.queries.reviews import settings_of
from registrations.services.funding import decide_funding, recommend_funding, set_budget
from registrations.views.mixins import CallMixin

# Where a refusal of the services belongs on the form; the others are about the whole step.
ERROR_FIELDS = {"over_budget": "reason", "nothing_chosen": "applications"}
CHECK = "check-"  # the action of the "Check the total" button of a step: "check-recommend"


class FundingView(CallMixin, TemplateView):
    """The budget and what is spent of it; each step's form checks its total on the server (a
    button, no JavaScript needed) and refuses to go above the budget without a reason."""

    permission_required = "registrations.select"
    template_name = "registrations/selection/funding.html"
    call_kinds = (CallKind.FUNDING_SUPPORT,)

    def get_context_data(self, **kwargs):
        settings = settings_of(self.call)
        applications = self.applications()
        waiting = [item for item in applications if item.awaits_recommendation]
        recommended = [item for item in applications if item.status == FundingStatus.RECOMMENDED]
        granted = [item for item in applications if item.status == FundingStatus.GRANTED]
        context = {
            "call": self.call,
            "applications": [{"application": item, "cost": money(item.travel_cost)} for item in applications],
            "budget": money(settings.budget),
            "budget_form": BudgetForm(initial={"budget": settings.budget}),
            "recommended": recommended,
            "recommended_cost": money(cost_of(recommended)),
            "granted": granted,
            "granted_cost": money(cost_of(granted)),
        }
        proposed = set()
        if settings.budget is not None and waiting:
            context.update(proposal_context(self.call, applications))
            proposed = context.get("proposed", set())
        context["recommend_form"] = FundingChoiceForm(
            applications=waiting, initial={"applications": sorted(proposed)}, auto_id="recommend-%s"
        )
        context["decide_form"] = FundingChoiceForm(
            applications=recommended, initial={"applications": [item.pk for item in recommended]}, auto_id="decide-%s"
        )
        context.update(kwargs)
        return super().get_context_data(**context)

    def applications(self):
        statuses = tuple(value for value in FundingStatus.values if value != FundingStatus.WITHDRAWN)
        return list(applications_of(self.call, statuses=statuses))

    def post(self, request, pk):
        action, by = request.POST.get("action", ""), request.user
        if action == "budget":
            form = BudgetForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(budget_form=form))
            set_budget(self.call, by=by, budget=form.cleaned_data["budget"])
            messages.success(
                request, _("The budget is now %(amount)s.") % {"amount": money(form.cleaned_data["budget"])}
            )
            return redirect("registrations:funding", pk=self.call.pk)
        step = action.removeprefix(CHECK)
        if step not in (RECOMMEND, DECIDE):
            return redirect("registrations:funding", pk=self.call.pk)
        applications = self.applications()
        offered = [
            item
            for item in applications
            if (item.awaits_recommendation if step == RECOMMEND else item.status == FundingStatus.RECOMMENDED)
        ]
        form = FundingChoiceForm(request.POST, applications=offered, auto_id=f"{step}-%s")
        if form.is_valid() and action.startswith(CHECK):
            # Shown beside the step's buttons, with what was ticked and written kept.
            total = spending(step, applications, form.cleaned_data["applications"], settings_of(self.call).budget)
            return self.render_to_response(
                self.get_context_data(**{f"{step}_form": form, "checked": checked(step, total)})
            )
        if form.is_valid():
            try:
                self.act(step, form.cleaned_data)
                return redirect("registrations:funding", pk=self.call.pk)
            except ValidationError as error:
                form.add_error(ERROR_FIELDS.get(getattr(error, "code", None)), error)
        return self.render_to_response(self.get_context_data(**{f"{step}_form": form}))

    def act(self, step, data):
        by, ids, reason = self.request.user, data["applications"], data["reason"]
        if step == RECOMMEND:
            recommend_funding(self.call, by=by, ids=ids, reason=reason)
            messages.success(self.request, _("The Executive Committee's recommendation is recorded."))
        else:
            decide_funding(self.call, by=by, granted=ids, reason=reason)
            messages.success(self.request, _("The chair's decision is recorded; every applicant will be told."))


def checked(step, total) -> dict:
    return {
        "step": step,
        "count": total.count,
        "total": money(total.total),
        "budget": money(total.budget),
        "over": money(total.over),
        "has_budget": total.budget is not None,
    }


def proposal_context(call, applications) -> dict:
    try:
        proposal = funding_proposal(call)
    except TimeLimitReached:
        return {"proposal_timed_out": True}
    costs = {item.pk: item.travel_cost for item in applications}
    return {
        "proposal": proposal,
        "proposed": set(proposal.selected),
        "proposed_cost": money(sum(costs[pk] for pk in proposal.selected)),
        "relaxations": [(rule_text(violation.rule), violation.amount) for violation in proposal.relaxations],
    }

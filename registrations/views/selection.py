"""The secretariat sets how speakers are chosen, then proposes, adjusts and publishes the
selection; the selected confirm or decline from the link of their e-mail."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from consultations.enums import CallKind
from registrations.forms.reviews import ReviewerForm
from registrations.forms.selection import (
    CriterionFormSet,
    RuleFormSet,
    SelectionSettingsForm,
    SwapForm,
    rule_groups,
)
from registrations.forms.speakers import AppearanceForm
from registrations.models import RESPOND_SALT, ExpressionOfInterest, ReviewerAssignment
from registrations.phrases import changed_by_hand, dimension_label, passed_over_count, rule_text, value_label
from registrations.queries.reviews import TOP_SCORE, criteria_of, normalised_scores, progress, settings_of
from registrations.queries.selection import (
    applicants_of,
    explain,
    interests_of,
    proposal_request_of,
    rules_of,
    selection_of,
    selection_report,
)
from registrations.services.reviews import assign_reviewer, remove_reviewer, save_selection_settings
from registrations.services.selection import publish_selection, request_proposal, respond_to_selection, swap_speakers
from registrations.views.mixins import CallMixin


class SelectionView(CallMixin, TemplateView):
    """Secretariat: reviewers' progress and disagreement, the proposal with its balance report, swaps
    with reasons, publication, and its history (the selection's activity log). A proposal is computed
    by a worker: while it runs, the page says so and refreshes itself."""

    permission_required = "registrations.select"
    template_name = "registrations/selection/selection.html"

    def get_context_data(self, **kwargs):
        selection = selection_of(self.call)
        context = {
            "call": self.call,
            "selection": selection,
            "progress": progress(self.call),
            "proposal_request": proposal_request_of(self.call),
        }
        scores = normalised_scores(self.call)
        interests = {interest.pk: interest for interest in interests_of(self.call, statuses=None)}
        context["scores"] = sorted(
            ({"interest": interests[pk], **values} for pk, values in scores.items() if pk in interests),
            key=lambda row: (-row["score"], row["interest"].arrival),
        )
        # One reviewer: their own scale ("4 of 5"); several: z-scores, said so on the page.
        context["normalised"] = any(row["normalised"] for row in scores.values())
        context["top_score"] = TOP_SCORE
        if selection:
            applicants = applicants_of(self.call, scores=scores)
            context.update(report_context(selection, interests, applicants, scores=scores))
            context["swap_form"] = SwapForm(
                selection=selection, interests=interests, candidates=candidates(selection, applicants)
            )
        return super().get_context_data(**context, **kwargs)

    def post(self, request, pk):
        action = request.POST.get("action")
        selection = selection_of(self.call)
        try:
            if action == "propose":
                request_proposal(self.call, by=request.user)
                self.say_how_the_proposal_stands(request)
            elif action == "swap" and selection:
                return self.swap(request, selection)
            elif action == "publish" and selection:
                publish_selection(selection, by=request.user)
                messages.success(request, _("The selection is published; everyone who applied will be told."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("registrations:selection", pk=self.call.pk)

    def say_how_the_proposal_stands(self, request):
        """Without a broker the proposal is computed before this line (tasks run at commit): say what
        is true now, not what a worker would do later. A problem is shown by the page itself."""
        waiting = proposal_request_of(self.call)
        if waiting is None:
            messages.success(request, _("A new proposal is ready."))
        elif waiting.is_running:
            messages.success(request, _("A new proposal is asked for: it appears here when it is computed."))

    def swap(self, request, selection):
        interests = {interest.pk: interest for interest in interests_of(self.call, statuses=None)}
        others = candidates(selection, applicants_of(self.call))
        form = SwapForm(request.POST, selection=selection, interests=interests, candidates=others)
        if form.is_valid():
            try:
                swap_speakers(selection, by=request.user, **form.cleaned_data)
                messages.success(request, _("The change is kept, with its reason, in the history of the selection."))
                return redirect("registrations:selection", pk=self.call.pk)
            except ValidationError as error:
                form.add_error(None, error)
        context = self.get_context_data()
        context["swap_form"] = form
        return self.render_to_response(context)


def candidates(selection, applicants) -> list[int]:
    """Who may come in by hand: the reserves in order, then every other reviewed applicant."""
    others = [item.id for item in applicants if item.id not in selection.selected]
    return [pk for pk in selection.reserve if pk in others] + [pk for pk in others if pk not in selection.reserve]


def report_context(selection, interests, applicants, *, scores=None) -> dict:
    """The balance report and why each person is in or out, in words that name nobody beside a rule
    on a personal attribute."""
    report = selection_report(selection, applicants)
    why = explain(selection, report, applicants, scores=scores)
    return {
        "selected": [
            {"interest": interests[pk], "by_hand": pk in why.put_in, "why": changed_by_hand(why.put_in.get(pk, ""))}
            for pk in selection.selected
            if pk in interests
        ],
        "reserve": [interests[pk] for pk in selection.reserve if pk in interests],
        "report": report,
        "balance": [
            {"what": dimension_label(row.dimension), "value": value_label(row.dimension, row.value), "row": row}
            for row in report.balance
        ],
        "relaxations": [(rule_text(violation.rule), violation.amount) for violation in why.relaxed],
        "broken_since": [(rule_text(violation.rule), violation.amount) for violation in why.broken_since],
        "binding": [rule_text(rule) for rule in report.binding],
        "passed_over": [
            (interests[item.id], changed_by_hand(item.reason) if item.by_hand else rule_text(item.rule))
            for item in why.passed_over
            if item.id in interests
        ],
        "together": [interests[pk] for pk in why.together if pk in interests],
        "counted": [passed_over_count(rule, count) for rule, count in why.counted],
        "published": selection.is_published,
    }


class RespondView(View):
    """The selected person, from the signed link of their e-mail, with or without signing in."""

    template_name = "registrations/selection/respond.html"

    def interest(self, token):
        try:
            data = signing.loads(token, salt=RESPOND_SALT)
        except signing.BadSignature:
            raise Http404 from None
        return get_object_or_404(ExpressionOfInterest.objects.select_related("call__consultation"), pk=data["interest"])

    def get(self, request, token):
        interest = self.interest(token)
        form = AppearanceForm(initial={"appearance": interest.appearance})
        return render(request, self.template_name, {"interest": interest, "form": form})

    def post(self, request, token):
        """Confirming says how the speaker appears in the public programme; declining needs nothing."""
        interest = self.interest(token)
        accept = request.POST.get("answer") == "confirm"
        if not accept:  # declining is asked on a page of its own: nothing irreversible in one click
            return redirect(interest.decline_path())
        form = AppearanceForm(request.POST if accept else None, initial={"appearance": interest.appearance})
        if accept and not form.is_valid():
            return render(request, self.template_name, {"interest": interest, "form": form})
        appearance = form.cleaned_data["appearance"] if accept else None
        try:
            respond_to_selection(interest, accept=accept, appearance=appearance)
        except ValidationError as error:
            context = {"interest": interest, "form": form, "error": error.messages[0]}
            return render(request, self.template_name, context)
        interest.refresh_from_db()
        return render(request, self.template_name, {"interest": interest, "done": True})


class DeclineView(RespondView):
    """Declining a slot, on a page of its own: GET says what it does and changes nothing; POST declines."""

    template_name = "registrations/selection/decline.html"

    def get(self, request, token):
        return render(request, self.template_name, {"interest": self.interest(token)})

    def post(self, request, token):
        interest = self.interest(token)
        try:
            respond_to_selection(interest, accept=False)
        except ValidationError as error:
            return render(request, self.template_name, {"interest": interest, "error": error.messages[0]})
        interest.refresh_from_db()
        return render(request, RespondView.template_name, {"interest": interest, "done": True})


class HowChosenView(PermissionRequiredMixin, TemplateView):
    """The applicant themselves: the rules the speakers were chosen by and their own status, never
    anything about the other applicants."""

    permission_required = "registrations.change_answer"
    template_name = "registrations/selection/how_chosen.html"

    @cached_property
    def interest(self):
        return get_object_or_404(
            ExpressionOfInterest.objects.select_related("call__consultation"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self):
        return self.interest

    def get_context_data(self, **kwargs):
        call = self.interest.call
        settings = settings_of(call)
        return super().get_context_data(
            interest=self.interest,
            settings=settings,
            criteria=criteria_of(call),
            rules=[rule_text(rule) for rule in rules_of(call).stated()],
            **kwargs,
        )


class SelectionSettingsView(CallMixin, TemplateView):
    """Secretariat: how many speakers, the weighted rubric, the rules of balance and who reviews."""

    permission_required = "registrations.select"
    template_name = "registrations/selection/settings.html"
    call_kinds = (CallKind.SPEAK, CallKind.FUNDING_SUPPORT)

    @cached_property
    def is_funding(self) -> bool:
        """Funding support spends a budget on unreviewed applications: no rubric, no reviewers."""
        return self.call.kind == CallKind.FUNDING_SUPPORT

    def forms(self, data=None):
        settings = settings_of(self.call)
        forms = {
            "settings_form": SelectionSettingsForm(data, instance=settings, kind=self.call.kind),
            "rules": RuleFormSet(data, instance=settings, prefix="rules", form_kwargs={"groups": rule_groups()}),
        }
        if not self.is_funding:
            forms["criteria"] = CriterionFormSet(data, instance=settings, prefix="criteria")
        return forms

    def get_context_data(self, **kwargs):
        assigned = ReviewerAssignment.objects.filter(consultation=self.call.consultation).select_related("reviewer")
        context = {
            "call": self.call,
            "is_funding": self.is_funding,
            "assigned": assigned,
            "reviewer_form": ReviewerForm(),
        }
        if "settings_form" not in kwargs:  # a GET; a POST with errors passes its bound forms
            context.update(self.forms())
        return super().get_context_data(**{**context, **kwargs})

    def post(self, request, pk):
        action = request.POST.get("action")
        if action == "add-reviewer":
            form = ReviewerForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(**self.forms(), reviewer_form=form))
            assign_reviewer(self.call.consultation, by=request.user, reviewer=form.cleaned_data["email"])
        elif action == "remove-reviewer":
            remove_reviewer(self.call.consultation, by=request.user, reviewer_id=request.POST.get("reviewer"))
        else:
            forms = self.forms(request.POST)
            if not all(form.is_valid() for form in forms.values()):
                return self.render_to_response(self.get_context_data(**forms))
            try:
                save_selection_settings(
                    self.call,
                    by=request.user,
                    settings=forms["settings_form"].cleaned_data,
                    criteria=named_criteria(forms["criteria"]) if "criteria" in forms else [],
                    rules=[dict(zip(RULE_FIELDS, row, strict=True)) for row in kept(forms["rules"], *RULE_FIELDS)],
                )
            except ValidationError as error:
                if "criteria" in forms:  # the rubric is what the service refuses
                    forms["criteria"]._non_form_errors = forms["criteria"].error_class(error.messages)
                else:
                    forms["settings_form"].add_error(None, error)
                return self.render_to_response(self.get_context_data(**forms))
            messages.success(request, _("The settings of the selection are saved."))
        return redirect("registrations:selection-settings", pk=self.call.pk)


RULE_FIELDS = ("dimension", "value", "minimum", "maximum")


def named_criteria(formset) -> list[dict]:
    """The criteria filled in and not marked for deletion, in order, with their names in each language."""
    return [form.criterion() for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


def kept(formset, *fields) -> list[tuple]:
    """The rows of a formset that are filled in and not marked for deletion, in order."""
    return [
        tuple(form.cleaned_data[field] for field in fields)
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]

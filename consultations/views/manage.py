"""Focal points draft, preview and submit consultations and calls; the secretariat publishes or returns them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from consultations import queries, services
from consultations.forms.publishing import (
    CallDecisionForm,
    ConsultationDecisionForm,
    ConsultationForm,
    DecisionForm,
    OpenCallForm,
    SubmitForm,
    SummaryForm,
)
from consultations.models import Consultation, OpenCall, advance_notice
from consultations.rules import commissions_covered
from consultations.views.public import CallDetailView, ConsultationDetailView
from stakeholders.queries import focal_point_countries
from stakeholders.rules import is_secretariat


def saved_fields(form) -> dict:
    """The model fields of a translated form, ready for a service."""
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}


class ConsultationMixin(PermissionRequiredMixin):
    """A view of one consultation, found by its address whatever its state; the permission decides."""

    @cached_property
    def consultation(self):
        return get_object_or_404(Consultation, slug=self.kwargs["slug"])

    def get_permission_object(self):
        return self.consultation


class CallMixin(PermissionRequiredMixin):
    @cached_property
    def call(self):
        return get_object_or_404(OpenCall.objects.select_related("consultation"), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.call


class ManageView(PermissionRequiredMixin, ListView):
    """Focal points: the consultations of their country or region; the secretariat: all of them."""

    permission_required = "consultations.manage"
    template_name = "consultations/manage/consultation_list.html"
    context_object_name = "consultations"
    paginate_by = 50

    def get_queryset(self):
        return queries.managed_consultations(self.request.user)


class ConsultationFormMixin:
    """The focal point sees only their own places among the regions and countries."""

    form_class = ConsultationForm
    template_name = "consultations/manage/consultation_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        user = self.request.user
        if not is_secretariat(user):
            countries = focal_point_countries(user)
            kwargs.update(countries=countries, commissions=commissions_covered(countries))
        return {"user": user, **kwargs}

    def form_valid(self, form):
        consultation = services.save_consultation(
            form.instance, by=self.request.user, data=saved_fields(form), provenance=form.chosen_provenance()
        )
        messages.success(self.request, _("The consultation is saved as a draft."))
        return redirect("consultations:manage-consultation", slug=consultation.slug)


class ConsultationCreateView(ConsultationFormMixin, PermissionRequiredMixin, FormView):
    permission_required = "consultations.manage"

    def get_form_kwargs(self):
        return {"instance": Consultation(), **super().get_form_kwargs()}


class ConsultationEditView(ConsultationFormMixin, ConsultationMixin, FormView):
    """Focal points of its place while it is a draft or returned; the secretariat at any time."""

    permission_required = "consultations.change_consultation"

    def get_form_kwargs(self):
        return {"instance": self.consultation, **super().get_form_kwargs()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.consultation, **kwargs)


class ConsultationWorkspaceView(ConsultationMixin, TemplateView):
    """Where a consultation stands, its calls, and what can be done next."""

    permission_required = "consultations.view_draft"
    template_name = "consultations/manage/consultation_workspace.html"

    def get_context_data(self, **kwargs):
        calls = self.consultation.calls.order_by("opens_at")
        return super().get_context_data(
            consultation=self.consultation,
            calls=calls,
            calls_to_submit=queries.calls_to_submit(self.consultation).count(),
            submit_form=SubmitForm(),
            **kwargs,
        )


class ConsultationPreviewView(ConsultationMixin, ConsultationDetailView):
    """The public page as it will look, in the language of the address, before it is published."""

    permission_required = "consultations.view_draft"

    def get_object(self, queryset=None):
        return queries.consultation_page(self.kwargs["slug"], published_only=False)

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)


class SubmitView(PermissionRequiredMixin, FormView):
    """POST only: a focal point hands a draft to the secretariat."""

    form_class = SubmitForm
    http_method_names = ["post"]

    def form_valid(self, form):
        item = self.get_permission_object()
        try:
            services.submit_for_approval(item, by=self.request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(self.request, message)
        else:
            messages.success(self.request, _("Submitted: the secretariat will publish it or return it with a comment."))
        return redirect(self.next_url())

    def form_invalid(self, form):
        return redirect(self.next_url())


class ConsultationSubmitView(ConsultationMixin, SubmitView):
    permission_required = "consultations.change_consultation"

    def next_url(self):
        return reverse("consultations:manage-consultation", kwargs={"slug": self.consultation.slug})


class ConsultationSubmitWithCallsView(ConsultationMixin, FormView):
    """POST only: a focal point hands the consultation and its draft or returned calls over together."""

    permission_required = "consultations.change_consultation"
    form_class = SubmitForm
    http_method_names = ["post"]

    def form_valid(self, form):
        try:
            calls = services.submit_with_calls(self.consultation, by=self.request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(self.request, message)
        else:
            messages.success(
                self.request,
                ngettext(
                    "The consultation and its %(count)s call are submitted: the secretariat will publish "
                    "them or return them with a comment.",
                    "The consultation and its %(count)s calls are submitted: the secretariat will publish "
                    "them or return them with a comment.",
                    len(calls),
                )
                % {"count": len(calls)},
            )
        return redirect("consultations:manage-consultation", slug=self.consultation.slug)

    def form_invalid(self, form):
        return redirect("consultations:manage-consultation", slug=self.consultation.slug)


class CallSubmitView(CallMixin, SubmitView):
    permission_required = "consultations.change_call"

    def next_url(self):
        return reverse("consultations:manage-consultation", kwargs={"slug": self.call.consultation.slug})


class CallFormMixin:
    form_class = OpenCallForm
    template_name = "consultations/manage/call_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(advance_notice_days=advance_notice().days, **kwargs)

    def form_valid(self, form):
        services.save_call(
            form.instance,
            by=self.request.user,
            data=saved_fields(form) | {"consultation": form.consultation},
            provenance=form.chosen_provenance(),
            categories=form.cleaned_data["categories"],
            commissions=form.cleaned_data["commissions"],
        )
        messages.success(self.request, _("The call is saved as a draft."))
        return redirect("consultations:manage-consultation", slug=form.consultation.slug)


class CallCreateView(CallFormMixin, ConsultationMixin, FormView):
    """Focal points of the consultation's place, and the secretariat."""

    permission_required = "consultations.add_call"

    def get_form_kwargs(self):
        instance = OpenCall(consultation=self.consultation)
        return {"instance": instance, "consultation": self.consultation, **super().get_form_kwargs()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.consultation, **kwargs)


class CallEditView(CallFormMixin, CallMixin, FormView):
    permission_required = "consultations.change_call"

    def get_form_kwargs(self):
        return {"instance": self.call, "consultation": self.call.consultation, **super().get_form_kwargs()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.call.consultation, call=self.call, **kwargs)


class CallPreviewView(CallMixin, CallDetailView):
    permission_required = "consultations.view_draft_call"

    def get_object(self, queryset=None):
        return queries.call_page(self.kwargs["pk"], published_only=False)

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)


class ApprovalQueueView(PermissionRequiredMixin, TemplateView):
    """Secretariat: what focal points submitted, oldest first."""

    permission_required = "consultations.publish"
    template_name = "consultations/manage/approval_queue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**queries.awaiting_approval(), **kwargs)


class DecisionMixin(PermissionRequiredMixin):
    permission_required = "consultations.publish"
    template_name = "consultations/manage/decision_form.html"

    def form_valid(self, form):
        item, by = self.item(), self.request.user
        try:
            if form.cleaned_data["decision"] == DecisionForm.RETURN:
                services.return_with_comment(item, by=by, comment=form.cleaned_data["comment"])
                messages.success(self.request, _("Returned to the focal point with your comment."))
            else:
                self.publish(item, form)
                messages.success(self.request, _("Published."))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        return redirect("consultations:approvals")

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item(), now=timezone.now(), **kwargs)


class ConsultationDecisionView(DecisionMixin, FormView):
    """The consultation, and with it (or not) each call submitted with it: one form, one comment."""

    form_class = ConsultationDecisionForm

    @cached_property
    def consultation(self):
        return get_object_or_404(Consultation, slug=self.kwargs["slug"])

    def item(self):
        return self.consultation

    @cached_property
    def submitted_calls(self):
        return queries.submitted_calls_of(self.consultation)

    def get_form_kwargs(self):
        now = timezone.now()
        short = [call for call in self.submitted_calls if services.needs_short_notice_reason(call, at=now)]
        return {"calls": self.submitted_calls, "short_notice": short, **super().get_form_kwargs()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            submitted_calls=self.submitted_calls, advance_notice_days=advance_notice().days, **kwargs
        )

    def form_valid(self, form):
        publish = form.cleaned_data["decision"] == DecisionForm.PUBLISH
        calls = form.chosen_calls()
        try:
            services.decide_with_calls(
                self.consultation,
                by=self.request.user,
                publish=publish,
                calls=calls,
                comment=form.cleaned_data["comment"],
                short_notice_reasons=form.short_notice_reasons(),
            )
        except ValidationError as error:
            form.add_decision_errors(error)
            return self.form_invalid(form)
        if publish:
            message = ngettext("Published, with %(count)s call.", "Published, with %(count)s calls.", len(calls))
        else:
            message = ngettext(
                "Returned to the focal point with your comment, with %(count)s call.",
                "Returned to the focal point with your comment, with %(count)s calls.",
                len(calls),
            )
        messages.success(self.request, message % {"count": len(calls)})
        return redirect("consultations:approvals")


class CallDecisionView(DecisionMixin, FormView):
    form_class = CallDecisionForm

    def item(self):
        return get_object_or_404(OpenCall.objects.select_related("consultation"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        call = self.item()
        short = services.needs_short_notice_reason(call, at=timezone.now())
        return super().get_context_data(short_notice=short, advance_notice_days=advance_notice().days, **kwargs)

    def publish(self, item, form):
        reason = form.cleaned_data["short_notice_reason"].strip() or None
        services.publish_call(item, by=self.request.user, short_notice_reason=reason)


class SummaryEditView(ConsultationMixin, FormView):
    """The secretariat or the consultation's rapporteur writes the summary, and publishes it."""

    permission_required = "consultations.write_summary"
    form_class = SummaryForm
    template_name = "consultations/manage/summary_form.html"

    def get_form_kwargs(self):
        summary = queries.summary_of(self.consultation)
        submissions = queries.published_submissions(self.consultation)
        return {"instance": summary, "submissions": submissions, **super().get_form_kwargs()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.consultation, **kwargs)

    def form_valid(self, form):
        publish = form.cleaned_data["publish"]
        try:
            services.save_summary(
                self.consultation,
                by=self.request.user,
                data=saved_fields(form),
                provenance=form.chosen_provenance(),
                publish=publish,
            )
        except ValidationError as error:
            # Beside the box that asked for it; the form keeps every text as typed.
            form.add_error("publish", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The summary is published.") if publish else _("The summary is saved."))
        return redirect(self.consultation.get_absolute_url() if publish else self.request.path)

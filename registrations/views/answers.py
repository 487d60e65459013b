"""Answering calls, following one's own answers, and the organizers' list of registrations."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from consultations import queries as consultation_queries
from consultations.enums import CallKind
from consultations.models import Consultation, OpenCall
from consultations.services import check_call_is_open
from registrations.forms.answers import FundingForm, InterestForm, RegistrationForm, SideEventForm
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, SideEventProposal
from registrations.queries.answers import (
    active_registration,
    answer_name,
    changes_by_others,
    participation_of,
    planning_tables,
    registration_row,
    registrations_of,
    seats_left,
    switch_outlook,
    switch_position,
    waitlist_position,
    with_waitlist_positions,
)
from registrations.services.answers import (
    apply_for_funding,
    cancel_registration,
    edit_interest,
    express_interest,
    keep_attendance,
    propose_side_event,
    register,
    request_switch,
    withdraw,
)

ANSWERS = {
    CallKind.ATTEND: (RegistrationForm, register, gettext_lazy("You are registered.")),
    CallKind.SPEAK: (InterestForm, express_interest, gettext_lazy("Your expression of interest is received.")),
    CallKind.SIDE_EVENT: (
        SideEventForm,
        propose_side_event,
        gettext_lazy("Your side-event proposal is received."),
    ),
    CallKind.FUNDING_SUPPORT: (FundingForm, apply_for_funding, gettext_lazy("Your application is received.")),
}


class AnswerCallView(PermissionRequiredMixin, FormView):
    """Signed-in people: answer a published call of the kinds taken here; the deadline is the server's."""

    permission_required = "registrations.answer"
    template_name = "registrations/answer_form.html"

    @cached_property
    def call(self):
        try:
            call = consultation_queries.call_page(self.kwargs["pk"])
        except OpenCall.DoesNotExist:
            raise Http404 from None
        if call.kind not in ANSWERS:
            raise Http404
        return call

    @cached_property
    def registration(self):
        """Someone already registered to the consultation sees their registration, not an empty form
        (a form sent from another tab is refused by the service, and the page says so)."""
        if self.call.kind != CallKind.ATTEND:
            return None
        return active_registration(self.request.user, self.call.consultation)

    def get_form_class(self):
        return ANSWERS[self.call.kind][0]

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "call": self.call}
        if self.call.kind == CallKind.ATTEND:
            return {**kwargs, "seats_left": seats_left(self.call.consultation)}
        return {**kwargs, "person": self.request.user}

    def get_context_data(self, **kwargs):
        """A closed call shows why instead of a form; a form sent too late comes back with the error
        and everything typed, so that nothing is lost."""
        refusal = None
        try:
            check_call_is_open(self.call, kind=self.call.kind)
        except ValidationError as error:
            refusal = error.messages[0] if self.request.method == "GET" else None
        return super().get_context_data(
            call=self.call,
            consultation=self.call.consultation,
            refusal=refusal,
            registration=self.registration,
            **kwargs,
        )

    def form_valid(self, form):
        _form, answer, done = ANSWERS[self.call.kind]
        try:
            sent = answer(self.call, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        if self.call.kind == CallKind.ATTEND and sent.is_waitlisted:
            messages.warning(self.request, waitlisted_message(sent))
        else:
            messages.success(self.request, done)
        return redirect("registrations:my-participation")


def waitlisted_message(registration) -> str:
    return _(
        "All places of this kind are taken: you are on the waiting list, number %(position)s. "
        "We will write to you as soon as a place is yours."
    ) % {"position": waitlist_position(registration)}


class MyParticipationView(PermissionRequiredMixin, TemplateView):
    """Signed-in people: everything they sent in answer to calls, with what they can still do and
    what others changed on it."""

    permission_required = "registrations.view_own"
    template_name = "registrations/my_participation.html"

    def get_context_data(self, **kwargs):
        person = self.request.user
        return super().get_context_data(**participation_of(person), changes=changes_by_others(person), **kwargs)


class OwnAnswerMixin(PermissionRequiredMixin):
    permission_required = "registrations.change_answer"
    model = None

    @cached_property
    def answer(self):
        return get_object_or_404(self.model.objects.select_related("call__consultation"), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.answer


class OwnRegistrationMixin(OwnAnswerMixin):
    model = Registration

    @cached_property
    def answer(self):
        registrations = with_waitlist_positions(Registration.objects.select_related("call", "consultation"))
        return get_object_or_404(registrations, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        registration = self.answer
        name = answer_name(registration.call, registration.consultation)
        return super().get_context_data(registration=registration, name=name, **kwargs)


class CancelRegistrationView(OwnRegistrationMixin, TemplateView):
    """The person themselves, after reading what it does on a page of its own (GET changes nothing):
    the seat goes to the first on the waiting list."""

    template_name = "registrations/confirm_cancel.html"

    def post(self, request, pk):
        cancel_registration(self.answer, by=request.user)
        messages.success(request, _("Your registration is cancelled."))
        return redirect("registrations:my-participation")


class SwitchAttendanceView(OwnRegistrationMixin, TemplateView):
    """The person themselves asks to take part the other way, after reading what would happen now,
    or gives up asking. They keep their place until one of the other way is theirs."""

    template_name = "registrations/switch_attendance.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(outlook=switch_outlook(self.answer), **kwargs)

    def post(self, request, pk):
        registration = self.answer
        try:
            if request.POST.get("action") == "keep":
                keep_attendance(registration, by=request.user)
                messages.success(request, _("You keep the way you take part, and leave the other waiting list."))
                return redirect("registrations:my-participation")
            asked_for = registration.other_attendance
            registration = request_switch(registration, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("registrations:registration-switch", pk=pk)
        if registration.attendance == asked_for:
            messages.success(
                request,
                _("Done: you now take part this way: %(way)s.") % {"way": registration.get_attendance_display()},
            )
        else:
            messages.info(
                request,
                _(
                    "You keep your current place. You are number %(position)s on the waiting list for this way of "
                    "taking part: %(way)s. We will write to you as soon as a place is yours."
                )
                % {"position": switch_position(registration), "way": asked_for.label},
            )
        return redirect("registrations:my-participation")


class WithdrawView(OwnAnswerMixin, TemplateView):
    """The person themselves withdraws an answer, after reading what it does on a page of its own."""

    template_name = "registrations/confirm_withdraw.html"
    models = {"interests": ExpressionOfInterest, "proposals": SideEventProposal, "applications": FundingApplication}

    @cached_property
    def answer(self):
        model = self.models.get(self.kwargs["kind"])
        if model is None:
            raise Http404
        return get_object_or_404(model.objects.select_related("call__consultation"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(answer=self.answer, name=answer_name(self.answer.call), **kwargs)

    def post(self, request, kind, pk):
        try:
            withdraw(self.answer, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Withdrawn: %(answer)s.") % {"answer": answer_name(self.answer.call)})
        return redirect("registrations:my-participation")


class EditInterestView(OwnAnswerMixin, FormView):
    """The person themselves, while the call is open; the arrival number stays."""

    model = ExpressionOfInterest
    form_class = InterestForm
    template_name = "registrations/answer_form.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.answer,
            "call": self.answer.call,
            "person": self.request.user,
        }

    def get_context_data(self, **kwargs):
        call = self.answer.call
        return super().get_context_data(call=call, consultation=call.consultation, editing=self.answer, **kwargs)

    def form_valid(self, form):
        try:
            edit_interest(self.answer, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("Your expression of interest is updated; it keeps its place."))
        return redirect("registrations:my-participation")


class ConsultationRegistrationsView(PermissionRequiredMixin, TemplateView):
    """Focal points of the consultation's place and the secretariat: who registered, counts for
    planning, and a CSV without any optional personal attribute."""

    permission_required = "registrations.view_registrations"
    template_name = "registrations/consultation_registrations.html"
    CSV_COLUMNS = ("number", "name", "email", "taking_part", "status", "waiting_position", "interpretation",
                   "access_needs", "access_needs_other", "registered_at")  # fmt: skip

    @cached_property
    def consultation(self):
        return get_object_or_404(Consultation, slug=self.kwargs["slug"])

    def get_permission_object(self):
        return self.consultation

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consultation=self.consultation,
            registrations=registrations_of(self.consultation),
            **planning_tables(self.consultation),
            **kwargs,
        )

    def csv(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.consultation.slug}-registrations.csv"'
        writer = csv.writer(response)
        writer.writerow(self.CSV_COLUMNS)
        for registration in registrations_of(self.consultation):
            writer.writerow(registration_row(registration))
        add_never_cache_headers(response)  # people's names and answers: kept by no cache
        return response

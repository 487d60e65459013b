"""Written submissions: stakeholders send them, the secretariat moderates them, the public reads the published."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, View
from rules.contrib.views import PermissionRequiredMixin

from consultations import queries, services
from consultations.enums import CallKind
from consultations.forms.submissions import ModerationForm, WrittenSubmissionForm
from consultations.models import OpenCall, WrittenSubmission
from portal.downloads import uploaded_document


class SubmissionCreateView(PermissionRequiredMixin, FormView):
    """Signed-in people: send a written submission to a published call; unpublished calls are not found,
    and a call that is closed, not yet open or of another kind says so instead of showing the form."""

    permission_required = "consultations.send_submission"
    template_name = "consultations/submissions/submission_form.html"
    form_class = WrittenSubmissionForm

    @cached_property
    def call(self):
        try:
            return queries.call_page(self.kwargs["pk"])
        except OpenCall.DoesNotExist:
            raise Http404 from None

    @cached_property
    def refusal(self) -> list[str]:
        """Why this call takes no submission now, or nothing."""
        try:
            services.check_call_is_open(self.call, kind=CallKind.WRITTEN_SUBMISSION)
        except ValidationError as error:
            return error.messages
        return []

    def post(self, request, *args, **kwargs):
        if self.refusal:
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"language": get_language()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "person": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(call=self.call, refusal=self.refusal, **kwargs)

    def form_valid(self, form):
        try:
            submission = services.send_written_submission(self.call, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your submission “%(title)s” is received. The secretariat will read it.") % {"title": submission.title},
        )
        return redirect("consultations:my-submissions")


class MySubmissionsView(PermissionRequiredMixin, ListView):
    """Signed-in people: the written submissions they sent, and what became of them."""

    permission_required = "consultations.view_own_submissions"
    template_name = "consultations/submissions/my_submissions.html"
    context_object_name = "submissions"
    paginate_by = 50

    def get_queryset(self):
        return queries.submissions_of(self.request.user)


class ModerationQueueView(PermissionRequiredMixin, ListView):
    """Secretariat: received submissions, oldest first, each to publish or not."""

    permission_required = "consultations.moderate_submissions"
    template_name = "consultations/submissions/moderation_queue.html"
    context_object_name = "submissions"
    paginate_by = 50

    def get_queryset(self):
        return queries.submissions_to_moderate()


class ModerateSubmissionView(PermissionRequiredMixin, View):
    """Secretariat: publish a submission (only with its author's consent) or decide not to."""

    permission_required = "consultations.moderate_submissions"
    http_method_names = ["post"]

    def post(self, request, pk):
        submission = get_object_or_404(WrittenSubmission, pk=pk)
        form = ModerationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether to publish the submission or not."))
            return redirect("consultations:submission-moderation")
        try:
            services.moderate_submission(submission, by=request.user, publish=form.publish)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("consultations:submission-moderation")
        if form.publish:
            messages.success(request, _("“%(title)s” is published.") % {"title": submission.title})
        else:
            messages.success(request, _("“%(title)s” will not be published.") % {"title": submission.title})
        return redirect("consultations:submission-moderation")


class SubmissionAccessMixin:
    """A submission anyone may read once published; before that its author and the secretariat only.
    Anyone else finds nothing, so an unpublished submission does not reveal that it exists."""

    def get_submission(self):
        submission = get_object_or_404(queries.submissions(), pk=self.kwargs["pk"])
        if not self.request.user.has_perm("consultations.view_submission", submission):
            raise Http404
        return submission


class SubmissionDetailView(SubmissionAccessMixin, DetailView):
    """Everyone, for a published submission; its author and the secretariat, at any time."""

    template_name = "consultations/submissions/submission_detail.html"
    context_object_name = "submission"

    def get_object(self, queryset=None):
        return self.get_submission()


class SubmissionDocumentView(SubmissionAccessMixin, View):
    """The same people as the submission itself: its PDF, streamed from private storage as an
    attachment, never shown inside the portal (portal.downloads)."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        submission = self.get_submission()
        if not submission.document:
            raise Http404
        try:
            document = submission.document.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return uploaded_document(document, filename=f"submission-{submission.pk}.pdf", content_type="application/pdf")

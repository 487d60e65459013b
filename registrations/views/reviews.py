"""Reviewers score expressions of interest on the agreed rubric; never one of their own organization."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from registrations.forms.reviews import (
    ReviewForm,
)
from registrations.models import ExpressionOfInterest, Review
from registrations.queries.reviews import calls_to_review, criteria_to_read, settings_of, to_review, unscored_by
from registrations.services.reviews import save_review
from registrations.views.mixins import CallMixin


class ReviewListView(CallMixin, TemplateView):
    """Assigned reviewers and the secretariat: what there is to score, never one's own organization's."""

    permission_required = "registrations.review"
    template_name = "registrations/selection/review_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        done = set(Review.objects.filter(reviewer=user, interest__call=self.call).values_list("interest_id", flat=True))
        interests = to_review(user, self.call)
        return super().get_context_data(
            call=self.call,
            settings=settings_of(self.call),
            rows=[{"interest": interest, "done": interest.pk in done} for interest in interests],
            **kwargs,
        )


class ReviewFormView(CallMixin, FormView):
    permission_required = "registrations.review"
    template_name = "registrations/selection/review_form.html"
    form_class = ReviewForm

    @cached_property
    def interest(self):
        return get_object_or_404(
            ExpressionOfInterest.objects.select_related("person", "organization", "session"),
            pk=self.kwargs["interest"],
            call=self.call,
        )

    def get_form_kwargs(self):
        review = Review.objects.filter(interest=self.interest, reviewer=self.request.user).first()
        return {**super().get_form_kwargs(), "criteria": criteria_to_read(self.call, get_language()), "review": review}

    def get_context_data(self, **kwargs):
        next_interest = unscored_by(self.request.user, self.call).exclude(pk=self.interest.pk).first()
        return super().get_context_data(
            call=self.call,
            interest=self.interest,
            settings=settings_of(self.call),
            next_interest=next_interest,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            save_review(
                self.interest, reviewer=self.request.user, scores=form.scores(), comment=form.cleaned_data["comment"]
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Your review is saved."))
        return redirect("registrations:reviews", pk=self.call.pk)


class MyReviewsView(PermissionRequiredMixin, TemplateView):
    """Reviewers: the calls to speak of the consultations they are assigned to (all, for the secretariat)."""

    permission_required = "registrations.see_reviews"
    template_name = "registrations/selection/my_reviews.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(calls=calls_to_review(self.request.user), **kwargs)

from django.urls import path

from consultations.feeds import OpenCallsFeed
from consultations.views import joining, manage, materials, public, submissions, subscriptions

app_name = "consultations"
urlpatterns = [
    path("calls/", public.CallListView.as_view(), name="calls"),
    path("calls/feed/", OpenCallsFeed(), name="calls-feed"),
    path("calls/subscribe/", subscriptions.SubscribeView.as_view(), name="subscribe"),
    path("calls/subscribe/<uuid:token>/", subscriptions.confirm_subscription, name="subscription-confirm"),
    path("calls/<int:pk>/", public.CallDetailView.as_view(), name="call-detail"),
    path("consultations/", public.ConsultationListView.as_view(), name="consultation-list"),
    path("consultations/<slug:slug>/", public.ConsultationDetailView.as_view(), name="consultation-detail"),
    # Written submissions
    path("calls/<int:pk>/submit/", submissions.SubmissionCreateView.as_view(), name="submission-create"),
    path("my-submissions/", submissions.MySubmissionsView.as_view(), name="my-submissions"),
    path("submissions/moderation/", submissions.ModerationQueueView.as_view(), name="submission-moderation"),
    path("submissions/<int:pk>/", submissions.SubmissionDetailView.as_view(), name="submission-detail"),
    path("submissions/<int:pk>/document/", submissions.SubmissionDocumentView.as_view(), name="submission-document"),
    path("submissions/<int:pk>/moderate/", submissions.ModerateSubmissionView.as_view(), name="submission-moderate"),
    # Focal points and the secretariat
    path("manage/", manage.ManageView.as_view(), name="manage"),
    path("manage/consultations/new/", manage.ConsultationCreateView.as_view(), name="consultation-create"),
    path("manage/consultations/<slug:slug>/", manage.ConsultationWorkspaceView.as_view(), name="manage-consultation"),
    path("manage/consultations/<slug:slug>/edit/", manage.ConsultationEditView.as_view(), name="consultation-edit"),
    path(
        "manage/consultations/<slug:slug>/preview/",
        manage.ConsultationPreviewView.as_view(),
        name="consultation-preview",
    ),
    path(
        "manage/consultations/<slug:slug>/submit/", manage.ConsultationSubmitView.as_view(), name="consultation-submit"
    ),
    path(
        "manage/consultations/<slug:slug>/submit-with-calls/",
        manage.ConsultationSubmitWithCallsView.as_view(),
        name="consultation-submit-with-calls",
    ),
    path("manage/consultations/<slug:slug>/calls/new/", manage.CallCreateView.as_view(), name="call-create"),
    path("manage/consultations/<slug:slug>/summary/", manage.SummaryEditView.as_view(), name="summary-edit"),
    path("manage/consultations/<slug:slug>/joining/", joining.JoiningEditView.as_view(), name="joining-edit"),
    path("manage/consultations/<slug:slug>/materials/", materials.MaterialsView.as_view(), name="materials"),
    path(
        "manage/consultations/<slug:slug>/materials/<int:pk>/remove/",
        materials.MaterialRemoveView.as_view(),
        name="material-remove",
    ),
    path("manage/calls/<int:pk>/edit/", manage.CallEditView.as_view(), name="call-edit"),
    path("manage/calls/<int:pk>/preview/", manage.CallPreviewView.as_view(), name="call-preview"),
    path("manage/calls/<int:pk>/submit/", manage.CallSubmitView.as_view(), name="call-submit"),
    path("manage/approvals/", manage.ApprovalQueueView.as_view(), name="approvals"),
    path(
        "manage/approvals/consultations/<slug:slug>/",
        manage.ConsultationDecisionView.as_view(),
        name="consultation-decision",
    ),
    path("manage/approvals/calls/<int:pk>/", manage.CallDecisionView.as_view(), name="call-decision"),
]

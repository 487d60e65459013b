from django.urls import path

from registrations import funding_views, selection_views, views

app_name = "registrations"
urlpatterns = [
    path("calls/<int:pk>/answer/", views.AnswerCallView.as_view(), name="answer"),
    path("my-participation/", views.MyParticipationView.as_view(), name="my-participation"),
    path(
        "my-participation/registrations/<int:pk>/cancel/",
        views.CancelRegistrationView.as_view(),
        name="registration-cancel",
    ),
    path("my-participation/interests/<int:pk>/edit/", views.EditInterestView.as_view(), name="interest-edit"),
    path("my-participation/<str:kind>/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path(
        "manage/consultations/<slug:slug>/registrations/",
        views.ConsultationRegistrationsView.as_view(),
        name="consultation-registrations",
    ),
    path("manage/reviews/", selection_views.MyReviewsView.as_view(), name="my-reviews"),
    path("manage/calls/<int:pk>/reviews/", selection_views.ReviewListView.as_view(), name="reviews"),
    path("manage/calls/<int:pk>/reviews/<int:interest>/", selection_views.ReviewFormView.as_view(), name="review"),
    path("manage/calls/<int:pk>/selection/", selection_views.SelectionView.as_view(), name="selection"),
    path(
        "manage/calls/<int:pk>/selection/settings/",
        selection_views.SelectionSettingsView.as_view(),
        name="selection-settings",
    ),
    path("speakers/<str:token>/", selection_views.RespondView.as_view(), name="respond"),
    path("manage/calls/<int:pk>/funding/", funding_views.FundingView.as_view(), name="funding"),
    path(
        "my-participation/interests/<int:pk>/how-speakers-are-chosen/",
        selection_views.HowChosenView.as_view(),
        name="how-chosen",
    ),
]

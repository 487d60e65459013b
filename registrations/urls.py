from django.urls import path

from registrations.views import answers, funding, how_it_was_run, materials, reviews, selection, side_events, speakers

app_name = "registrations"
urlpatterns = [
    path("calls/<int:pk>/answer/", answers.AnswerCallView.as_view(), name="answer"),
    path("calls/<int:pk>/how-it-was-run/", how_it_was_run.HowCallWasRunView.as_view(), name="how-call-was-run"),
    path("my-participation/", answers.MyParticipationView.as_view(), name="my-participation"),
    path(
        "my-participation/registrations/<int:pk>/cancel/",
        answers.CancelRegistrationView.as_view(),
        name="registration-cancel",
    ),
    path(
        "my-participation/registrations/<int:pk>/switch/",
        answers.SwitchAttendanceView.as_view(),
        name="registration-switch",
    ),
    path("my-participation/interests/<int:pk>/edit/", answers.EditInterestView.as_view(), name="interest-edit"),
    path("my-participation/<str:kind>/<int:pk>/withdraw/", answers.WithdrawView.as_view(), name="withdraw"),
    path(
        "my-participation/interests/<int:pk>/how-speakers-are-chosen/",
        selection.HowChosenView.as_view(),
        name="how-chosen",
    ),
    path("my-participation/interests/<int:pk>/appearance/", speakers.AppearanceView.as_view(), name="appearance"),
    path(
        "manage/consultations/<slug:slug>/registrations/",
        answers.ConsultationRegistrationsView.as_view(),
        name="consultation-registrations",
    ),
    path("manage/reviews/", reviews.MyReviewsView.as_view(), name="my-reviews"),
    path("manage/calls/<int:pk>/reviews/", reviews.ReviewListView.as_view(), name="reviews"),
    path("manage/calls/<int:pk>/reviews/<int:interest>/", reviews.ReviewFormView.as_view(), name="review"),
    path("manage/calls/<int:pk>/selection/", selection.SelectionView.as_view(), name="selection"),
    path(
        "manage/calls/<int:pk>/selection/settings/",
        selection.SelectionSettingsView.as_view(),
        name="selection-settings",
    ),
    # A speaker's public page comes first: a signed token is never a bare number.
    path("speakers/<int:pk>/", speakers.SpeakerView.as_view(), name="speaker"),
    path("consultations/<slug:slug>/sessions/<int:pk>.ics", speakers.session_ics, name="session-ics"),
    path("speakers/<str:token>/", selection.RespondView.as_view(), name="respond"),
    path("speakers/<str:token>/decline/", selection.DeclineView.as_view(), name="decline"),
    path("manage/calls/<int:pk>/funding/", funding.FundingView.as_view(), name="funding"),
    path("manage/calls/<int:pk>/side-events/", side_events.SideEventsView.as_view(), name="side-events"),
    path("materials/<int:pk>/", materials.MaterialView.as_view(), name="material"),
]

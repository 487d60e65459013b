from django.urls import path

from stakeholders import views

app_name = "stakeholders"
urlpatterns = [
    path("", views.DirectoryView.as_view(), name="directory"),
    path("welcome/", views.WelcomeView.as_view(), name="welcome"),
    path("name/", views.NameView.as_view(), name="name"),
    path("join/", views.AskToJoinView.as_view(), name="join"),
    path("join-requests/<int:pk>/withdraw/", views.WithdrawJoinRequestView.as_view(), name="join-request-withdraw"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/speaker/", views.SpeakerProfileView.as_view(), name="speaker-profile"),
    path("register-organization/", views.RegisterOrganizationView.as_view(), name="register-organization"),
    path("verification/", views.VerificationQueueView.as_view(), name="verification-queue"),
    path("verification/<int:pk>/", views.DecideVerificationView.as_view(), name="verification-decide"),
    path("roles/", views.RoleGrantView.as_view(), name="role-grants"),
    path("roles/<int:pk>/revoke/", views.RevokeRoleView.as_view(), name="role-revoke"),
    path("my-data/", views.MyDataView.as_view(), name="my-data"),
    path("my-data/download/", views.MyDataDownloadView.as_view(), name="my-data-download"),
    path("my-data/delete/", views.DeleteAccountView.as_view(), name="delete-account"),
    path("gap-map/", views.GapMapView.as_view(), name="gap-map"),
    path("diversity/", views.DiversityView.as_view(), name="diversity"),
    path("invitations/<uuid:token>/", views.AcceptInvitationView.as_view(), name="invitation"),
    path("<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization-detail"),
    path("<slug:slug>/edit/", views.OrganizationUpdateView.as_view(), name="organization-edit"),
    path("<slug:slug>/members/", views.MembersView.as_view(), name="members"),
    path("<slug:slug>/members/<int:pk>/remove/", views.RemoveMemberView.as_view(), name="member-remove"),
    path("<slug:slug>/members/requests/<int:pk>/", views.AnswerJoinRequestView.as_view(), name="join-request-answer"),
]

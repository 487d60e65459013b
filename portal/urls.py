from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from consultations.views.public import consultation_ics
from portal import views
from registrations.views.speakers import speaker_photo

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Calendars are shared as one link for everyone, so they carry no language prefix.
    path("consultations/<slug:slug>.ics", consultation_ics, name="consultation-ics"),
    # Speakers' photos: named by their content's hash, the same in every language, cached for long.
    path("photos/<str:name>", speaker_photo, name="speaker-photo"),
    # The open data API: one address for every language (?lang= or Accept-Language picks it).
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("accounts/", include("allauth.urls")),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("manage/home/", views.StaffHomeView.as_view(), name="staff-home"),
    path("stakeholders/", include("stakeholders.urls")),
    path("", include("consultations.urls")),
    path("", include("registrations.urls")),
    path("", include("activity.urls")),
    path("", include("indicators.urls")),
    path("admin/", admin.site.urls),
)

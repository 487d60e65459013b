from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("accounts/", include("allauth.urls")),
    path("stakeholders/", include("stakeholders.urls")),
    path("", include("consultations.urls")),
    path("admin/", admin.site.urls),
)

from django.urls import path

from consultations import views
from consultations.feeds import OpenCallsFeed

app_name = "consultations"
urlpatterns = [
    path("calls/", views.CallListView.as_view(), name="calls"),
    path("calls/feed/", OpenCallsFeed(), name="calls-feed"),
    path("consultations/<slug:slug>/", views.ConsultationDetailView.as_view(), name="consultation-detail"),
]

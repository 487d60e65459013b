from django.urls import path

from consultations.feeds import OpenCallsFeed
from consultations.views import public

app_name = "consultations"
urlpatterns = [
    path("calls/", public.CallListView.as_view(), name="calls"),
    path("calls/feed/", OpenCallsFeed(), name="calls-feed"),
    path("consultations/<slug:slug>/", public.ConsultationDetailView.as_view(), name="consultation-detail"),
]

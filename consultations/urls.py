from django.urls import path

from consultations import views

app_name = "consultations"
urlpatterns = [
    path("calls/", views.CallListView.as_view(), name="calls"),
    path("consultations/<slug:slug>/", views.ConsultationDetailView.as_view(), name="consultation-detail"),
]

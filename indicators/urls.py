from django.urls import path

from indicators import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.IndicatorsView.as_view(), name="overview"),
    path("indicators/<slug:slug>/", views.ConsultationIndicatorsView.as_view(), name="consultation"),
]

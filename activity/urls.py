from django.urls import path

from activity import views

app_name = "activity"
urlpatterns = [
    path("manage/activity/", views.ActivityLogView.as_view(), name="log"),
]

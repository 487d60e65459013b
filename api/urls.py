"""The open data API at /api/v1/, its OpenAPI document at /api/schema/, its documentation at /api/docs/.

Each kind of object is one router entry. Other apps' endpoints (participation indicators) are
registered here too, one line each: the API imports the other apps, never the reverse."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False  # JSON only: no .json/.api variants of each address


router = Router()
router.register("calls", views.CallViewSet, basename="call")
router.register("consultations", views.ConsultationViewSet, basename="consultation")
router.register("side-events", views.SideEventViewSet, basename="side-event")
router.register("summaries", views.SummaryViewSet, basename="summary")
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("regions", views.RegionViewSet, basename="region")
router.register("sub-regions", views.SubRegionViewSet, basename="sub-region")
router.register("categories", views.CategoryViewSet, basename="category")
# Participation indicators (indicators/) and the records of how calls were run (registrations/).
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("call-records", views.CallRecordViewSet, basename="call-record")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
]

"""The portal's URLs plus a bare Django page, the baseline every figure is compared with."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse("<!DOCTYPE html><title>bare</title><p>bare Django page</p>")


urlpatterns = [path("bench-baseline/", bare), *portal_urlpatterns]

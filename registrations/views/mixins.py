"""Shared by the staff pages of one call."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from consultations.enums import CallKind
from consultations.models import OpenCall


class CallMixin(PermissionRequiredMixin):
    @cached_property
    def call(self):
        return get_object_or_404(
            OpenCall.objects.select_related("consultation"), pk=self.kwargs["pk"], kind=CallKind.SPEAK
        )

    def get_permission_object(self):
        return self.call

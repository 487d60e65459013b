"""Shared by the staff pages of one call."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from consultations.enums import CallKind
from consultations.models import OpenCall


class CallMixin(PermissionRequiredMixin):
    """The call of the URL, of one of the kinds the page is about (404 for any other)."""

    call_kinds = (CallKind.SPEAK,)

    @cached_property
    def call(self):
        calls = OpenCall.objects.select_related("consultation")
        return get_object_or_404(calls, pk=self.kwargs["pk"], kind__in=self.call_kinds)

    def get_permission_object(self):
        return self.call

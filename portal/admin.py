from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal import notices
from portal.models import Notice, NoticeState


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """The secretariat follows the outbox: what is waiting, what failed and why; failed ones can be resent."""

    list_display = ["kind", "email", "state", "reminder", "due_at", "attempts", "sent_at"]
    list_filter = ["state", "kind", "reminder"]
    search_fields = ["email"]
    date_hierarchy = "due_at"
    actions = ["resend"]
    readonly_fields = [field.name for field in Notice._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected failed notices again"))
    def resend(self, request, queryset):
        failed = list(queryset.filter(state=NoticeState.FAILED))
        with transaction.atomic():
            for notice in failed:
                notices.resend(notice)
        messages.success(
            request,
            ngettext("%(count)d notice will be sent again.", "%(count)d notices will be sent again.", len(failed))
            % {"count": len(failed)},
        )

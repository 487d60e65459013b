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


# The Django admin speaks the portal's name, translated, rather than "Django administration".
admin.site.site_header = _("Whole-of-Society Engage administration")
admin.site.site_title = _("Whole-of-Society Engage administration")
admin.site.index_title = _("Records of the portal")


def superusers_only(model_admin_class):
    """The same admin, shown to superusers only: the schedule of periodic tasks is infrastructure,
    and a staff member who changed it could stop every notice."""

    class SuperusersOnly(model_admin_class):
        def has_module_permission(self, request):
            return request.user.is_superuser

        def has_view_permission(self, request, obj=None):
            return request.user.is_superuser

        def has_add_permission(self, request, *args):
            return request.user.is_superuser and super().has_add_permission(request, *args)

        def has_change_permission(self, request, obj=None):
            return request.user.is_superuser

        def has_delete_permission(self, request, obj=None):
            return request.user.is_superuser

    SuperusersOnly.__name__ = SuperusersOnly.__qualname__ = f"SuperusersOnly{model_admin_class.__name__}"
    return SuperusersOnly


# django_celery_beat registers its admins before ours (INSTALLED_APPS order); they are registered
# again, for superusers only.
for model, model_admin in list(admin.site._registry.items()):
    if model._meta.app_label == "django_celery_beat":
        admin.site.unregister(model)
        admin.site.register(model, superusers_only(type(model_admin)))

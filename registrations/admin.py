from django.contrib import admin

from registrations.models import ExpressionOfInterest, FundingApplication, Registration, SideEventProposal


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: seats and waiting lists change only through the services, under their lock."""

    list_display = ["consultation", "person", "attendance", "status", "created_at"]
    list_filter = ["status", "attendance", "consultation"]
    search_fields = ["person__email", "person__display_name"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(admin.ModelAdmin):
    list_display = ["call", "arrival", "person", "organization", "status"]
    list_filter = ["status", "call"]
    readonly_fields = ["arrival", "person", "call"]


@admin.register(SideEventProposal)
class SideEventProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "organization", "status"]
    list_filter = ["status"]


@admin.register(FundingApplication)
class FundingApplicationAdmin(admin.ModelAdmin):
    list_display = ["call", "person", "organization", "travel_cost", "status"]
    list_filter = ["status"]

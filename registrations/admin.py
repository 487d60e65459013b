from django.contrib import admin

from registrations.models import (
    DiversityRule,
    ExpressionOfInterest,
    FundingApplication,
    Registration,
    ReviewCriterion,
    ReviewerAssignment,
    SelectionSettings,
    SideEventProposal,
)


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


class ReviewCriterionInline(admin.TabularInline):
    model = ReviewCriterion
    extra = 1


class DiversityRuleInline(admin.TabularInline):
    model = DiversityRule
    extra = 1


@admin.register(SelectionSettings)
class SelectionSettingsAdmin(admin.ModelAdmin):
    """The secretariat sets, per call to speak, how many speakers, the weighted rubric and the rules."""

    list_display = ["call", "speakers", "reserves", "one_per_organization", "blind_review"]
    inlines = [ReviewCriterionInline, DiversityRuleInline]
    raw_id_fields = ["call"]


@admin.register(ReviewerAssignment)
class ReviewerAssignmentAdmin(admin.ModelAdmin):
    list_display = ["consultation", "reviewer"]
    list_filter = ["consultation"]
    raw_id_fields = ["reviewer"]

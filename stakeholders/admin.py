from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TabbedTranslationAdmin

from stakeholders.models import GcmObjective, GuidingPrinciple, Membership, Organization, RoleGrant, User
from stakeholders.resources import OrganizationResource


@admin.register(User)
class PersonAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["display_name"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Organization)
class OrganizationAdmin(ImportExportModelAdmin, TabbedTranslationAdmin):
    resource_classes = [OrganizationResource]
    list_display = ["name", "acronym", "category", "country", "verification", "is_listed_publicly"]
    list_filter = ["verification", "category", "is_listed_publicly"]
    search_fields = ["name", "acronym", "slug"]
    filter_horizontal = ["objectives", "languages"]
    # Verification is decided on the portal's page, the one writer that keeps it on record.
    readonly_fields = ["verification", "verification_reason", "verified_at", "verified_by", "created_at"]
    inlines = [MembershipInline]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "country", "commission", "granted_by", "granted_at", "revoked_at"]
    list_filter = ["role", "commission"]
    readonly_fields = ["granted_by", "granted_at", "revoked_by", "revoked_at"]
    autocomplete_fields = ["person"]


@admin.register(GcmObjective, GuidingPrinciple)
class ReferenceItemAdmin(TabbedTranslationAdmin):
    list_display = ["number", "title"]

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from consultations.models import (
    CallEligibility,
    Consultation,
    OpenCall,
    ReviewCycle,
    Session,
    SpeakerSlot,
    Summary,
    WrittenSubmission,
)


@admin.register(ReviewCycle)
class ReviewCycleAdmin(TabbedTranslationAdmin):
    list_display = ["name", "starts_on", "ends_on"]


class SessionInline(TranslationTabularInline):
    model = Session
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "commission", "country", "starts_at", "status"]
    list_filter = ["status", "kind", "commission", "modality"]
    search_fields = ["title", "slug"]
    filter_horizontal = ["co_organizers", "languages", "interpretation"]
    readonly_fields = ["created_by", "created_at", "submitted_at", "published_at"]
    inlines = [SessionInline]


class SpeakerSlotInline(TranslationTabularInline):
    model = SpeakerSlot
    extra = 0


@admin.register(Session)
class SessionAdmin(TabbedTranslationAdmin):
    list_display = ["title", "consultation", "format", "starts_at"]
    inlines = [SpeakerSlotInline]


class EligibilityInline(admin.TabularInline):
    model = CallEligibility
    extra = 0


@admin.register(OpenCall)
class OpenCallAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "consultation", "opens_at", "closes_at", "status"]
    list_filter = ["status", "kind"]
    readonly_fields = ["created_by", "created_at", "submitted_at", "published_at"]
    inlines = [EligibilityInline]


@admin.register(Summary)
class SummaryAdmin(TabbedTranslationAdmin):
    list_display = ["consultation", "published_at"]


@admin.register(WrittenSubmission)
class WrittenSubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "status", "may_publish", "submitted_at"]
    list_filter = ["status", "may_publish"]
    readonly_fields = ["author", "submitted_at", "moderated_by", "moderated_at"]

"""The admin shows states (publication, moderation) but never changes them: consultations.states is
their one writer, which keeps each change on record."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
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
    readonly_fields = ["status", "created_by", "created_at", "submitted_at", "published_at"]
    inlines = [SessionInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The rapporteur is chosen by name, with the address beside it to tell two namesakes apart."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "rapporteur":
            field.label_from_instance = lambda person: f"{person.name} <{person.email}>"
        return field


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
    readonly_fields = ["status", "created_by", "created_at", "submitted_at", "published_at"]
    inlines = [EligibilityInline]


@admin.register(Summary)
class SummaryAdmin(TabbedTranslationAdmin):
    list_display = ["consultation", "published_at"]
    readonly_fields = ["published_at"]


@admin.register(WrittenSubmission)
class WrittenSubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "status", "may_publish", "submitted_at"]
    list_filter = ["status", "may_publish"]
    # Documents are private until published: link the permission-checked view, never the media path.
    exclude = ["document"]
    readonly_fields = ["status", "author", "document_link", "submitted_at", "moderated_by", "moderated_at"]

    @admin.display(description=_("document (PDF)"))
    def document_link(self, submission):
        if not submission.document:
            return "—"
        url = reverse("consultations:submission-document", kwargs={"pk": submission.pk})
        return format_html('<a href="{}">{}</a>', url, _("Open the PDF"))

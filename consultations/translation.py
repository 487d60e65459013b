from modeltranslation.translator import TranslationOptions, register

from consultations.models import Consultation, OpenCall, ReviewCycle, Session, SpeakerSlot, Summary


@register(ReviewCycle)
class ReviewCycleTranslation(TranslationOptions):
    fields = ("name",)


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = ("title", "description", "venue", "accessibility")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description", "criteria")


@register(SpeakerSlot)
class SpeakerSlotTranslation(TranslationOptions):
    fields = ("role",)


@register(OpenCall)
class OpenCallTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Summary)
class SummaryTranslation(TranslationOptions):
    fields = ("body",)

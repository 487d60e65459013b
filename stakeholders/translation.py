from modeltranslation.translator import TranslationOptions, register

from stakeholders.models import GcmObjective, GuidingPrinciple, Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "acronym", "description")


@register(GcmObjective)
class GcmObjectiveTranslation(TranslationOptions):
    fields = ("title",)


@register(GuidingPrinciple)
class GuidingPrincipleTranslation(TranslationOptions):
    fields = ("title",)

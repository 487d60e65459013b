from modeltranslation.translator import TranslationOptions, register

from registrations.models import ReviewCriterion


@register(ReviewCriterion)
class ReviewCriterionTranslation(TranslationOptions):
    """Reviewers read the rubric in their language. Rules of balance need no translation: they are
    picked from lists (genders, regions, countries...) that each reader sees in their own language."""

    fields = ("name",)

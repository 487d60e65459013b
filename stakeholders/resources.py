"""CSV/XLSX import and export of organizations (django-import-export), for the secretariat's admin."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from stakeholders.enums import StakeholderCategory
from stakeholders.models import GcmObjective, Language, Organization
from stakeholders.services import unique_slug


class ChoiceWidget(widgets.Widget):
    """Accepts a choice by its code; a wrong one is an error on that row, not a silent blank."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = dict(choices)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if value not in self.choices:
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s") % {"value": value, "choices": ", ".join(self.choices)}
            )
        return value


class CountryWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        from django_countries import countries

        code = (value or "").strip().upper()
        if code not in dict(countries):
            raise ValueError(_("“%(value)s” is not an ISO 3166 country code.") % {"value": value})
        return code

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "code", value) or ""


class OrganizationResource(resources.ModelResource):
    category = fields.Field(
        attribute="category", column_name="category", widget=ChoiceWidget(StakeholderCategory.choices)
    )
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    objectives = fields.Field(
        attribute="objectives",
        column_name="objectives",
        widget=widgets.ManyToManyWidget(GcmObjective, field="number", separator=","),
    )
    languages = fields.Field(
        attribute="languages", column_name="languages", widget=widgets.ManyToManyWidget(Language, field="code")
    )

    class Meta:
        model = Organization
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name_en",
            "name_fr",
            "name_es",
            "name_ar",
            "name_ru",
            "name_zh_hans",
            "acronym_en",
            "category",
            "country",
            "countries_of_work",
            "objectives",
            "languages",
            "is_migrant_led",
            "is_diaspora_led",
            "is_women_led",
            "is_youth_led",
            "is_disability_led",
            "website",
            "description_en",
            "verification",
            "is_listed_publicly",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def before_save_instance(self, instance, row, **kwargs):
        if not instance.slug:
            instance.slug = unique_slug(instance)

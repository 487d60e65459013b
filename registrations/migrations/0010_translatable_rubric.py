"""The rubric's criteria become translatable content: one name column per language, and the
provenance of each language version, as for calls. Existing names move to their original language:
the call's original language when its provenance says which, else the default language."""

from django.conf import settings
from django.db import migrations, models

ORIGINAL = "original"  # consultations.enums.Provenance.ORIGINAL, as it was when this was written


def column(code: str) -> str:
    return f"name_{code.replace('-', '_')}"


def original_language(call_provenance) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    for code, mark in (call_provenance or {}).items():
        if mark == ORIGINAL and code in codes:
            return code
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def copy_names_into_original_language(apps, schema_editor):
    """Each existing name is kept, in the column of its original language, marked as the original."""
    criterion_model = apps.get_model("registrations", "ReviewCriterion")
    rows = criterion_model.objects.values_list("pk", "name", "selection_settings__call__provenance")
    for pk, name, call_provenance in rows.iterator():
        code = original_language(call_provenance)
        criterion_model.objects.filter(pk=pk).update(**{column(code): name, "provenance": {code: ORIGINAL}})


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0009_registration_switch_request"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewcriterion",
            name="name_ar",
            field=models.CharField(max_length=120, null=True, verbose_name="criterion"),
        ),
        migrations.AddField(
            model_name="reviewcriterion",
            name="name_en",
            field=models.CharField(max_length=120, null=True, verbose_name="criterion"),
        ),
        migrations.AddField(
            model_name="reviewcriterion",
            name="name_es",
            field=models.CharField(max_length=120, null=True, verbose_name="criterion"),
        ),
        migrations.AddField(
            model_name="reviewcriterion",
            name="name_fr",
            field=models.CharField(max_length=120, null=True, verbose_name="criterion"),
        ),
        migrations.AddField(
            model_name="reviewcriterion",
            name="name_ru",
            field=models.CharField(max_length=120, null=True, verbose_name="criterion"),
        ),
        migrations.AddField(
            model_name="reviewcriterion",
            name="name_zh_hans",
            field=models.CharField(max_length=120, null=True, verbose_name="criterion"),
        ),
        migrations.AddField(
            model_name="reviewcriterion",
            name="provenance",
            field=models.JSONField(blank=True, default=dict, verbose_name="provenance of each language version"),
        ),
        migrations.RunPython(copy_names_into_original_language, migrations.RunPython.noop, elidable=True),
    ]

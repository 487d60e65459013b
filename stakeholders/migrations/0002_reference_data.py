"""Load the GCM objectives and guiding principles (stakeholders/data/gcm.json, source named there)
and the languages people can say they work in (Django's own list of language names)."""

import json
from pathlib import Path

from django.conf.locale import LANG_INFO
from django.db import migrations

GCM = Path(__file__).resolve().parent.parent / "data" / "gcm.json"
LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh-hans"]


def spoken_language_codes():
    """Each language Django can name in every interface language, without regional variants."""
    return sorted(code for code, info in LANG_INFO.items() if "name" in info and "-" not in code) + ["zh-hans"]


def load(apps, schema_editor):
    data = json.loads(GCM.read_text(encoding="utf-8"))
    for model_name, key in (("GcmObjective", "objectives"), ("GuidingPrinciple", "guiding_principles")):
        model = apps.get_model("stakeholders", model_name)
        for item in data[key]:
            titles = {f"title_{language.replace('-', '_')}": item["title"][language.replace("-", "_")] for language in LANGUAGES}
            model.objects.update_or_create(number=item["number"], defaults={"title": titles["title_en"], **titles})
    language = apps.get_model("stakeholders", "Language")
    for code in spoken_language_codes():
        language.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

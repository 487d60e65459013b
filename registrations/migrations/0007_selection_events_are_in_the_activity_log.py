from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0006_proposals_computed_by_a_worker"),
    ]

    operations = [
        migrations.DeleteModel(name="SelectionEvent"),
    ]

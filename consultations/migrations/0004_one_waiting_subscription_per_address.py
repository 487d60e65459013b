import django.db.models.functions.text
from django.db import migrations, models
from django.utils import timezone


def end_all_but_the_latest_waiting(apps, schema_editor):
    """Before the constraint: of several requests of one address still waiting for confirmation, the
    latest stays; the earlier ones end, and their links stop working."""
    CallSubscription = apps.get_model("consultations", "CallSubscription")
    waiting = CallSubscription.objects.filter(confirmed_at__isnull=True, ended_at__isnull=True)
    seen, now = set(), timezone.now()
    for subscription in waiting.order_by("-created_at", "-pk").only("pk", "email", "created_at"):
        address = subscription.email.lower()
        if address in seen:
            CallSubscription.objects.filter(pk=subscription.pk).update(ended_at=now)
        seen.add(address)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0003_online_joining_and_session_materials"),
    ]

    operations = [
        migrations.RunPython(end_all_but_the_latest_waiting, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="callsubscription",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(("confirmed_at__isnull", True), ("ended_at__isnull", True)),
                name="subscription_one_waiting_per_address",
            ),
        ),
    ]

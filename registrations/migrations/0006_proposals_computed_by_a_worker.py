"""Proposals are computed by a worker (ProposalRequest) within a time limit (Selection.is_proven_best),
and the selection's own audit trail moves into the activity log: one row of the log per event, with
the reason and the details in the note. SelectionEvent itself goes in the next migration."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BRIEF = 40  # Activity.before and Activity.after
NOTES = {
    "proposed": "Proposed by the engine.",
    "override": "Changed by hand.",
    "published": "Published.",
    "slot-offered": "Slot offered to a reserve.",
    "recommended": "Recommended by the Executive Committee.",
    "decided": "Decided by the chair.",
}


def brief(text):
    return text if len(text) <= BRIEF else text[: BRIEF - 1] + "…"


def numbered(apps, call, ids):
    """As the services name them now: expressions of interest by arrival, applications by number."""
    ids = [pk for pk in ids or [] if pk is not None]
    if call.kind == "speak":
        interest = apps.get_model("registrations", "ExpressionOfInterest")
        arrivals = dict(interest.objects.filter(call=call, pk__in=ids).values_list("pk", "arrival"))
        return ", ".join(f"#{arrivals.get(pk, pk)}" for pk in ids)
    return ", ".join(f"#{pk}" for pk in ids)


def as_activity(apps, event):
    """(field, before, after, note) of one audit-trail event."""
    call, details = event.selection.call, event.details or {}
    note = NOTES.get(event.action, event.action)
    field, before, after = "selected", "", ""
    if event.action == "proposed":
        after = numbered(apps, call, details.get("selected"))
        note += f" Selected: {after or '—'}. Reserve: {numbered(apps, call, details.get('reserve')) or '—'}."
    elif event.action == "override":
        before = numbered(apps, call, [details.get("removed")])
        after = numbered(apps, call, [details.get("added")])
        if details.get("breaks"):
            note += f"\nBreaks: {'; '.join(str(rule) for rule in details['breaks'])}."
    elif event.action == "slot-offered":
        before = numbered(apps, call, [details.get("gone")])
        after = numbered(apps, call, [details.get("offered")])
    elif event.action == "recommended":
        after = numbered(apps, call, details.get("recommended"))
        note += f" {after}."
    elif event.action in ("published", "decided"):
        field, before, after = "status", "proposed", "published"
        if event.action == "decided":
            note += f" Granted: {numbered(apps, call, details.get('granted')) or '—'}."
    if event.reason:
        note = f"{event.reason}\n{note}"
    return field, brief(before), brief(after), note


def to_activity_log(apps, schema_editor):
    event_model = apps.get_model("registrations", "SelectionEvent")
    activity = apps.get_model("activity", "Activity")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    events = event_model.objects.select_related("selection__call").order_by("at", "pk")
    if not events.exists():
        return
    content_type, _created = content_type_model.objects.get_or_create(app_label="registrations", model="selection")
    rows = []
    for event in events:
        field, before, after, note = as_activity(apps, event)
        call = event.selection.call
        rows.append(
            activity(
                at=event.at,
                actor_id=event.actor_id,
                content_type=content_type,
                object_id=event.selection_id,
                subject_label=(call.title or call.title_en or f"#{call.pk}")[:300],
                field=field,
                before=before,
                after=after,
                note=note,
            )
        )
    activity.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0001_activity_log"),
        ("consultations", "0002_call_objectives_and_subscriptions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("registrations", "0005_selection_report_is_recomputed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="selection",
            name="is_proven_best",
            field=models.BooleanField(
                default=True,
                help_text="False when the time limit stopped the engine before it proved this the best selection.",
                verbose_name="proven the best",
            ),
        ),
        migrations.CreateModel(
            name="ProposalRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("requested_at", models.DateTimeField(verbose_name="asked at")),
                (
                    "problem",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("published", "The selection of this call is already published."),
                            ("nobody-reviewed", "No reviewed expression of interest yet: there is nobody to select."),
                            (
                                "time-limit",
                                "The engine found no selection within its time limit. Try again, or loosen a rule.",
                            ),
                            (
                                "failed",
                                "The proposal could not be computed. "
                                "Try again; if it fails again, tell the maintainers.",
                            ),
                        ],
                        max_length=20,
                        verbose_name="problem",
                    ),
                ),
                (
                    "call",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposal_request",
                        to="consultations.opencall",
                        verbose_name="open call",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="asked by",
                    ),
                ),
            ],
            options={
                "verbose_name": "proposal being computed",
                "verbose_name_plural": "proposals being computed",
            },
        ),
        migrations.RunPython(to_activity_log, migrations.RunPython.noop),
    ]

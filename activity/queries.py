"""Reads of the activity log, for the secretariat's log page and each object's history."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q

from activity.models import Activity, kind_label


def log_entries():
    """The whole log, newest first, with what each row shows fetched in the same query."""
    return Activity.objects.select_related("actor", "content_type").order_by("-at", "-pk")


def history_of(*subjects):
    """The rows of one object (or of a few, merged), newest first. Objects that are None or not
    saved yet are left out, so a page can ask for the history of what it may not have."""
    condition = Q()
    for subject in subjects:
        if subject is not None and subject.pk is not None:
            content_type = ContentType.objects.get_for_model(subject)
            condition |= Q(content_type=content_type, object_id=subject.pk)
    if not condition:
        return Activity.objects.none()
    return log_entries().filter(condition)


def kinds_in_log() -> list[tuple[int, str]]:
    """(content type, label) of the kinds of object the log holds, by label: the filter offers no
    kind that would find nothing. One probe of the log's object index per kind the portal has, not a
    scan of the whole log."""
    present = ContentType.objects.filter(Exists(Activity.objects.filter(content_type=OuterRef("pk"))))
    return sorted(((content_type.pk, kind_label(content_type)) for content_type in present), key=lambda kind: kind[1])


def with_links(entries):
    """Give each row the address of its object's page (`url`), when the kind of object has one and the
    object still exists: one query per kind that has pages, whatever the number of rows."""
    entries = list(entries)
    wanted = defaultdict(set)
    for entry in entries:
        entry.url = ""
        model = entry.content_type.model_class()
        if model is not None and hasattr(model, "get_absolute_url"):
            wanted[model].add(entry.object_id)
    found = {model: model._default_manager.in_bulk(ids) for model, ids in wanted.items()}
    for entry in entries:
        subject = found.get(entry.content_type.model_class(), {}).get(entry.object_id)
        if subject is not None:
            entry.url = subject.get_absolute_url()
    return entries

"""The only writer of the activity log."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from activity.models import Activity
from portal.personal_data import redact_rows

# The from and to of a row hold a state or a short description; the note holds anything longer.
BRIEF = Activity._meta.get_field("after").max_length


def brief(value) -> str:
    """A value as it fits the log's from and to: cut, with an ellipsis, when it is too long."""
    text = str(value or "")
    return text if len(text) <= BRIEF else text[: BRIEF - 1] + "…"


def label_of(subject) -> str:
    """What the object was called when it changed. Objects about a person say so through
    `activity_label` (never their e-mail address); the others are named by their own `str`."""
    label = getattr(subject, "activity_label", None)
    return str(label() if callable(label) else label or subject)[:300]


def record(subject, *, by, field: str, before="", after="", note: str = "", concerns=None) -> Activity:
    """Record one change of `subject`'s `field`, by `by` (None: the portal itself). Must run inside the
    transaction of the change, so that both are kept or neither."""
    if not connection.in_atomic_block:
        raise RuntimeError("record() runs inside the transaction of the change it records")
    return Activity.objects.create(
        actor=by if getattr(by, "pk", None) else None,
        subject=subject,
        subject_label=label_of(subject),
        field=field,
        before=brief(before),
        after=brief(after),
        note=note or "",
        concerns=concerns,
    )


def set_state(subject, field: str, value, *, by, note: str = "", also=(), concerns=None) -> Activity | None:
    """Assign a state field, save it (with the `also` fields changed beside it) and record the change.
    Setting the state it already has records nothing."""
    before = getattr(subject, field)
    setattr(subject, field, value)
    subject.save(update_fields=[field, *also])
    if before == value:
        return None
    return record(subject, by=by, field=field, before=before, after=value, note=note, concerns=concerns)


def forget(person, *, terms) -> None:
    """The person deleted their account: the log keeps every change, naming nobody. Rows that
    concern the person lose their note (the person's own words, or staff's about them) and a label
    that was the object's own text (a written submission's title) for its number; any row loses the
    terms that name the person (their name, their addresses). The only edit the log ever takes; run
    it before the deletion records its own changes, whose notes name nobody."""
    concerning = Activity.objects.filter(concerns=person)
    concerning.exclude(note="").update(note="")
    for content_type in ContentType.objects.filter(pk__in=concerning.values("content_type")):
        if not hasattr(content_type.model_class(), "activity_label"):
            concerning.filter(content_type=content_type).update(
                subject_label=Concat(Value("#"), Cast("object_id", CharField()))
            )
    redact_rows(Activity.objects.all(), ("subject_label", "before", "after", "note"), terms)

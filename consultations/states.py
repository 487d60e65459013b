"""The one writer of each state of consultations/: every change is saved and recorded in the
activity log (who, from → to, why) in the caller's transaction. Services decide *whether* a state
may change; these functions are *how* it changes."""

from activity.services import record, set_state
from consultations.models import Consultation, OpenCall, Summary, WrittenSubmission


def set_publication_status(item: Consultation | OpenCall, status, *, by, note: str = "", also=()):
    """Draft, submitted, returned, published, withdrawn: a consultation's or a call's way to the public."""
    return set_state(item, "status", status, by=by, note=note, also=also)


def set_submission_status(submission: WrittenSubmission, status, *, by, note: str = "", also=()):
    """Moderation of a written submission; its author sees what the secretariat decided."""
    return set_state(submission, "status", status, by=by, note=note, also=also, concerns=submission.author)


def set_summary_published_at(summary: Summary, published_at, *, by, note: str = "", also=()):
    """A summary has no status: it is public from `published_at`. Recorded as the day and minute it
    went public (empty: taken down), which is what a reader of the log wants to know."""
    before = summary.published_at
    summary.published_at = published_at
    summary.save(update_fields=["published_at", *also])
    if before == published_at:
        return None
    return record(summary, by=by, field="published_at", before=_moment(before), after=_moment(published_at), note=note)


def _moment(value) -> str:
    return value.isoformat(timespec="minutes") if value else ""

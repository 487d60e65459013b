"""Files that people uploaded, as the portal hands them out.

An upload is checked when it arrives (portal.validators, stakeholders.photos), but a check can miss
something: what people download is therefore saved, never opened inside the portal's pages. The
browser is told not to guess another type than the one given (nosniff), and the file is sandboxed
(no script, no form, no access to the portal's cookies) should it be opened in a tab anyway."""

from django.http import FileResponse
from django.utils.cache import add_never_cache_headers

# A policy of its own, not the site's: an uploaded file loads nothing and runs in a sandbox.
UPLOAD_POLICY = "sandbox; default-src 'none'"


def guarded(response):
    """The headers every response carrying an uploaded file has, a photo shown in a page too."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = UPLOAD_POLICY  # the CSP middleware leaves a policy already set
    return response


def uploaded_document(file, *, filename: str, content_type: str) -> FileResponse:
    """An uploaded document as an attachment under a name the portal made (never the name it came
    with; FileResponse quotes it, with an RFC 5987 form for non-ASCII letters). Who may read it can
    change (moderation, a cancelled registration, a deleted account): no cache keeps a copy, not even
    the browser of a shared computer."""
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    add_never_cache_headers(response)
    return guarded(response)

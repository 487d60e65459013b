"""Lighter pages: the indentation of our templates is left out of every HTML response.

djLint indents templates for people who read them; a browser does not need it, and on a phone with
little bandwidth it is a tenth of a page before compression. Each line of an HTML page loses its
leading spaces and tabs and blank lines are dropped; a line break stays where one was, so words
never run together. The content of <pre>, <textarea> (what a person typed) and <script> is left
exactly as it was.
"""

import re

KEPT_AS_IS = re.compile(rb"(<(pre|textarea|script)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
INDENTATION = re.compile(rb"\n[ \t\r\n]+")


def strip_indentation(html: bytes) -> bytes:
    parts = KEPT_AS_IS.split(html)
    # split() returns text, kept block, the tag name of the group, text, kept block, tag name...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(INDENTATION.sub(b"\n", part))
        elif kind == 1:
            out.append(part)
    return b"".join(out)


class StripIndentationMiddleware:
    """Placed after GZipMiddleware in MIDDLEWARE, so the trimmed page is what gets compressed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        response.content = strip_indentation(response.content)
        if response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response

"""Checks on what people type or upload, shared by several forms.

An uploaded PDF is parsed, never sniffed: pypdf opens it, within limits, and it is refused unless it
is a readable document of a reasonable size with nothing in it that runs or hides another file."""

import logging
import zlib
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from pypdf import PasswordType, PdfReader, apply_configuration
from pypdf.filters import ASCII85Decode, ASCIIHexDecode, decode_stream_data
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

logger = logging.getLogger(__name__)

PDF_SIGNATURE = b"%PDF-"

# While a PDF is checked, pypdf decodes only its own structure (cross-reference and object streams),
# never page content; these caps keep even that small, whatever the file claims.
PARSING_LIMITS = {
    "zlib_maximum_output_length": 16 * 1024 * 1024,
    "lzw_maximum_output_length": 16 * 1024 * 1024,
    "run_length_maximum_output_length": 16 * 1024 * 1024,
    "brotli_maximum_output_length": 16 * 1024 * 1024,
    "maximum_declared_stream_length": 64 * 1024 * 1024,
    "stream_decoding_work_maximum_length": 64 * 1024 * 1024,
}
XREF_MAX_ENTRIES = 500_000
# Content is unpacked only to be counted, a slice at a time, and thrown away.
INFLATE_INPUT, INFLATE_OUTPUT = 64 * 1024, 1024 * 1024

# Actions that run something or reach outside the document; a link (/URI) or a jump inside it
# (/GoTo) stays, so that tables of contents and references keep working.
RUNNING_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE", "/RichMediaExecute", "/Rendition"}
)
# Keys that only ever carry scripts, triggers, attached files, Flash-like media or XML forms.
ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EF", "/RichMediaContent", "/XFA"})
ACTIVE_TYPES = frozenset({"/EmbeddedFile", "/RichMedia"})
ACTIVE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"})


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a time zone name such as Africa/Nairobi."), params={"value": value})


def validate_pdf(document) -> None:
    """A real PDF within the limits, whatever its name says, with no scripts nor attached files:
    written submissions and session materials alike. The limits (settings.SUBMISSION_MAX_BYTES,
    UPLOAD_MAX_PAGES, UPLOAD_MAX_UNPACKED_BYTES) are read at each call. The cheap checks (size,
    first bytes) come first: a file that fails them is never parsed."""
    errors = []
    limit = settings.SUBMISSION_MAX_BYTES
    if document.size > limit:
        errors.append(
            ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(document.size), "limit": filesizeformat(limit)},
            )
        )
    document.seek(0)
    is_pdf = document.read(len(PDF_SIGNATURE)) == PDF_SIGNATURE
    document.seek(0)
    if not is_pdf:
        errors.append(ValidationError(_("This file is not a PDF document, whatever its name says."), code="not_pdf"))
    if errors:
        raise ValidationError(errors)
    problem = pdf_problem(document)
    if problem is not None:
        raise problem


def pdf_problem(document) -> ValidationError | None:
    """Why this PDF is refused, or None. Whatever pypdf cannot parse is unreadable: a hostile file
    raises errors of many kinds, and a server error would be a bug."""
    document.seek(0)
    try:
        with apply_configuration(**PARSING_LIMITS):
            reader = PdfReader(document, strict=False, xref_stream_maximum_entries=XREF_MAX_ENTRIES)
            return locked(reader) or too_many_pages(reader) or inside_problem(reader)
    except Exception as error:  # any failure to parse is the file's, and said as such
        logger.info("An uploaded PDF could not be parsed (%s)", type(error).__name__)
        return unreadable()
    finally:
        document.seek(0)


def unreadable() -> ValidationError:
    return ValidationError(_("This file could not be read as a PDF document."), code="unreadable")


def locked(reader: PdfReader) -> ValidationError | None:
    """A PDF that needs a password to open: nobody at the secretariat could read it, and it cannot
    be checked. One that opens without a password (only printing or copying restricted) is fine."""
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        return ValidationError(
            _("This PDF is protected by a password. Upload a copy that opens without one."), code="encrypted"
        )
    return None


def too_many_pages(reader: PdfReader) -> ValidationError | None:
    """The count the document declares first (no page is read), then the pages themselves."""
    limit = settings.UPLOAD_MAX_PAGES
    declared = reader.root_object["/Pages"]["/Count"]
    if not isinstance(declared, int):
        return unreadable()
    count = declared if declared > limit else len(reader.pages)
    if count > limit:
        return ValidationError(
            ngettext_lazy(
                "This PDF has %(count)s page; the limit is %(limit)s.",
                "This PDF has %(count)s pages; the limit is %(limit)s.",
                "count",
            ),
            code="too_many_pages",
            params={"count": count, "limit": limit},
        )
    if count == 0:
        return unreadable()
    return None


def inside_problem(reader: PdfReader) -> ValidationError | None:
    """Every object a PDF viewer could reach, each once: refused at the first thing that runs or
    carries another file, or once its content unpacks to more than the limit (a "zip bomb")."""
    allowance = settings.UPLOAD_MAX_UNPACKED_BYTES
    for dictionary in reachable_dictionaries(reader):
        if is_active(dictionary):
            return ValidationError(
                _(
                    "This PDF contains scripts, attached files or other active content, which we do not accept. "
                    "Print it to a new PDF (“Save as PDF”) and upload that copy."
                ),
                code="active_content",
            )
        if isinstance(dictionary, StreamObject):
            allowance -= unpacked_size(dictionary, allowance)
            if allowance < 0:
                return ValidationError(
                    _(
                        "This PDF unpacks to more than %(limit)s when it is opened. "
                        "Save it again as a smaller PDF and upload that copy."
                    ),
                    code="too_much_inside",
                    params={"limit": filesizeformat(settings.UPLOAD_MAX_UNPACKED_BYTES)},
                )
    return None


def reachable_dictionaries(reader: PdfReader):
    """Depth first from the trailer, without recursion (nesting cannot exhaust the stack), each
    indirect object once (cycles are common: a page points to its parent)."""
    seen = set()
    pending = [reader.trailer]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield item
            pending.extend(dict.values(item))  # unresolved: references are followed above, once
        elif isinstance(item, ArrayObject):
            pending.extend(list.__iter__(item))


def direct(dictionary: DictionaryObject, key: str):
    """The value under `key`, followed if it is a reference (a viewer follows it too)."""
    value = dictionary.get(key)
    return value.get_object() if isinstance(value, IndirectObject) else value


def name(dictionary: DictionaryObject, key: str) -> str | None:
    value = direct(dictionary, key)
    return value if isinstance(value, NameObject) else None


def is_active(dictionary: DictionaryObject) -> bool:
    return (
        not ACTIVE_KEYS.isdisjoint(dictionary.keys())
        or name(dictionary, "/S") in RUNNING_ACTIONS
        or name(dictionary, "/Type") in ACTIVE_TYPES
        or name(dictionary, "/Subtype") in ACTIVE_ANNOTATIONS
        or is_open_action_active(direct(dictionary, "/OpenAction"))
    )


def is_open_action_active(action) -> bool:
    """What a viewer does on opening: showing a page (a destination, as LaTeX writes) or going to one
    is fine; anything else (a script, a web address, a form sent) is not."""
    return isinstance(action, DictionaryObject) and name(action, "/S") != "/GoTo"


def unpacked_size(stream: StreamObject, allowance: int) -> int:
    """How many bytes the stream's content unpacks to, counted up to just past the allowance
    without holding more than a slice of it. Image codecs (JPEG, JPEG 2000, fax, JBIG2) are counted
    as stored: they are pictures for the viewer to draw, not archives."""
    filters = direct(stream, "/Filter") or ()
    if not isinstance(filters, ArrayObject):
        filters = [filters]
    # The raw bytes as stored: get_data() would decode them all at once, which is what is guarded against.
    data = stream._data
    for item in filters:
        method = item.get_object() if isinstance(item, IndirectObject) else item
        if method in ("/ASCIIHexDecode", "/AHx"):
            data = ASCIIHexDecode.decode(data)  # text to bytes: half as long
        elif method in ("/ASCII85Decode", "/A85"):
            data = ASCII85Decode.decode(data)  # text to bytes: shorter
        elif method in ("/FlateDecode", "/Fl"):
            return inflated_size(data, allowance)
        elif method in ("/LZWDecode", "/LZW", "/RunLengthDecode", "/RL"):
            # Old compressions, rare in new files: pypdf decodes them within PARSING_LIMITS, and
            # nothing keeps the result.
            return len(decode_stream_data(stream))
        else:
            break
    return len(data)


def inflated_size(data: bytes, allowance: int) -> int:
    inflater = zlib.decompressobj()
    size = 0
    view = memoryview(data)
    try:
        for start in range(0, len(view), INFLATE_INPUT):
            piece = view[start : start + INFLATE_INPUT]
            while piece:
                size += len(inflater.decompress(piece, INFLATE_OUTPUT))
                if size > allowance:
                    return size
                piece = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        return size  # a damaged stream counts up to the damage; viewers show what they can of it
    return size

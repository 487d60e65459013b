"""What CLDR (through Babel) says of a language that pages need: its direction of writing."""

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language_info, to_locale

from portal.l10n import current_locale


def is_rtl(language: str) -> bool:
    """Written right to left, as CLDR says (Arabic, Pashto, Dari, Urdu...); unknown: left to right."""
    try:
        return Locale.parse(to_locale(language)).character_order == "right-to-left"
    except (ValueError, UnknownLocaleError):
        return False


def direction(language: str) -> str:
    """The value of an element's dir attribute for text in this language: "rtl" or "ltr"."""
    return "rtl" if is_rtl(language) else "ltr"


def language_name(code: str) -> str:
    """A language's name in the active language: Django's own translated name when Django knows the
    language, else CLDR's (Tigrinya, Wolof, Dari...), else the code itself."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        pass
    page = current_locale()
    identifier = to_locale(code)
    return page.languages.get(identifier) or page.languages.get(identifier.split("_")[0]) or code

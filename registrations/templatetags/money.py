"""Amounts of funding support as people read them in their language, with their currency: "USD 420"
in English, "420 USD" in French. The ISO code, not a symbol: "$" says US dollars only to some."""

import re
from decimal import Decimal

from babel import Locale
from babel.numbers import format_currency
from django import template

from portal.l10n import current_locale
from registrations.models import FUNDING_CURRENCY

register = template.Library()


def _pattern(locale: Locale, whole: bool) -> str:
    """The language's own currency pattern with the code in place of the symbol (¤¤), set apart from
    the digits as CLDR asks for a code, and without cents for a whole amount."""
    pattern = re.sub("¤+", "¤¤", locale.currency_formats["standard"].pattern)
    pattern = re.sub("¤¤(?=[#0])", "¤¤\u00a0", pattern)
    pattern = re.sub("(?<=[#0])¤¤", "\u00a0¤¤", pattern)
    return pattern.replace("0.00", "0") if whole else pattern


@register.filter
def amount(value, currency: str = FUNDING_CURRENCY) -> str:
    """`{{ application.travel_cost|amount }}`: an amount of funding support in the page's language."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    locale = current_locale()
    whole = value == value.to_integral_value()
    return format_currency(value, currency, format=_pattern(locale, whole), locale=locale, currency_digits=False)

"""Time zones, lists and label colons as each language writes them, from CLDR (Babel): "Addis Ababa
Time UTC+3" / "توقيت أديس أبابا UTC+3" rather than "Africa/Addis_Ababa"; "A, B and C" / "أ وب وج" /
"甲、乙和丙". The template filters are in portal/templatetags/l10n_extras.py."""

import zoneinfo
from datetime import UTC, datetime
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.lists import format_list
from django.utils import formats, timezone
from django.utils.translation import get_language, to_locale

from portal.labels import country_names

MINUS = "\u2212"
UTC_NAMES = {"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"}


@cache
def babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(to_locale(language or "en"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def current_locale() -> Locale:
    return babel_locale(get_language() or "en")


def utc_offset(name: str, moment: datetime | None = None) -> str:
    """The offset at that moment, summer time included: "UTC+3", "UTC+5:30", "UTC" (a true minus sign west of it)."""
    moment = moment or timezone.now()
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    minutes = int(moment.astimezone(zoneinfo.ZoneInfo(name)).utcoffset().total_seconds() // 60)
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else MINUS
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@cache
def zone_city(name: str, language: str) -> str:
    """The zone's city in the language ("أديس أبابا"), as CLDR names it; "UTC" for UTC itself."""
    if name in UTC_NAMES:
        return "UTC"
    locale = babel_locale(language)
    # CLDR keeps its cities under the older names ("Asia/Calcutta" for "Asia/Kolkata").
    for cldr_name in (name, *cldr_names().get(name, ())):
        city = locale.time_zones.get(cldr_name, {}).get("city")
        if city:
            return city
    return name.rsplit("/", 1)[-1].replace("_", " ")  # English: CLDR derives the city from the name


@cache
def cldr_names() -> dict[str, list[str]]:
    """{IANA name: [CLDR's older names of the same zone]}."""
    names = {}
    for alias, zone in get_global("zone_aliases").items():
        names.setdefault(zone, []).append(alias)
    return names


def zone_label(name: str, moment: datetime | None = None, language: str | None = None) -> str:
    """ "Addis Ababa Time UTC+3", "توقيت أديس أبابا UTC+3", "亚的斯亚贝巴时间 UTC+3": the city in
    the language's own pattern for a zone, and the offset at `moment` (now if not given). Plain text:
    HTML isolates it with <bdi> (the |zone_name filter does)."""
    if not name:
        return ""
    language = language or get_language() or "en"
    try:
        offset = utc_offset(name, moment)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return name
    city = zone_city(name, language)
    if city == "UTC":
        return "UTC"
    # No parentheses of its own: pages set it in theirs ("Closes 10 March, 17:00 (Nairobi Time UTC+3)").
    return f"{region_format(language) % city} {offset}"


# Babel 2.18 keeps the last regionFormat of a locale's CLDR data, which for Russian is the summer-time
# variant ("{0}, летнее время"); CLDR's generic Russian pattern is the city alone.
GENERIC_REGION_FORMATS = {"ru": "%s"}


def region_format(language: str) -> str:
    """CLDR's pattern naming a zone by its city, whatever the season: "%s Time", "توقيت %s"."""
    locale = babel_locale(language)
    return GENERIC_REGION_FORMATS.get(locale.language, locale.zone_formats["region"])


@cache
def canonical_zones() -> tuple[str, ...]:
    """Zones of real places: no "Factory", "W-SU", "Etc/GMT+3" nor legacy aliases ("Asia/Calcutta")."""
    aliases = get_global("zone_aliases")
    places = get_global("zone_territories")
    return tuple(
        sorted(
            zone
            for zone in zoneinfo.available_timezones()
            if "/" in zone and not zone.startswith("Etc/") and zone not in aliases and zone in places
        )
    )


def country_zones(country: str) -> list[str]:
    """The zones of a country (CLDR's territory zones), its main zone first: ["Africa/Nairobi"] for KE."""
    aliases = get_global("zone_aliases")
    known = set(canonical_zones())
    zones = []
    for zone in get_global("territory_zones").get((country or "").upper(), ()):
        zone = aliases.get(zone, zone)
        if zone in known and zone not in zones:
            zones.append(zone)
    return zones


def zone_choices(country: str = "", *, moment: datetime | None = None, other_label: str = "") -> list:
    """Choices for a time-zone select: the country's zones first, then every other zone in another
    group (`other_label`), each labelled "City Time UTC+3" in the active language and sorted by it."""
    moment = moment or timezone.now()
    language = get_language() or "en"
    mine = country_zones(country)

    def labelled(zones):
        return sorted(((zone, zone_label(zone, moment, language)) for zone in zones), key=lambda choice: choice[1])

    others = labelled(zone for zone in canonical_zones() if zone not in mine)
    if not mine:
        return others
    return [(country_names().get(country.upper(), country), labelled(mine)), (other_label, others)]


def flat_choices(choices):
    """(value, label) of choices that may hold option groups."""
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield value, label


def join_list(items, style: str = "standard") -> str:
    """ "A, B and C" / "أ وب وج" / "甲、乙和丙": babel.lists in the active language. style "standard"
    (and), "or", "unit-narrow" (a bare list: "A، B، C" / "甲、乙、丙")…"""
    items = [str(item) for item in items if item not in (None, "")]
    if not items:
        return ""
    return format_list(items, style=style, locale=current_locale())


def label_suffix(language: str | None = None) -> str:
    """The colon after a form label: ":" / full-width in Chinese / " :" (no-break space) in French, as
    LABEL_SUFFIX in the language's portal/formats module says."""
    for module in formats.get_format_modules(language or get_language()):
        if hasattr(module, "LABEL_SUFFIX"):
            return module.LABEL_SUFFIX
    return ":"


# A label already ending so takes no colon: "Do you need a visa?" never gets "?:".
FINAL_PUNCTUATION = frozenset(":?.!\uff1a\uff1f\u3002\uff01؟;؛…")

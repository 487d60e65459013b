"""Where a country sits: UN M49 region, sub-region and intermediate region, and the regional
commissions it is a regional member of. Read from stakeholders/data/ (each file names its source)."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data"

AREA_NAMES = {
    "002": _("Africa"),
    "015": _("Northern Africa"),
    "202": _("Sub-Saharan Africa"),
    "014": _("Eastern Africa"),
    "017": _("Middle Africa"),
    "018": _("Southern Africa"),
    "011": _("Western Africa"),
    "019": _("Americas"),
    "419": _("Latin America and the Caribbean"),
    "029": _("Caribbean"),
    "013": _("Central America"),
    "005": _("South America"),
    "021": _("Northern America"),
    "142": _("Asia"),
    "143": _("Central Asia"),
    "030": _("Eastern Asia"),
    "035": _("South-eastern Asia"),
    "034": _("Southern Asia"),
    "145": _("Western Asia"),
    "150": _("Europe"),
    "151": _("Eastern Europe"),
    "154": _("Northern Europe"),
    "830": _("Channel Islands"),
    "039": _("Southern Europe"),
    "155": _("Western Europe"),
    "009": _("Oceania"),
    "053": _("Australia and New Zealand"),
    "054": _("Melanesia"),
    "057": _("Micronesia"),
    "061": _("Polynesia"),
}
# M49 splits these two sub-regions into intermediate regions; balance needs the finer level there.
SPLIT_SUB_REGIONS = {"202", "419"}


@dataclass(frozen=True)
class Placement:
    region: str | None
    sub_region: str | None
    intermediate_region: str | None
    commissions: tuple[str, ...]
    is_un_member: bool

    @property
    def balance_sub_region(self) -> str | None:
        """The sub-region used for balance and gap maps: intermediate where M49 splits it."""
        if self.sub_region in SPLIT_SUB_REGIONS:
            return self.intermediate_region
        return self.sub_region


def _load(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def placements() -> dict[str, Placement]:
    commissions = {}
    for commission in _load("regional_commissions.json")["commissions"]:
        for code in commission["members"]:
            commissions.setdefault(code, []).append(commission["code"])
    return {
        row["iso2"]: Placement(
            region=row["region"],
            sub_region=row["sub_region"],
            intermediate_region=row["intermediate_region"],
            commissions=tuple(sorted(commissions.get(row["iso2"], []))),
            is_un_member=row["un_member"],
        )
        for row in _load("m49.json")["countries"]
    }


def placement_of(country_code: str) -> Placement | None:
    return placements().get(str(country_code))


def countries_in_area(area_code: str) -> list[str]:
    """Countries in an M49 region, sub-region or intermediate region."""
    return sorted(
        code
        for code, place in placements().items()
        if area_code in (place.region, place.sub_region, place.intermediate_region)
    )


def countries_of_commission(commission: str) -> list[str]:
    return sorted(code for code, place in placements().items() if commission in place.commissions)


@cache
def balance_sub_regions() -> list[str]:
    """The sub-regions of the gap map and the selection rules, in M49 order by region."""
    codes = {place.balance_sub_region for place in placements().values()} - {None}
    return [code for code in AREA_NAMES if code in codes]


def balance_sub_regions_by_region() -> list[tuple[str, list[str]]]:
    """Each M49 region with its balance sub-regions, in M49 order: a partition (every sub-region in
    exactly one region), which the regional commissions are not (a country may be in several)."""
    regions = {}
    for code in balance_sub_regions():
        region = next(p.region for p in placements().values() if p.balance_sub_region == code)
        regions.setdefault(region, []).append(code)
    return list(regions.items())


def area_name(code: str | None):
    return AREA_NAMES.get(code, "") if code else ""


def sub_region_choices():
    """Grouped choices for a select: each region with its balance sub-regions."""
    return [
        (AREA_NAMES[region], [(code, AREA_NAMES[code]) for code in codes])
        for region, codes in balance_sub_regions_by_region()
    ]

"""Reference data: M49 areas and regional commission membership."""

import pytest

from stakeholders import geography
from stakeholders.enums import Commission


def test_every_un_member_state_has_an_m49_sub_region():
    members = {code: place for code, place in geography.placements().items() if place.is_un_member}

    assert len(members) == 193
    assert [code for code, place in members.items() if not place.sub_region] == []
    assert [code for code, place in members.items() if not place.balance_sub_region] == []


def test_every_un_member_state_belongs_to_a_regional_commission():
    members = [code for code, place in geography.placements().items() if place.is_un_member]

    assert [code for code in members if not geography.placement_of(code).commissions] == []


@pytest.mark.parametrize(
    ("country", "sub_region", "intermediate_region", "commissions"),
    [
        ("MX", "Latin America and the Caribbean", "Central America", ("ECLAC",)),
        ("JO", "Western Asia", None, ("ESCWA",)),
        ("EG", "Northern Africa", None, ("ECA", "ESCWA")),
        ("KE", "Sub-Saharan Africa", "Eastern Africa", ("ECA",)),
        ("RU", "Eastern Europe", None, ("ECE", "ESCAP")),
        ("US", "Northern America", None, ("ECE",)),
        ("FJ", "Melanesia", None, ("ESCAP",)),
    ],
)
def test_countries_sit_where_the_un_places_them(country, sub_region, intermediate_region, commissions):
    place = geography.placement_of(country)

    assert str(geography.area_name(place.sub_region)) == sub_region
    assert (str(geography.area_name(place.intermediate_region)) or None) == intermediate_region
    assert place.commissions == commissions


def test_eclac_counts_only_its_regional_members():
    members = geography.countries_of_commission(Commission.ECLAC)

    assert len(members) == 33
    assert "US" not in members
    assert "ES" not in members


def test_balance_sub_regions_split_africa_and_latin_america_into_intermediate_regions():
    names = [str(geography.area_name(code)) for code in geography.balance_sub_regions()]

    assert "Sub-Saharan Africa" not in names
    assert "Latin America and the Caribbean" not in names
    assert {"Eastern Africa", "Central America", "Caribbean", "Western Asia", "Polynesia"} <= set(names)
    assert len(names) == 22


def test_countries_in_an_area_include_those_of_its_intermediate_regions():
    assert {"MX", "GT", "BR", "JM"} <= set(geography.countries_in_area("419"))
    assert "BR" not in geography.countries_in_area("013")

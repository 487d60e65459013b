"""The gap map as a heat map: by region first, each region opening onto its sub-regions (a focal point:
their sub-regions, then countries), every figure published through portal.counts, and nothing hidden
on one view worked out from it and the others together."""

import re
from collections import Counter
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.counts import SMALL_GROUP, TOTAL
from stakeholders import geography
from stakeholders.enums import Commission, StaffRole, StakeholderCategory, Verification
from tests.disclosure import what_is_shown, worked_out
from tests.factories import OrganizationFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
REGIONS = ["002", "019", "142", "150", "009"]  # M49: Africa, Americas, Asia, Europe, Oceania
CIVIL_SOCIETY, TRADE_UNIONS, ACADEMIA, MEDIA = (
    StakeholderCategory.CIVIL_SOCIETY,
    StakeholderCategory.TRADE_UNIONS,
    StakeholderCategory.ACADEMIA,
    StakeholderCategory.MEDIA,
)
# Organizations by (category, country): Kenya and Uganda are in Eastern Africa, Nigeria in Western
# Africa, Egypt in Northern Africa, Mexico in Central America, Brazil in South America, France in
# Western Europe, Japan in Eastern Asia.
DIRECTORY = {
    (CIVIL_SOCIETY, "KE"): 6,
    (CIVIL_SOCIETY, "UG"): 2,
    (CIVIL_SOCIETY, "NG"): 7,
    (CIVIL_SOCIETY, "EG"): 3,
    (TRADE_UNIONS, "KE"): 5,
    (TRADE_UNIONS, "NG"): 1,
    (TRADE_UNIONS, "MX"): 9,
    (TRADE_UNIONS, "BR"): 6,
    (ACADEMIA, "MX"): 3,
    (ACADEMIA, "FR"): 8,
    (MEDIA, "FR"): 5,
    (MEDIA, "JP"): 2,
}


@pytest.fixture
def secretariat(client):
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    client.force_login(person)
    return person


@pytest.fixture
def directory():
    for (category, country), number in DIRECTORY.items():
        OrganizationFactory.create_batch(number, category=category, country=country)
    OrganizationFactory.create_batch(3, country="KE", verification=Verification.PENDING)


def truth(place_of) -> Counter:
    """The true counts of DIRECTORY by (category, place), with every row, column and grand total."""
    counts = Counter()
    for (category, country), number in DIRECTORY.items():
        place = place_of(country)
        for key in ((category, place), (category, TOTAL), (TOTAL, place), TOTAL):
            counts[key] += number
    return counts


def region_of(country):
    return geography.placement_of(country).region


def sub_region_of(country):
    return geography.placement_of(country).balance_sub_region


def figures(grid, places, row_total_key, total_key) -> dict:
    """A grid of the page as {(category, place): published count}, with its totals under the keys of
    what they count: in a region's grid, the row totals are (category, region)."""
    published = {total_key: grid.total}
    for (category, _label), (_label_shown, cells, row_total) in zip(
        StakeholderCategory.choices, grid.rows, strict=True
    ):
        published.update(((category, place), cell) for place, cell in zip(places, cells, strict=True))
        published[row_total_key(category)] = row_total
    published.update(((TOTAL, place), cell) for place, cell in zip(places, grid.column_totals, strict=True))
    return published


def region_view(client, region=None):
    return client.get("/en/stakeholders/gap-map/", {"region": region} if region else {}).context


def test_the_first_view_counts_by_region_every_figure_as_published(client, secretariat, directory):
    context = region_view(client)
    picture = context["picture"]
    true = truth(region_of)

    assert [str(name) for _code, name in picture.columns] == ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    shown = figures(picture, REGIONS, lambda category: (category, TOTAL), TOTAL)
    for key, count in shown.items():
        if count.is_shown:
            assert count.low == true[key], f"{key} shows the number of verified organizations"
        else:
            assert count.is_small == (true[key] < SMALL_GROUP), f"{key} is hidden for what it is"
    assert str(shown[TOTAL, "002"]) == "24", "Kenya, Uganda, Nigeria, Egypt; the pending ones are not counted"
    assert str(shown[TOTAL]) == "57"
    assert str(shown[MEDIA, "142"]) == "fewer than 5"


def test_choosing_a_region_shows_its_sub_regions_with_the_same_figures(client, secretariat, directory):
    overview = figures(region_view(client)["picture"], REGIONS, lambda category: (category, TOTAL), TOTAL)
    africa = region_view(client, "002")
    sub_regions = geography.balance_sub_regions_by_region()[0][1]
    true = truth(sub_region_of)

    assert [code for code, _name in africa["picture"].columns] == sub_regions
    shown = figures(africa["picture"], sub_regions, lambda category: (category, "002"), (TOTAL, "002"))
    for category, _label in StakeholderCategory.choices:
        assert shown[category, "002"] == overview[category, "002"], "a row total is the region's cell"
    assert shown[TOTAL, "002"] == overview[TOTAL, "002"]
    for key, count in shown.items():
        if count.is_shown and key[-1] != "002":
            assert count.low == true[key]
    assert str(shown[CIVIL_SOCIETY, "014"]) == "8", "Kenya and Uganda together"
    page = client.get("/en/stakeholders/gap-map/", {"region": "002"}).content.decode()
    assert 'href="?"' in page, "a way back to every region"
    lines = client.get("/en/stakeholders/gap-map/", {"region": "002", "format": "csv"}).content.decode().splitlines()
    assert lines[0] == "Category,Northern Africa,Eastern Africa,Middle Africa,Southern Africa,Western Africa,Total"
    assert len(lines) == len(StakeholderCategory.choices) + 2


def test_a_region_that_is_not_on_the_map_is_not_found(client, secretariat):
    assert client.get("/en/stakeholders/gap-map/", {"region": "014"}).status_code == 404  # a sub-region


def test_nothing_hidden_can_be_worked_out_from_every_view_together(client, secretariat, directory):
    """The reader lays the region view and each region's view side by side: a figure that appears
    on two of them reads the same, and from all their figures and every sum between them (built
    here from geography, not from the portal's table), no hidden count can be worked out."""
    published = figures(region_view(client)["picture"], REGIONS, lambda category: (category, TOTAL), TOTAL)
    by_region = dict(geography.balance_sub_regions_by_region())
    for region, sub_regions in by_region.items():
        grid = region_view(client, region)["picture"]
        for key, count in figures(grid, sub_regions, lambda c, r=region: (c, r), (TOTAL, region)).items():
            assert published.setdefault(key, count) == count, f"{key} reads the same on every view"
    everything = region_view(client)["gap_map"].everything
    every_sub_region = [code for codes in by_region.values() for code in codes]
    for key, count in figures(everything, every_sub_region, lambda c: (c, TOTAL), TOTAL).items():
        assert published.setdefault(key, count) == count, f"{key} reads the same in the full table"

    rows = [category for category, _label in StakeholderCategory.choices]
    sums = []
    for row in [*rows, TOTAL]:
        row_total = TOTAL if row == TOTAL else (row, TOTAL)
        sums.append((row_total, [(row, region) for region in by_region], True))
        sums += [((row, region), [(row, code) for code in codes], True) for region, codes in by_region.items()]
    for place in [*by_region, *every_sub_region]:
        sums.append(((TOTAL, place), [(row, place) for row in rows], True))
    hidden = [key for key, count in published.items() if not count.is_shown]

    assert hidden, "the directory has small groups to protect"
    assert worked_out(what_is_shown(published), sums, hidden) == {}


def test_a_focal_point_sees_the_sub_regions_and_countries_of_their_commission_only(client):
    focal_point = UserFactory()
    grant(focal_point, StaffRole.FOCAL_POINT, commission=Commission.ESCWA)
    OrganizationFactory.create_batch(6, country="JO")
    OrganizationFactory.create_batch(7, country="LB")
    OrganizationFactory.create_batch(9, country="KE")  # Eastern Africa, but not a member of ESCWA
    OrganizationFactory.create_batch(8, country="FR")
    client.force_login(focal_point)

    overview = client.get("/en/stakeholders/gap-map/").context
    places = [str(name) for _code, name in overview["gap_map"].places]
    western_asia = client.get("/en/stakeholders/gap-map/", {"region": "145"}).context
    eastern_africa = client.get("/en/stakeholders/gap-map/", {"region": "014"}).context

    assert places == ["Northern Africa", "Eastern Africa", "Western Africa", "Western Asia"]
    codes = [code for code, _name in overview["gap_map"].places]
    theirs = {(CIVIL_SOCIETY, "145"): 13, (CIVIL_SOCIETY, TOTAL): 13, (TOTAL, "145"): 13, TOTAL: 13}
    for key, count in figures(overview["picture"], codes, lambda c: (c, TOTAL), TOTAL).items():
        if count.is_shown:
            assert count.low == theirs.get(key, 0), "Jordan and Lebanon count; Kenya and France are not theirs"
        else:
            assert count.is_small == (theirs.get(key, 0) < SMALL_GROUP)
    assert {str(name) for _code, name in western_asia["picture"].columns} >= {"Jordan", "Lebanon"}
    assert "Kenya" not in {str(name) for _code, name in eastern_africa["picture"].columns}
    assert str(eastern_africa["picture"].total) == "fewer than 5"
    assert client.get("/en/stakeholders/gap-map/", {"region": "155"}).status_code == 404


@pytest.mark.parametrize("region", [None, "002"])
def test_the_gap_map_runs_a_fixed_number_of_queries(client, secretariat, region):
    def queries_with(organizations):
        OrganizationFactory.create_batch(organizations, country="KE")
        OrganizationFactory.create_batch(organizations, country="FR", category=ACADEMIA)
        with CaptureQueriesContext(connection) as queries:
            assert region_view(client, region) is not None
        return len(queries)

    assert queries_with(6) == queries_with(20)


def svg_of(page: str) -> ElementTree.Element:
    # The page is the portal's own output, not untrusted input.
    return ElementTree.fromstring(re.search(r"<svg xmlns=.*?</svg>", page, re.DOTALL).group(0))  # noqa: S314


@pytest.mark.parametrize("lang", ["en", "ar", "zh-hans"])
def test_the_picture_has_a_name_a_description_and_its_table(client, secretariat, directory, lang):
    page = client.get(f"/{lang}/stakeholders/gap-map/").content.decode()
    svg = svg_of(page)
    title = svg.find(f"{SVG}title")
    description = svg.find(f"{SVG}desc")

    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == title.get("id")
    assert title.text.strip()
    assert svg.get("aria-describedby") == description.get("id")
    assert description.text.strip()
    assert re.search(r"<figure.*<svg.*<figcaption>.*</figcaption>\s*</figure>", page, re.DOTALL)
    assert '<table class="gap-map">' in page, "the counts stay in a table"
    assert len(page.split("<svg xmlns=")[1].split("</svg>")[0]) < 12_000, "a few KB inline"


def test_the_picture_reads_from_the_right_in_arabic(client, secretariat, directory):
    def first_and_last_column(lang):
        svg = svg_of(client.get(f"/{lang}/stakeholders/gap-map/").content.decode())
        headers = svg.find(f"{SVG}g").findall(f"{SVG}text")
        return float(headers[0].get("x")), float(headers[-1].get("x")), svg.get("direction")

    english_first, english_last, english = first_and_last_column("en")
    arabic_first, arabic_last, arabic = first_and_last_column("ar")

    assert english_first < english_last
    assert english == "ltr"
    assert arabic_first > arabic_last, "Africa, the first column, is on the right"
    assert arabic == "rtl"


def test_every_cell_says_its_count_in_text(client, secretariat, directory):
    context = client.get("/en/stakeholders/gap-map/").context
    texts = [cell.text for cell in context["heatmap"].cells]
    published = [cell for _label, cells, _total in context["picture"].rows for cell in cells]

    assert len(texts) == len(published) == len(StakeholderCategory.choices) * len(REGIONS)
    for text, count in zip(texts, published, strict=True):
        assert text == (str(count) if count.is_shown else "<5" if count.is_small else "\N{EN DASH}")

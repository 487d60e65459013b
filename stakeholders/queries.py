"""Reads of the registry, shaped for the views and exports that use them."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import BooleanField, Count, Q
from django.template.defaultfilters import yesno
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from activity.models import Activity
from portal.counts import TOTAL, grid, publish, publish_breakdowns
from portal.counts import Count as PublishedCount
from portal.personal_data import export_all as personal_data_of_other_apps
from stakeholders import geography
from stakeholders.enums import JoinRequestStatus, StaffRole, StakeholderCategory, Verification
from stakeholders.models import JoinRequest, Membership, Organization, Profile, RoleGrant, in_every_language

LED_BY_FIELDS = ("is_migrant_led", "is_diaspora_led", "is_women_led", "is_youth_led", "is_disability_led")


def active_roles(user) -> frozenset[tuple[str, str, str]]:
    """(role, country, commission) of the person's active grants, fetched once per request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_active_roles"):
        grants = RoleGrant.objects.active().filter(person=user).values_list("role", "country", "commission")
        user._active_roles = frozenset(grants)
    return user._active_roles


def time_zone_of(user) -> str:
    """The time zone a signed-in person chose in their profile, or "" (anonymous visitors have none)."""
    if not user.is_authenticated:
        return ""
    return Profile.objects.filter(person=user).values_list("time_zone", flat=True).first() or ""


def has_role(user, role: StaffRole) -> bool:
    return any(granted == role for granted, _country, _commission in active_roles(user))


def focal_point_countries(user) -> set[str]:
    """Countries a focal point answers for: their own, or every member of their commission."""
    countries = set()
    for role, country, commission in active_roles(user):
        if role != StaffRole.FOCAL_POINT:
            continue
        countries.update([country] if country else geography.countries_of_commission(commission))
    return countries


def directory_organizations():
    """The public directory: verified organizations that opted in, light enough for a long list.
    Plain values rather than models (half the time for 50 rows); modeltranslation's values() gives
    the name and acronym in the page's language or its fallback, as the model attributes would, and
    every language's version, for the lang of one shown from another language."""
    return Organization.objects.listed().values(
        "slug", "name", "acronym", *in_every_language("name", "acronym"), "category", "country", *LED_BY_FIELDS
    )


def public_organization(slug):
    return Organization.objects.listed().prefetch_related("objectives", "languages").get(slug=slug)


def members_of(organization):
    return Membership.objects.filter(organization=organization).select_related("person").order_by("role", "joined_at")


def memberships_of(person):
    return Membership.objects.filter(person=person).select_related("organization")


def organizations_to_join():
    """What a person may ask to join: the organizations of the public directory (an organization
    that chose not to be listed is not shown to everyone who has an account)."""
    return Organization.objects.listed()


def waiting_join_requests(organization):
    """Requests to join an organization that wait for its administrators, oldest first."""
    return (
        JoinRequest.objects.filter(organization=organization, status=JoinRequestStatus.PENDING)
        .select_related("person")
        .order_by("created_at")
    )


def pending_join_requests_of(person):
    return JoinRequest.objects.filter(person=person, status=JoinRequestStatus.PENDING).select_related("organization")


def join_state(person, organization) -> dict:
    """Where a signed-in person stands with an organization: a member, waiting for an answer, or free to ask."""
    return {
        "is_member": Membership.objects.filter(person=person, organization=organization).exists(),
        "pending_request": pending_join_requests_of(person).filter(organization=organization).first(),
    }


def join_decision_note(join_request) -> str:
    """What the administrator wrote when answering a request to join: the note of its last change
    of status in the activity log, where the answer is on record."""
    change = (
        Activity.objects.filter(
            content_type=ContentType.objects.get_for_model(JoinRequest), object_id=join_request.pk, field="status"
        )
        .only("note")
        .first()
    )
    return change.note if change else ""


@dataclass(frozen=True)
class GapGrid:
    """One grid of the gap map as a page shows it: its columns (code, name); for each category its
    label, published cells and row total; then the column totals and the grand total."""

    columns: list[tuple[str, str]]
    rows: list[tuple[str, list[PublishedCount], PublishedCount]]
    column_totals: list[PublishedCount]
    total: PublishedCount


@dataclass(frozen=True)
class GapMap:
    """Every grid of the gap map, all cut from one publication (see `gap_map`): `places` (code, name),
    the first view's columns; `overview`, categories by place; `within`, each place's own columns;
    `everything`, categories by every column at once (the full table and its CSV)."""

    places: list[tuple[str, str]]
    overview: GapGrid
    within: dict[str, GapGrid]
    everything: GapGrid


GAP_MAP_KEPT_SECONDS = 60 * 60  # new counts have a new digest: this only frees the cache
ELSEWHERE = "elsewhere"  # the place of a focal point's countries that M49 puts in no sub-region
PLACE = "place"  # a place's cells are keyed (category, (PLACE, code)): never mistaken for a column's


def gap_map(*, countries=None) -> GapMap:
    """Verified organizations counted by category and place: the "who is not in the room" table. The
    secretariat sees the five M49 regions, each opening onto its sub-regions; a focal point the
    sub-regions of the countries they answer for, each opening onto its countries. (Regions, not the
    regional commissions: a country may be in several commissions, so their counts would not add up
    to the world's, while every sub-region lies in exactly one region.) Counts come from one grouped
    query (at most categories by countries rows, whatever the number of organizations); folding
    countries into places happens here.

    Why one publication for every view. The pages show the full table (categories by column, with
    row and column totals), the overview (categories by place) and each place's grid (its columns,
    with the place's cells as row totals) apart, but nothing stops a reader from laying them side by
    side: the overview's cell (category, place) is the row total of that place's grid, its column
    total that grid's grand total, its row totals the full table's. Published one by one, each grid
    would be safe alone, yet a count hidden on one page could be shown on another (the same figure,
    protected twice by different choices), or worked out from two pages together. So every figure of
    every view is one table for portal.counts.publish (`_gap_map_table`): the cells by column, the
    cells by place, and every sum that links them (a place's cell is the sum of its columns' cells,
    for each category and for the column totals; a row total the sum of its places' cells), and each
    view is cut from that one answer. A figure then reads the same wherever it appears, and the reader
    `publish` guards against already knows every figure of every view and every sum between them:
    what any page or any set of pages shows is part of what it was checked against, and knowing less
    never lets one work out more.

    (Publishing the full table first, as it was, then the places' cells beside it, keeps the full
    table's figures as they were but hides nearly every place's cell once the map is dense: a
    place's cell hidden as a complement is then often fixed by figures already shown.)
    """
    organizations = Organization.objects.verified()
    if countries is None:
        places = [
            (region, [(code, geography.area_name(code)) for code in codes])
            for region, codes in geography.balance_sub_regions_by_region()
        ]

        def column_of(country):
            place = geography.placement_of(country)
            return place.balance_sub_region if place else None
    else:
        organizations = organizations.filter(country__in=countries)
        places = _places_of_countries(countries)

        def column_of(country):
            return country

    counts = defaultdict(int)
    for row in organizations.values("category", "country").annotate(count=Count("pk")).order_by():
        counts[row["category"], column_of(row["country"])] += row["count"]
    categories = [category for category, _label in StakeholderCategory.choices]
    published = _published(counts, categories, places)

    def cut(columns, row_total_of, total_key) -> GapGrid:
        codes = [code for code, _name in columns]
        return GapGrid(
            columns=columns,
            rows=[
                (label, [published[category, code] for code in codes], published[row_total_of(category)])
                for category, label in StakeholderCategory.choices
            ],
            column_totals=[published[TOTAL, code] for code in codes],
            total=published[total_key],
        )

    place_names = [(place, _place_name(place)) for place, _columns in places]
    return GapMap(
        places=place_names,
        overview=cut([((PLACE, place), name) for place, name in place_names], lambda c: (c, TOTAL), TOTAL),
        within={
            place: cut(columns, lambda c, place=place: (c, (PLACE, place)), (TOTAL, (PLACE, place)))
            for place, columns in places
        },
        everything=cut([column for _place, columns in places for column in columns], lambda c: (c, TOTAL), TOTAL),
    )


def _published(counts, categories, places) -> dict:
    """`publish` of the whole map, kept in the cache under a digest of the counts: the answer depends
    only on them (portal.counts), HiGHS takes seconds over the whole map, and every view (the regions,
    a region, their CSV) asks for the same answer, so a reader going from one to the next waits once.
    What is kept is what the pages show; a hidden count is kept nowhere but in the digest."""
    table = _gap_map_table(counts, categories, places)
    digest = hashlib.sha256(repr(list(table.counts.items())).encode()).hexdigest()
    key = f"gap-map:{digest}"
    published = cache.get(key)
    if published is None:
        published = publish(table)
        cache.set(key, published, timeout=GAP_MAP_KEPT_SECONDS)
    return published


def _columns_of(places) -> list:
    return [code for _place, place_columns in places for code, _name in place_columns]


def _places_of_countries(countries) -> list[tuple[str, list[tuple[str, str]]]]:
    """A focal point's countries by sub-region, in M49 order, each sub-region's countries by name."""
    by_place = defaultdict(list)
    for code in countries:
        place = geography.placement_of(code)
        by_place[place.balance_sub_region if place and place.balance_sub_region else ELSEWHERE].append(
            (code, Country(code).name)
        )
    order = [*geography.balance_sub_regions(), ELSEWHERE]
    return [(place, sorted(by_place[place], key=lambda column: str(column[1]))) for place in order if place in by_place]


def _place_name(place):
    if place == ELSEWHERE:
        return _("Other places")  # a country M49 places in no sub-region
    return geography.area_name(place)


def _gap_map_table(counts, categories, places):
    """The grid of categories by column with its totals, and beside it each place's cells: for each
    category and for the column totals, the sum of the place's columns; every row total (and the grand
    total) is the sum of its places' cells too."""
    table = grid(counts, categories, _columns_of(places))
    for place, place_columns in places:
        for row in [*categories, TOTAL]:
            parts = tuple((row, code) for code, _name in place_columns)
            table.counts[row, (PLACE, place)] = sum(table.counts[part] for part in parts)
            table.sums.append(((row, (PLACE, place)), parts))
        table.sums.append(((TOTAL, (PLACE, place)), tuple((category, (PLACE, place)) for category in categories)))
    for row in [*categories, TOTAL]:
        row_total = TOTAL if row == TOTAL else (row, TOTAL)
        table.sums.append((row_total, tuple((row, (PLACE, place)) for place, _columns in places)))
    return table


def pending_organizations():
    return Organization.objects.filter(verification=Verification.PENDING).order_by("created_at")


def active_role_grants():
    return RoleGrant.objects.active().select_related("person", "granted_by")


def name_matches(text):
    """A search on the name or acronym in any language version."""
    condition = Q()
    for field in in_every_language("name", "acronym"):
        condition |= Q(**{f"{field}__icontains": text})
    return condition


def own_profile(person):
    return Profile.objects.filter(person=person).prefetch_related("languages_spoken").first()


def personal_data(person, profile=None) -> dict:
    """Everything the portal holds about a person, as they may read and download it."""
    profile = profile or own_profile(person)
    return {
        "account": {
            "email": person.email,
            "display_name": person.display_name,
            "joined_at": person.date_joined.isoformat(),
            "last_login_at": person.last_login.isoformat() if person.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in person.emailaddress_set.all()
            ],
        },
        "profile": profile_data(profile) if profile else None,
        "memberships": [
            {
                "organization": str(membership.organization),
                "role": membership.role,
                "joined_at": membership.joined_at.isoformat(),
                "verification": membership.organization.verification,
                "verification_reason": membership.organization.verification_reason,
            }
            for membership in memberships_of(person)
        ],
        "join_requests": [
            {
                "organization": str(join_request.organization),
                "message": join_request.message,
                "status": join_request.status,
                "asked_at": join_request.created_at.isoformat(),
            }
            for join_request in JoinRequest.objects.filter(person=person).select_related("organization")
        ],
        "roles": [
            {
                "role": grant.role,
                "scope": grant.country.code or grant.commission,
                "granted_at": grant.granted_at.isoformat(),
            }
            for grant in RoleGrant.objects.active().filter(person=person)
        ],
        **personal_data_of_other_apps(person),
    }


def profile_data(profile) -> dict:
    return {
        **{field: getattr(profile, field) for field in ("is_individual", *Profile.EDITABLE_FIELDS)},
        "country_of_residence": profile.country_of_residence.code,
        "languages_spoken": [language.code for language in profile.languages_spoken.all()],
        "speaker_profile": {
            "affiliation": profile.affiliation,
            "biography": profile.biography,
            "biography_language": profile.biography_language,
            "photo": profile.photo.name,
        },
    }


def profile_rows(profile) -> list[tuple[str, str]]:
    """The person's profile as (label, readable value) pairs, for their own eyes only."""
    if profile is None:
        return []
    rows = []
    for field in ("is_individual", *Profile.EDITABLE_FIELDS):
        model_field = Profile._meta.get_field(field)
        if field == "languages_spoken":
            value = ", ".join(str(language) for language in profile.languages_spoken.all())
        elif field == "country_of_residence":
            value = profile.country_of_residence.name
        elif model_field.choices:
            value = getattr(profile, f"get_{field}_display")()
        elif isinstance(model_field, BooleanField):
            value = yesno(getattr(profile, field))
        else:
            value = getattr(profile, field)
        rows.append((model_field.verbose_name, value))
    return rows


def diversity_figures() -> tuple[PublishedCount, list[tuple[str, list[tuple[str, PublishedCount]]]]]:
    """The optional personal attributes as totals only, for the secretariat: the number of people with
    a profile, and each attribute's answers with "Not answered", published together through
    portal.counts so that no small group can be worked out from the others, the total or zeros."""
    total = Profile.objects.count()
    attributes = {}
    for field in Profile.SENSITIVE_FIELDS:
        counts = dict(Profile.objects.values_list(field).annotate(count=Count("pk")).order_by())
        choices = Profile._meta.get_field(field).choices
        attributes[field] = [(label, counts.get(value, 0)) for value, label in choices]
        attributes[field].append((_("Not answered"), counts.get("", 0)))
    # The number of people is no secret (it is about the number of accounts): reckoned as known.
    published_total, published = publish_breakdowns(total, attributes, total_known=True)
    return published_total, [
        (Profile._meta.get_field(field).verbose_name, published[field]) for field in Profile.SENSITIVE_FIELDS
    ]


def has_verified_email(person, email: str) -> bool:
    return person.emailaddress_set.filter(email__iexact=email, verified=True).exists()

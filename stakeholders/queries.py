"""Reads of the registry, shaped for the views and exports that use them."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
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


def gap_map(*, countries=None):
    """Verified organizations counted by category by sub-region, or by country within a focal point's
    scope: the "who is not in the room" table, with the total of each category (row) and place
    (column) and the grand total, published through portal.counts (a cell of fewer than 5 and enough
    others to protect it are not shown). Counts come from one grouped query (at most categories by
    countries rows, whatever the number of organizations); folding countries into sub-regions happens
    here. Returns the columns (code, name) and, for each category, its label, cells and row total;
    then the column totals and the grand total, as portal.counts.Count."""
    organizations = Organization.objects.verified()
    if countries is None:
        columns = [(code, geography.area_name(code)) for code in geography.balance_sub_regions()]

        def column_of(country):
            place = geography.placement_of(country)
            return place.balance_sub_region if place else None
    else:
        organizations = organizations.filter(country__in=countries)
        columns = sorted(((code, Country(code).name) for code in countries), key=lambda column: str(column[1]))

        def column_of(country):
            return country

    counts = defaultdict(int)
    for row in organizations.values("category", "country").annotate(count=Count("pk")).order_by():
        counts[row["category"], column_of(row["country"])] += row["count"]
    categories = [category for category, _label in StakeholderCategory.choices]
    codes = [code for code, _name in columns]
    published = publish(grid(counts, categories, codes))
    rows = [
        (label, [published[category, code] for code in codes], published[category, TOTAL])
        for category, label in StakeholderCategory.choices
    ]
    return columns, rows, [published[TOTAL, code] for code in codes], published[TOTAL]


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

"""Demo data for newcomers: one account per role and organizations across the five regions.
Safe to load again and again: every record is found by a natural key and refreshed."""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from stakeholders.enums import Commission, MembershipRole, StaffRole, StakeholderCategory, Verification
from stakeholders.models import GcmObjective, Language, Membership, Organization, Profile
from stakeholders.services import grant_role

DEMO_PASSWORD = "engage-demo-2026"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    display_name: str
    role: StaffRole | None = None
    commission: str = ""


DEMO_PEOPLE = [
    DemoPerson("stakeholder@demo.wos-engage.org", "Amina Diallo"),
    DemoPerson("org-admin@demo.wos-engage.org", "Carlos Mendoza"),
    DemoPerson("focal-point@demo.wos-engage.org", "Leila Haddad", StaffRole.FOCAL_POINT, Commission.ESCWA),
    DemoPerson("reviewer@demo.wos-engage.org", "Nguyen Thi Lan", StaffRole.REVIEWER),
    DemoPerson("secretariat@demo.wos-engage.org", "Sofia Petrova", StaffRole.SECRETARIAT),
]


@dataclass(frozen=True)
class DemoOrganization:
    slug: str
    names: dict
    acronym: str
    category: str
    country: str
    led_by: tuple = ()
    objectives: tuple = ()
    languages: tuple = ("en",)
    works_in: tuple = ()
    verification: str = Verification.VERIFIED
    reason: str = ""
    listed: bool = True
    description: str = ""
    admins: tuple = field(default=())


C = StakeholderCategory
DEMO_ORGANIZATIONS = [
    DemoOrganization(
        "mwvn",
        {"en": "Migrant Workers Voice Network"},
        "MWVN",
        C.MIGRANT_DIASPORA_ORGANIZATIONS,
        "KE",
        ("migrant",),
        (6, 22),
        ("en", "sw"),
        ("UG", "TZ"),
        description="A network of migrant domestic and construction workers in East Africa and the Gulf.",
        admins=("org-admin@demo.wos-engage.org",),
    ),
    DemoOrganization(
        "redmmm",
        {"es": "Red Mesoamericana de Mujeres Migrantes", "en": "Mesoamerican Network of Migrant Women"},
        "REDMMM",
        C.CIVIL_SOCIETY,
        "MX",
        ("women", "migrant"),
        (7, 8, 21),
        ("es",),
        ("GT", "HN", "SV"),
        description="Migrant women accompanying migrant women along the routes through Central America and Mexico.",
    ),
    DemoOrganization(
        "apymf",
        {"en": "Asia Pacific Youth Migration Forum"},
        "APYMF",
        C.CHILDREN_YOUTH,
        "TH",
        ("youth",),
        (3, 16),
        ("en", "th"),
        ("PH", "ID", "NP"),
    ),
    DemoOrganization(
        "rdae",
        {"fr": "Réseau des diasporas africaines en Europe", "en": "Network of African Diasporas in Europe"},
        "RDAE",
        C.MIGRANT_DIASPORA_ORGANIZATIONS,
        "FR",
        ("diaspora",),
        (19, 20),
        ("fr", "en"),
        ("BE", "IT"),
    ),
    DemoOrganization(
        "anmr",
        {"ar": "الشبكة العربية لحقوق المهاجرين", "en": "Arab Network for Migrants' Rights"},
        "ANMR",
        C.CIVIL_SOCIETY,
        "JO",
        (),
        (7, 15, 17),
        ("ar", "en"),
        ("LB", "EG"),
    ),
    DemoOrganization(
        "ntumd",
        {"en": "Nordic Trade Union Migration Desk"},
        "NTUMD",
        C.TRADE_UNIONS,
        "SE",
        (),
        (6,),
        ("sv", "en"),
    ),
    DemoOrganization(
        "picmi",
        {"en": "Pacific Islands Climate Mobility Institute"},
        "PICMI",
        C.ACADEMIA,
        "FJ",
        (),
        (1, 2),
        ("en",),
        ("TV", "KI"),
    ),
    DemoOrganization(
        "dakar-migration",
        {"fr": "Bureau des migrations de la Ville de Dakar"},
        "",
        C.LOCAL_AUTHORITIES,
        "SN",
        (),
        (15, 16),
        ("fr",),
    ),
    DemoOrganization(
        "afra",
        {"es": "Alianza Andina por el Reclutamiento Justo", "en": "Andean Fair Recruitment Alliance"},
        "AFRA",
        C.RECRUITMENT_AGENCIES,
        "CO",
        (),
        (6,),
        ("es",),
        ("PE", "EC"),
    ),
    DemoOrganization(
        "fcmd",
        {"en": "Faith Communities for Migrant Dignity"},
        "FCMD",
        C.FAITH_BASED,
        "PH",
        (),
        (15, 16),
        ("en",),
    ),
    DemoOrganization(
        "pwdm",
        {"en": "Persons with Disabilities on the Move"},
        "PWDM",
        C.CIVIL_SOCIETY,
        "UG",
        ("disability",),
        (7, 15),
        ("en",),
    ),
    DemoOrganization(
        "cmml",
        {"en": "Caribbean Migration Media Lab"},
        "CMML",
        C.MEDIA,
        "JM",
        ("youth",),
        (17,),
        ("en",),
        ("TT", "BB"),
    ),
    DemoOrganization(
        "kyrgyz-nhri",
        {"ru": "Институт Омбудсмена Кыргызской Республики", "en": "Ombudsman Institute of Kyrgyzstan"},
        "",
        C.HUMAN_RIGHTS_INSTITUTIONS,
        "KG",
        (),
        (15, 17),
        ("ru", "ky"),
    ),
    DemoOrganization(
        "sahel-returnees",
        {"fr": "Association des rapatriés du Sahel"},
        "ARS",
        C.MIGRANTS,
        "NE",
        ("migrant",),
        (21,),
        ("fr",),
        verification=Verification.PENDING,
    ),
    DemoOrganization(
        "quick-visa-agency",
        {"en": "Quick Visa Placement Agency"},
        "",
        C.RECRUITMENT_AGENCIES,
        "AE",
        (),
        (6,),
        verification=Verification.REJECTED,
        reason="Charges recruitment fees to workers, against GCM objective 6.",
    ),
    DemoOrganization(
        "shelter-collective",
        {"es": "Colectivo de Albergues del Norte"},
        "",
        C.LOCAL_COMMUNITIES,
        "MX",
        (),
        (8,),
        ("es",),
        listed=False,
    ),
]


def seed_demo_people() -> list:
    """Create or refresh the demo accounts with verified e-mail addresses and their roles."""
    people = []
    secretariat = None
    for person in DEMO_PEOPLE:
        # Nobody is a superuser: the secretariat reaches the admin through its role (grant_role).
        user, _created = get_user_model().objects.update_or_create(
            email=person.email,
            defaults={"display_name": person.display_name, "is_active": True, "is_superuser": False},
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
        Profile.objects.get_or_create(person=user, defaults={"is_individual": person.role is None})
        if person.role == StaffRole.SECRETARIAT:
            secretariat = user
        people.append((user, person))
    for user, person in people:
        if person.role:
            grant_role(user, by=secretariat, role=person.role, commission=person.commission)
    return [user for user, _person in people]


def seed_demo_organizations() -> list:
    secretariat = get_user_model().objects.get(email="secretariat@demo.wos-engage.org")
    organizations = []
    for demo in DEMO_ORGANIZATIONS:
        names = {f"name_{language}": name for language, name in demo.names.items()}
        first_language = next(iter(demo.names))
        organization, _created = Organization.objects.update_or_create(
            slug=demo.slug,
            defaults={
                **names,
                f"acronym_{first_language}": demo.acronym,
                f"description_{first_language}": demo.description,
                "category": demo.category,
                "country": demo.country,
                "countries_of_work": list(demo.works_in),
                "verification": demo.verification,
                "verification_reason": demo.reason,
                "verified_by": None if demo.verification == Verification.PENDING else secretariat,
                "is_listed_publicly": demo.listed,
                **{f"is_{flag}_led": True for flag in demo.led_by},
            },
        )
        organization.objectives.set(GcmObjective.objects.filter(number__in=demo.objectives))
        languages = [Language.objects.get_or_create(code=code)[0] for code in demo.languages]
        organization.languages.set(languages)
        for email in demo.admins:
            Membership.objects.update_or_create(
                person=get_user_model().objects.get(email=email),
                organization=organization,
                defaults={"role": MembershipRole.ADMIN},
            )
        organizations.append(organization)
    return organizations

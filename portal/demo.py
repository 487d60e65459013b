"""Demo data for newcomers: one account per role, safe to load again and again."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from stakeholders.enums import StaffRole

DEMO_PASSWORD = "engage-demo-2026"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    display_name: str
    role: StaffRole | None = None
    is_staff: bool = False


DEMO_PEOPLE = [
    DemoPerson("stakeholder@demo.wos-engage.org", "Amina Diallo"),
    DemoPerson("org-admin@demo.wos-engage.org", "Carlos Mendoza"),
    DemoPerson("focal-point@demo.wos-engage.org", "Leila Haddad", StaffRole.FOCAL_POINT),
    DemoPerson("reviewer@demo.wos-engage.org", "Nguyen Thi Lan", StaffRole.REVIEWER),
    DemoPerson("secretariat@demo.wos-engage.org", "Sofia Petrova", StaffRole.SECRETARIAT, is_staff=True),
]


def seed_demo_people() -> list:
    """Create or refresh the demo accounts with verified e-mail addresses and their roles."""
    people = []
    for person in DEMO_PEOPLE:
        user, _created = get_user_model().objects.update_or_create(
            email=person.email,
            defaults={"display_name": person.display_name, "is_staff": person.is_staff, "is_active": True},
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
        if person.role:
            group, _ = Group.objects.get_or_create(name=person.role.value)
            user.groups.add(group)
        people.append(user)
    return people

"""What the secretariat may do in Django's admin: the organization import and export, the notice
outbox, read-only views of what the portal's own pages change. It comes from the secretariat role,
through the "Secretariat" group and `is_staff`, never from the superuser flag, which stays a
break-glass for the server's administrator (`createsuperuser`)."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from stakeholders.enums import StaffRole
from stakeholders.models import RoleGrant

SECRETARIAT_GROUP = "Secretariat"
# (app label, codename). Only views where a portal page is the one writer (memberships, role grants,
# written submissions): the admin must not become a second way around the rules of those pages.
SECRETARIAT_PERMISSIONS = (
    ("stakeholders", "view_organization"),
    ("stakeholders", "add_organization"),
    ("stakeholders", "change_organization"),
    ("stakeholders", "view_membership"),
    ("stakeholders", "view_rolegrant"),
    ("stakeholders", "view_user"),  # the admin's search of people, for memberships
    ("portal", "view_notice"),
    ("consultations", "view_writtensubmission"),
)


def secretariat_group() -> Group:
    """The group, with exactly its permissions. Made or brought up to date whenever a role changes,
    when every app's permissions exist, rather than in a migration that may run before them."""
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    wanted = Q()
    for app_label, codename in SECRETARIAT_PERMISSIONS:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def sync_staff_access(person) -> None:
    """Staff access follows the person's active secretariat grants: given with the first, taken
    back with the last (a superuser keeps `is_staff`: it is their way in)."""
    group = secretariat_group()
    is_secretariat = RoleGrant.objects.active().filter(person=person, role=StaffRole.SECRETARIAT).exists()
    if is_secretariat:
        person.groups.add(group)
    else:
        person.groups.remove(group)
    is_staff = is_secretariat or person.is_superuser
    if person.is_staff != is_staff:
        person.is_staff = is_staff
        person.save(update_fields=["is_staff"])

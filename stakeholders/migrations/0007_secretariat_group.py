"""The "Secretariat" group: what the secretariat may do in Django's admin comes from its role, not from
the superuser flag. Whoever holds the role today joins the group and gets `is_staff`; from now on
stakeholders.services.grant_role and revoke_role keep both in step (stakeholders.staff). On a new
database the permissions do not exist yet when this runs: the first grant gives the group its
permissions, which stakeholders.staff brings up to date at every grant."""

from django.db import migrations

# Frozen here as they were when the group was made; stakeholders.staff.SECRETARIAT_PERMISSIONS is current.
PERMISSIONS = (
    ("stakeholders", "view_organization"),
    ("stakeholders", "add_organization"),
    ("stakeholders", "change_organization"),
    ("stakeholders", "view_membership"),
    ("stakeholders", "view_rolegrant"),
    ("stakeholders", "view_user"),
    ("portal", "view_notice"),
    ("consultations", "view_writtensubmission"),
)


def give_the_secretariat_its_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("stakeholders", "User")
    group, _created = Group.objects.get_or_create(name="Secretariat")
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)
    holders = User.objects.filter(role_grants__role="secretariat", role_grants__revoked_at__isnull=True).distinct()
    for person in holders:
        person.groups.add(group)
    holders.update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("stakeholders", "0006_invitations_sent_through_the_outbox"),
    ]

    operations = [migrations.RunPython(give_the_secretariat_its_group, migrations.RunPython.noop)]

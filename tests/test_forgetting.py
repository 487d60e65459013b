"""Forgetting a person: deleting an account leaves nothing that names them in any table (counts and
the activity log stay, anonymous), no notice reaches any address they had, and every model that
holds personal data is declared in the registry (portal.personal_data), so that the next one
written cannot be forgotten by the deletion."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.test import Client
from django.utils import timezone

from activity.models import Activity
from activity.services import record
from consultations import services as consultation_services
from consultations.enums import CallKind, PublicationStatus, SubmissionStatus
from consultations.models import CallSubscription, WrittenSubmission
from portal import notices
from portal import personal_data as registry
from portal.models import Notice, NoticeState
from portal.tasks import task_sweep_notices
from registrations.enums import Attendance, ProposalStatus
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, SideEventProposal
from registrations.services.answers import (
    apply_for_funding,
    express_interest,
    propose_side_event,
    register,
)
from registrations.services.side_events import decide_side_event
from stakeholders.enums import MembershipRole, StaffRole
from stakeholders.models import Invitation, Membership, Profile
from stakeholders.photos import save_speaker_profile
from stakeholders.services import ask_to_join, delete_account, invite_member, save_profile
from tests.factories import (
    OrganizationFactory,
    ReviewFactory,
    UserFactory,
    admin_of,
    answerable_call,
    authenticator_app,
    consultation,
    grant,
    log_of,
    pdf,
    photo,
    submission,
    written_call,
)

pytestmark = pytest.mark.django_db

NAME = "Zeynep Forgettable"
ADDRESS = "zeynep.forget@example.org"
OTHER_ADDRESS = "Zeynep.Work@Example.ORG"  # a second address of hers, in another case
ADDRESSES = [ADDRESS, OTHER_ADDRESS.lower()]


# Every model that holds personal data is declared


def pointers_to_people(model) -> list[str]:
    """The fields of a model that name a person: a pointer to an account, an address, an IP address."""
    person = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        field.name
        for field in model._meta.concrete_fields
        if (field.is_relation and field.related_model is person)
        or isinstance(field, models.EmailField | models.GenericIPAddressField)
    ]


def test_every_model_holding_personal_data_is_erased_or_declared_no_personal_data():
    declared, pointers = registry.declared_models(), registry.declared_pointers()
    undeclared = [
        f"{model._meta.label}.{field}"
        for model in apps.get_models()
        if model._meta.label not in declared
        for field in pointers_to_people(model)
        # An address is always personal data; an audit pointer ("decided by") only when not declared.
        if isinstance(model._meta.get_field(field), models.EmailField | models.GenericIPAddressField)
        or f"{model._meta.label}.{field}" not in pointers
    ]

    assert undeclared == [], "declare them in the app's ready(): register(models=...) or not_personal_data"


def test_what_is_declared_exists():
    """A declaration names a model of an installed app (allauth.mfa may be left out of a deployment)."""
    for label in registry.declared_models():
        app_label, _name = label.split(".")
        if apps.is_installed("allauth.mfa") or app_label != "mfa":
            assert apps.get_model(label), label
    for pointer in registry.declared_pointers():
        label, field = pointer.rsplit(".", 1)
        assert apps.get_model(label)._meta.get_field(field).is_relation, pointer


def test_the_account_models_of_django_and_allauth_are_declared():
    declared = registry.declared_models()
    third_party = [EmailAddress, Session, LogEntry]
    if apps.is_installed("allauth.mfa"):
        third_party.append(apps.get_model("mfa", "Authenticator"))

    assert [model._meta.label for model in third_party if model._meta.label not in declared] == []


# Deleting an account forgets the person everywhere


def text_columns_holding(needles) -> list[str]:
    """Every text, character, JSON and address column of every table that holds one of the needles,
    in any case: "table.column" for each. Found by introspecting the database, not the models, so a
    table no model describes is searched too."""
    textual = {"CharField", "TextField", "JSONField", "EmailField", "SlugField", "GenericIPAddressField"}
    patterns = [f"%{needle}%" for needle in needles]
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                if connection.introspection.get_field_type(column.type_code, column) not in textual:
                    continue
                name, quoted = f"{table}.{column.name}", connection.ops.quote_name
                # Names come from the database's own catalogue, quoted.
                sql = f"SELECT 1 FROM {quoted(table)} WHERE CAST({quoted(column.name)} AS TEXT) ILIKE ANY(%s) LIMIT 1"  # noqa: S608
                cursor.execute(sql, [patterns])
                if cursor.fetchone():
                    found.append(name)
    return found


@pytest.fixture
def zeynep():
    """A person who took part in every way the portal offers, with her name and addresses in all of it."""
    person = UserFactory(email=ADDRESS, display_name=NAME)
    EmailAddress.objects.create(user=person, email=OTHER_ADDRESS, verified=True, primary=False)
    save_profile(person, data={"accessibility_needs": f"{NAME} needs captioning", "notice_language": "en"})
    save_speaker_profile(
        person,
        by=person,
        affiliation=f"{NAME}'s network",
        biography=f"{NAME} organises migrant domestic workers.",
        biography_language="en",
        photo=photo(),
    )
    organization = OrganizationFactory(name_en="Domestic Workers Network")
    Membership.objects.create(person=person, organization=organization, role=MembershipRole.MEMBER)
    authenticator_app(person)
    return person


def take_part_in_everything(person) -> dict:
    secretariat = UserFactory()
    grant(secretariat, StaffRole.SECRETARIAT)
    registration = register(
        answerable_call(CallKind.ATTEND),
        by=person,
        attendance=Attendance.IN_PERSON,
        consent=True,
        access_needs_other=f"{NAME} uses a wheelchair",
    )
    interest = express_interest(answerable_call(CallKind.SPEAK), by=person, statement=f"{NAME} on fair recruitment")
    ReviewFactory(interest=interest, comment=f"{NAME} speaks from experience.")
    proposal = propose_side_event(
        answerable_call(CallKind.SIDE_EVENT),
        by=person,
        title=f"{NAME}'s side event",
        description=f"Hosted by {NAME} ({ADDRESS}).",
        co_organizers=f"{NAME}, Migrant Forum in Asia",
    )
    starts_at = proposal.call.consultation.starts_at
    decide_side_event(
        proposal,
        by=secretariat,
        accept=True,
        note=f"Welcome, {NAME}.",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        place="Room 2",
    )
    apply_for_funding(
        answerable_call(CallKind.FUNDING_SUPPORT),
        by=person,
        travel_cost=420,
        justification=f"{NAME} travels from Izmir.",
    )
    written = submission(
        call=written_call(), author=person, title=f"{NAME}'s views", text=f"Written by {NAME}.", document=pdf()
    )
    # A subscription made while signed in, and one made as a visitor with her other address.
    consultation_services.subscribe_to_calls(
        email=ADDRESS, person=person, language="en", choices={}, frequency="immediate"
    )
    CallSubscription.objects.create(email=OTHER_ADDRESS.lower(), language="en", confirmed_at=timezone.now())
    other_organization = OrganizationFactory()
    ask_to_join(other_organization, by=person, message=f"{NAME} would like to join.")
    inviting = admin_of(OrganizationFactory())
    invite_member(inviting.memberships.get().organization, by=inviting, email=ADDRESS.upper(), role="member")
    LogEntry.objects.create(
        user=secretariat,
        content_type=ContentType.objects.get_for_model(person),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message=f"Changed the address to {ADDRESS}",
    )
    confirmed = Notice.objects.get(kind="registration-confirmed", person=person)
    assert notices.deliver(confirmed.pk) == NoticeState.SENT
    return {"registration": registration, "proposal": proposal, "submission": written}


def test_deleting_an_account_leaves_the_name_and_addresses_in_no_table_and_no_notice_follows(
    client, zeynep, django_capture_on_commit_callbacks
):
    taken = take_part_in_everything(zeynep)
    photo_name = Profile.objects.get(person=zeynep).photo.name
    document_name = taken["submission"].document.name
    holding_her = text_columns_holding([NAME, *ADDRESSES])
    assert {
        "stakeholders_profile.biography",
        "registrations_sideeventproposal.co_organizers",
        "consultations_callsubscription.email",
        "stakeholders_invitation.email",
        "portal_notice.email",
        "activity_activity.note",
        "django_admin_log.object_repr",
    } <= set(holding_her), "the search finds her where she was"
    assert Notice.objects.filter(email__in=ADDRESSES, state=NoticeState.PENDING).count() >= 3
    assert Notice.objects.filter(email=ADDRESS, state=NoticeState.SENT).count() == 1
    other_device = Client()
    other_device.force_login(zeynep)
    client.force_login(zeynep)
    counts = {model: model.objects.count() for model in (Registration, ExpressionOfInterest, SideEventProposal)}
    log_rows = Activity.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/stakeholders/my-data/delete/")

    assert response.status_code == 302
    assert text_columns_holding([NAME, *ADDRESSES]) == []
    assert not default_storage.exists(photo_name)
    assert not default_storage.exists(document_name)
    assert {model: model.objects.count() for model in counts} == counts, "what she did still counts"
    assert Activity.objects.count() > log_rows, "the log keeps its rows and records the deletion"
    assert Notice.objects.filter(person=zeynep, state=NoticeState.SENT).count() == 1, "the sent one stays counted"
    assert not Notice.objects.filter(person=zeynep, state=NoticeState.PENDING).exists()
    assert not Session.objects.exists(), "signed out on every device"
    assert other_device.get("/en/stakeholders/my-data/").status_code == 302

    # A call she would have heard of is published, and every reminder comes due: nothing reaches her.
    CallSubscription.objects.create(email="someone.else@example.org", language="en", confirmed_at=timezone.now())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new_call = answerable_call(CallKind.SPEAK)
        new_call.status = PublicationStatus.SUBMITTED
        new_call.closes_at = timezone.now() + timedelta(days=30)
        new_call.save()
        consultation_services.publish_call(new_call, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.update(due_at=timezone.now() - timedelta(minutes=1))
        task_sweep_notices()

    recipients = {address.lower() for message in mail.outbox for address in message.to}
    assert "someone.else@example.org" in recipients, "the call was announced"
    assert recipients.isdisjoint(ADDRESSES)
    assert not Notice.objects.filter(email__in=ADDRESSES).exists()


def test_the_deletion_page_says_the_subscriptions_to_calls_end(client, zeynep):
    consultation_services.subscribe_to_calls(
        email=ADDRESS, person=zeynep, language="en", choices={}, frequency="immediate"
    )
    CallSubscription.objects.create(email=OTHER_ADDRESS, language="en", confirmed_at=timezone.now())
    client.force_login(zeynep)

    response = client.get("/en/stakeholders/my-data/delete/")

    assert (
        "Your 2 subscriptions to news of open calls: ended, and no more e-mails about new calls."
        in response.context["ended"]
    )
    assert CallSubscription.objects.filter(ended_at__isnull=True).count() == 2, "reading the page ends nothing"


def test_subscriptions_of_any_of_her_addresses_end_whatever_their_case(zeynep):
    CallSubscription.objects.create(email="ZEYNEP.WORK@example.org", language="en", confirmed_at=timezone.now())
    someone_else = CallSubscription.objects.create(
        email="someone.else@example.org", language="en", confirmed_at=timezone.now()
    )

    delete_account(zeynep)

    ended = CallSubscription.objects.exclude(pk=someone_else.pk).get()
    assert ended.ended_at is not None
    assert ended.email == zeynep.deleted_address
    someone_else.refresh_from_db()
    assert someone_else.ended_at is None


def test_the_log_keeps_each_change_naming_nobody(zeynep):
    taken = take_part_in_everything(zeynep)
    staff = UserFactory()
    with transaction.atomic():
        record(
            consultation(),
            by=staff,
            field="status",
            before="draft",
            after="submitted",
            note=f"Venue suggested by {NAME} ({ADDRESS}).",
        )

    delete_account(zeynep)

    about_her = Activity.objects.filter(concerns=zeynep)
    assert about_her.filter(note=f"Welcome, {NAME}.").count() == 0
    assert about_her.filter(note="Following the deletion of the account.").exists(), "the deletion says why"
    staff_note = Activity.objects.get(actor=staff)
    assert staff_note.note == "Venue suggested by […] ([…])."
    assert (staff_note.before, staff_note.after) == ("draft", "submitted")
    assert not Activity.objects.filter(subject_label__icontains="views").exists(), "a submission is its number"
    statuses = [after for _actor, field, _before, after, _note in log_of(taken["proposal"]) if field == "status"]
    assert statuses == [ProposalStatus.RECEIVED, ProposalStatus.ACCEPTED, ProposalStatus.WITHDRAWN]


def test_an_accepted_side_event_leaves_the_programme_with_its_words(zeynep):
    proposal = take_part_in_everything(zeynep)["proposal"]
    proposal.refresh_from_db()
    assert proposal.is_scheduled

    delete_account(zeynep)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert (proposal.title, proposal.description, proposal.co_organizers, proposal.decision_note) == ("", "", "", "")
    assert (proposal.starts_at, proposal.place) == (None, "")
    assert FundingApplication.objects.get(person=zeynep).travel_cost == 420, "amounts still count"


def test_a_published_submission_stays_public_without_its_author(zeynep):
    shown = submission(author=zeynep, may_publish=True, status=SubmissionStatus.PUBLISHED)

    delete_account(zeynep)

    shown.refresh_from_db()
    assert shown.author is None
    assert WrittenSubmission.objects.filter(pk=shown.pk, status=SubmissionStatus.PUBLISHED).exists()


def test_invitations_to_her_addresses_go_and_others_stay(zeynep):
    inviting = admin_of(OrganizationFactory())
    organization = inviting.memberships.get().organization
    invite_member(organization, by=inviting, email="zeynep.work@EXAMPLE.org", role="member")
    other = invite_member(organization, by=inviting, email="someone.else@example.org", role="member")

    delete_account(zeynep)

    assert list(Invitation.objects.all()) == [other]
    assert list(Notice.objects.filter(email__endswith="@example.org").values_list("email", flat=True)) == [
        "someone.else@example.org"
    ]
    assert not EmailAddress.objects.filter(user=zeynep).exists()
    assert not apps.get_model("mfa", "Authenticator").objects.filter(user=zeynep).exists()


def test_a_notice_queued_for_a_person_after_they_left_goes_to_nobody(zeynep):
    """A decision taken by staff after the deletion about something the person had asked for queues a
    notice to the account; the account names nobody now, and the notice is cancelled, not sent."""
    delete_account(zeynep)
    zeynep.refresh_from_db()
    notices.queue("organization-decided", OrganizationFactory(), [notices.Recipient.of(zeynep)])
    queued = Notice.objects.get(person=zeynep, state=NoticeState.PENDING)
    mail.outbox.clear()

    assert notices.deliver(queued.pk) == NoticeState.CANCELLED
    assert mail.outbox == []

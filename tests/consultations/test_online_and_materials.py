"""Online participation and session materials.

The link to join a consultation online is for people with a confirmed online place only: on their
participation page and in their e-mails, never on a public page, a feed, a calendar or an export.
Documents and links of the programme are public or for registered participants only; a document for
participants is served to a confirmed participant or an organizer, never to a stranger."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from consultations.enums import CallKind, MaterialAudience, PublicationStatus
from consultations.models import Consultation, SessionMaterial
from portal import notices
from portal.models import Notice
from registrations.enums import Attendance, RegistrationStatus
from registrations.models import Registration
from stakeholders.enums import StaffRole
from tests.factories import (
    PDF,
    ProfileFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
    answerable_call,
    grant,
    log_of,
    pdf,
    published_call,
)

pytestmark = pytest.mark.django_db

JOIN_LINK = "https://meet.example.org/j/98765?pwd=secret-room"
INSTRUCTIONS = "Meeting ID 987 65, passcode 4321."


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def attend():
    """An open call to attend a hybrid consultation that has its link to join."""
    return answerable_call(
        CallKind.ATTEND,
        country="KE",
        commission="",
        join_link=JOIN_LINK,
        joining_instructions=INSTRUCTIONS,
        capacity_online=1,
    )


@pytest.fixture
def secretariat():
    person = ProfileFactory().person
    grant(person, StaffRole.SECRETARIAT)
    return person


def seat(call, *, attendance=Attendance.ONLINE, status=RegistrationStatus.CONFIRMED, person=None):
    return RegistrationFactory(
        call=call, person=person or ProfileFactory().person, attendance=attendance, status=status
    )


def reveals_the_link(text: str) -> bool:
    return "secret-room" in text or "passcode 4321" in text


def page(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# The link to join online


def test_the_join_link_is_absent_from_every_public_response(attend):
    participant = seat(attend).person
    slug = attend.consultation.slug
    public = [
        f"/en/consultations/{slug}/",
        "/en/consultations/",
        "/en/calls/",
        f"/en/calls/{attend.pk}/",
        "/en/calls/feed/",
        f"/consultations/{slug}.ics",
    ]

    visitor, the_participant = Client(), Client()
    the_participant.force_login(participant)  # public pages hide it from them too

    for reader in (visitor, the_participant):
        for url in public:
            response = reader.get(url)
            assert response.status_code == 200, url
            assert not reveals_the_link(response.content.decode()), url


def test_my_participation_shows_the_join_link_to_a_confirmed_online_participant_only(client, attend):
    online = seat(attend)
    waiting = seat(attend, status=RegistrationStatus.WAITLISTED)
    in_person = seat(attend, attendance=Attendance.IN_PERSON)
    cancelled = seat(attend, status=RegistrationStatus.CANCELLED)
    stranger = ProfileFactory().person

    def sees(person):
        client.force_login(person)
        return reveals_the_link(client.get("/en/my-participation/").content.decode())

    assert sees(online.person)
    assert not sees(waiting.person)
    assert not sees(in_person.person)
    assert not sees(cancelled.person)
    assert not sees(stranger)


def test_my_participation_shows_the_instructions_and_says_when_the_link_is_not_there_yet(client, attend):
    online = seat(attend)
    client.force_login(online.person)

    assert INSTRUCTIONS in page(client.get("/en/my-participation/"))
    Consultation.objects.filter(pk=attend.consultation_id).update(join_link="")
    html = page(client.get("/en/my-participation/"))
    assert "The organizers have not given the link to join yet." in html
    assert INSTRUCTIONS in html


def test_the_confirmation_of_an_online_place_carries_the_link_but_not_its_calendar(
    client, attend, django_capture_on_commit_callbacks
):
    person = ProfileFactory().person
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/calls/{attend.pk}/answer/", {"attendance": "online", "consent": "on"})

    (message,) = mail.outbox
    assert Registration.objects.get(person=person).is_confirmed_online
    assert JOIN_LINK in message.body
    assert INSTRUCTIONS in message.body
    assert f'href="{JOIN_LINK.replace("&", "&amp;")}"' in message.alternatives[0].content
    (calendar,) = message.attachments
    assert not reveals_the_link(calendar[1].decode() if isinstance(calendar[1], bytes) else calendar[1])


@pytest.mark.parametrize("attendance", ["in-person", "online"])
def test_a_place_in_the_room_or_on_the_waiting_list_is_not_told_the_link(
    client, attend, attendance, django_capture_on_commit_callbacks
):
    seat(attend)  # the one online place is taken: an online registration waits
    client.force_login(ProfileFactory().person)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/calls/{attend.pk}/answer/", {"attendance": attendance, "consent": "on"})

    (message,) = mail.outbox
    assert not reveals_the_link(message.body)
    assert not reveals_the_link(message.alternatives[0].content)


def test_without_a_link_the_confirmation_says_it_will_come_before_the_meeting(
    client, attend, django_capture_on_commit_callbacks
):
    Consultation.objects.filter(pk=attend.consultation_id).update(join_link="")
    client.force_login(ProfileFactory().person)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/calls/{attend.pk}/answer/", {"attendance": "online", "consent": "on"})

    (message,) = mail.outbox
    assert (
        "The organizers have not given the link to join yet. "
        "You will find it on your “My participation” page before the meeting." in message.body
    )


def test_the_reminder_the_day_before_carries_a_link_given_after_registering(client, attend):
    Consultation.objects.filter(pk=attend.consultation_id).update(join_link="")
    person = ProfileFactory().person
    client.force_login(person)
    client.post(f"/en/calls/{attend.pk}/answer/", {"attendance": "online", "consent": "on"})
    Consultation.objects.filter(pk=attend.consultation_id).update(join_link=JOIN_LINK)

    reminder = Notice.objects.get(kind="consultation-starting", reminder="1d", email=person.email)
    registration = Registration.objects.select_related("consultation").get(person=person)
    message = notices.build_message(reminder, notices.KINDS["consultation-starting"], registration)

    assert JOIN_LINK in message.body


def test_the_organizers_export_and_the_persons_own_data_hold_no_join_link(client, attend, secretariat):
    online = seat(attend)
    client.force_login(secretariat)
    export = client.get(f"/en/manage/consultations/{attend.consultation.slug}/registrations/?format=csv")
    client.force_login(online.person)
    own = client.get("/en/stakeholders/my-data/download/")

    assert export.status_code == own.status_code == 200
    assert not reveals_the_link(export.content.decode())
    assert not reveals_the_link(own.content.decode())


def test_a_focal_point_gives_the_join_link_after_publication_and_the_log_keeps_no_link(client, attend):
    kenya = ProfileFactory().person
    grant(kenya, StaffRole.FOCAL_POINT, country="KE")
    Consultation.objects.filter(pk=attend.consultation_id).update(country="KE", commission="", join_link="")
    client.force_login(kenya)

    response = client.post(
        f"/en/manage/consultations/{attend.consultation.slug}/joining/",
        {"join_link": JOIN_LINK, "joining_instructions": INSTRUCTIONS},
    )

    assert response.status_code == 302
    joined = Consultation.objects.get(pk=attend.consultation_id)
    assert (joined.join_link, joined.joining_instructions) == (JOIN_LINK, INSTRUCTIONS)
    (who, field, _before, _after, _note) = entry = log_of(joined)[-1]
    assert (who, field) == (kenya, "join_link")
    assert JOIN_LINK not in str(entry)


def test_a_join_link_that_is_not_an_address_is_refused_keeping_the_instructions(client, attend):
    secretariat = ProfileFactory().person
    grant(secretariat, StaffRole.SECRETARIAT)
    client.force_login(secretariat)

    response = client.post(
        f"/en/manage/consultations/{attend.consultation.slug}/joining/",
        {"join_link": "meeting 826 4411", "joining_instructions": INSTRUCTIONS},
    )

    assert response.status_code == 200
    assert "join_link" in response.context["form"].errors
    assert response.context["form"]["joining_instructions"].value() == INSTRUCTIONS


def test_another_countrys_focal_point_cannot_give_the_join_link(client, attend):
    Consultation.objects.filter(pk=attend.consultation_id).update(country="KE", commission="")
    elsewhere = ProfileFactory().person
    grant(elsewhere, StaffRole.FOCAL_POINT, country="PE")
    client.force_login(elsewhere)

    response = client.post(f"/en/manage/consultations/{attend.consultation.slug}/joining/", {"join_link": JOIN_LINK})

    assert response.status_code == 403


# Session materials


@pytest.fixture
def held(secretariat):
    """A published consultation with one session, and its organizer signed in."""
    call = published_call(kind=CallKind.ATTEND)
    place = call.consultation
    place.country, place.commission = "KE", ""
    place.save()
    SessionFactory(consultation=place, title="Opening plenary")
    return place


def add(client, place, *, lang="en", **fields):
    data = {"title": "Concept note", "language": "en", "audience": MaterialAudience.PUBLIC, **fields}
    return client.post(f"/{lang}/manage/consultations/{place.slug}/materials/", data)


def material(place, **fields):
    values = {
        "consultation": place,
        "title": "Slides of the opening",
        "language": "en",
        "document": pdf("speaker-home-address.pdf"),
        "audience": MaterialAudience.PARTICIPANTS,
        **fields,
    }
    return SessionMaterial.objects.create(**values)


def test_the_organizers_attach_a_pdf_to_a_session_under_a_name_of_its_own(client, held, secretariat, settings):
    client.force_login(secretariat)
    session = held.sessions.get()

    response = add(client, held, session=session.pk, document=pdf("draft-v3-private.pdf"))

    assert response.status_code == 302
    attached = SessionMaterial.objects.get()
    assert (attached.session, attached.title, attached.added_by) == (session, "Concept note", secretariat)
    assert "draft-v3-private" not in attached.document.name
    assert (settings.MEDIA_ROOT / attached.document.name).read_bytes() == PDF
    assert "Concept note" in page(client.get(response.url))


def test_a_non_pdf_is_refused_with_a_translated_error_keeping_the_title(client, held, secretariat):
    client.force_login(secretariat)
    fake = SimpleUploadedFile("notes.pdf", b"just some text", content_type="application/pdf")

    response = add(client, held, lang="fr", title="Note de cadrage", document=fake)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["document"] == ["Ce fichier n'est pas un document PDF, quoi qu'en dise son nom."]
    assert form["title"].value() == "Note de cadrage"
    assert 'value="Note de cadrage"' in response.content.decode()
    assert SessionMaterial.objects.count() == 0


def test_a_document_and_a_link_together_are_refused_beside_the_link(client, held, secretariat):
    client.force_login(secretariat)

    both = add(client, held, document=pdf(), link="https://example.org/notes")
    neither = add(client, held)

    assert both.context["form"].errors["link"] == ["Give a document or a link, not both."]
    assert neither.context["form"].errors["document"] == ["Attach a PDF document or give a link."]
    assert SessionMaterial.objects.count() == 0


def test_a_focal_point_of_another_country_cannot_manage_the_materials(client, held):
    elsewhere = ProfileFactory().person
    grant(elsewhere, StaffRole.FOCAL_POINT, country="MX")
    client.force_login(elsewhere)

    assert client.get(f"/en/manage/consultations/{held.slug}/materials/").status_code == 403
    assert add(client, held, link="https://example.org/notes").status_code == 403
    assert SessionMaterial.objects.count() == 0


def test_a_participant_only_document_is_refused_to_strangers_and_served_to_a_confirmed_participant(client, held):
    slides = material(held)
    confirmed = RegistrationFactory(call=held.calls.get(), person=ProfileFactory().person)
    waiting = RegistrationFactory(call=held.calls.get(), status=RegistrationStatus.WAITLISTED, confirmed_at=None)
    url = f"/en/materials/{slides.pk}/"

    assert client.get(url).status_code == 302  # a visitor is asked to sign in
    for stranger in (ProfileFactory().person, waiting.person):
        client.force_login(stranger)
        assert client.get(url).status_code == 403
    client.force_login(confirmed.person)
    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="slides-of-the-opening.pdf"' in response["Content-Disposition"]
    assert "speaker-home-address" not in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]


def test_the_organizers_open_a_participant_only_document(client, held, secretariat):
    slides = material(held)
    client.force_login(secretariat)

    assert client.get(f"/en/materials/{slides.pk}/").status_code == 200


def test_a_public_document_is_served_to_everyone_and_a_link_is_followed(client, held):
    concept = material(held, title="Concept note", audience=MaterialAudience.PUBLIC)
    recording = material(held, document="", link="https://video.example.org/opening", audience=MaterialAudience.PUBLIC)

    assert client.get(f"/en/materials/{concept.pk}/").status_code == 200
    followed = client.get(f"/en/materials/{recording.pk}/")
    assert (followed.status_code, followed.url) == (302, "https://video.example.org/opening")


def test_the_page_lists_participant_only_materials_only_to_those_who_may_open_them(client, held):
    material(held, title="Concept note", audience=MaterialAudience.PUBLIC)
    material(held)
    participant = RegistrationFactory(call=held.calls.get(), person=ProfileFactory().person).person

    visitor = page(client.get(held.get_absolute_url()))
    client.force_login(participant)
    registered = page(client.get(held.get_absolute_url()))

    assert "Concept note" in visitor
    assert "Concept note" in registered
    assert "Slides of the opening" not in visitor
    assert "1 more document or link is for registered participants only" in visitor
    assert "Slides of the opening" in registered


def test_a_sessions_materials_are_read_once_whatever_the_number_of_sessions(held, secretariat):
    def queries_for(sessions: int) -> int:
        for number in range(sessions - held.sessions.count()):
            SessionFactory(consultation=held, starts_at=held.starts_at + timedelta(hours=number + 1))
        for session in held.sessions.all():
            material(held, session=session, title=f"Notes of {session.title}")
        request = RequestFactory().get("/")
        request.user = type(secretariat).objects.get(pk=secretariat.pk)  # roles read afresh, as in a request
        template = Template(
            "{% for session in sessions %}"
            '{% include "consultations/includes/session_materials.html" with session=session %}'
            "{% endfor %}"
        )
        sessions_shown = list(held.sessions.all())
        with CaptureQueriesContext(connection) as queries:
            html = template.render(Context({"request": request, "consultation": held, "sessions": sessions_shown}))
        assert all(f"Notes of {session.title}" in html for session in sessions_shown)
        return len(queries)

    assert queries_for(2) == queries_for(8)


def test_removing_a_material_takes_its_file_away_once_the_removal_commits(
    client, held, secretariat, settings, django_capture_on_commit_callbacks
):
    slides = material(held)
    stored = settings.MEDIA_ROOT / slides.document.name
    client.force_login(secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/manage/consultations/{held.slug}/materials/{slides.pk}/remove/")

    assert response.status_code == 302
    assert not SessionMaterial.objects.exists()
    assert not stored.exists()


def test_the_workspace_links_the_materials_to_its_organizers(client, held, secretariat):
    client.force_login(secretariat)

    assert f'href="/en/manage/consultations/{held.slug}/materials/"' in page(
        client.get(f"/en/manage/consultations/{held.slug}/")
    )


def test_a_material_of_an_unpublished_consultation_is_for_its_organizers_only(client, held, secretariat):
    concept = material(held, audience=MaterialAudience.PUBLIC)
    Consultation.objects.filter(pk=held.pk).update(status=PublicationStatus.DRAFT)
    client.force_login(UserFactory())

    assert client.get(f"/en/materials/{concept.pk}/").status_code == 403
    client.force_login(secretariat)
    assert client.get(f"/en/materials/{concept.pk}/").status_code == 200

"""Demo: the regional consultation for Europe and North America with a full programme. Its call to
speak has closed and eight speakers confirmed their slots, each appearing as they chose (two of them
anonymously); two side events are accepted and scheduled and a third waits for a decision; the
sessions have materials; online participants get a join link. Loading it again changes nothing."""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from consultations.enums import CallKind, MaterialAudience
from consultations.models import Consultation, OpenCall, SessionMaterial
from consultations.services import add_material
from portal.demo_files import leaflet, portrait
from registrations.enums import Appearance, InterestStatus, ProposalStatus, SelectionStatus
from registrations.models import ExpressionOfInterest, Selection, SideEventProposal
from registrations.services.side_events import decide_side_event
from stakeholders.models import Membership, Organization, Profile
from stakeholders.photos import save_speaker_profile

CONSULTATION = "europe-2026"
JOIN_LINK = "https://meet.example.org/gcm-regional-review-{slug}"
JOINING = "Meeting ID 826 4411 2026, passcode GCM2026. Join 15 minutes early to test your sound and captions."


@dataclass(frozen=True)
class DemoSpeaker:
    email: str
    name: str
    organization: str  # a demo organization's slug, or "" for an individual
    country: str
    appearance: str
    session: int  # position in the programme, or None for "any session"
    biography: str = ""
    biography_language: str = "en"
    affiliation: str = ""


A = Appearance
SPEAKERS = [
    DemoSpeaker(
        "ngozi@demo.wos-engage.org",
        "Ngozi Okonkwo",
        "ntumd",
        "SE",
        A.FULL,
        0,
        "Ngozi coordinates a network of migrant trade unionists in the Nordic countries and negotiated "
        "the first sector-wide agreement for migrant cleaners in Sweden.",
        affiliation="Nordic Trade Union Migrant Desk",
    ),
    DemoSpeaker(
        "julien@demo.wos-engage.org",
        "Julien Moreau",
        "rdae",
        "FR",
        A.FULL,
        1,
        "Julien dirige le service juridique d'un réseau d'associations de la diaspora africaine en Europe "
        "et accompagne des travailleurs saisonniers.",
        biography_language="fr",
        affiliation="Réseau de la diaspora africaine en Europe",
    ),
    DemoSpeaker(
        "olena@demo.wos-engage.org",
        "Olena Kovalenko",
        "",
        "PL",
        A.FULL,
        1,
        "Олена — дослідниця трудової міграції, працює з українськими сезонними працівниками в Польщі.",
        biography_language="uk",
        affiliation="University of Warsaw",
    ),
    DemoSpeaker("farid@demo.wos-engage.org", "Farid Haidari", "rdae", "BE", A.NAME, 1),
    DemoSpeaker("anonymous.one@demo.wos-engage.org", "Samira B.", "anmr", "JO", A.ANONYMOUS, 2),
    DemoSpeaker(
        "maria@demo.wos-engage.org",
        "María José Quispe",
        "afra",
        "CO",
        A.FULL,
        2,
        "María José acompaña a mujeres migrantes retornadas y dirige un programa de reintegración comunitaria.",
        biography_language="es",
        affiliation="Alianza de Familias Retornadas (AFRA)",
    ),
    DemoSpeaker("anonymous.two@demo.wos-engage.org", "Tomasz W.", "", "DE", A.ANONYMOUS, 2),
    DemoSpeaker("ahmed@demo.wos-engage.org", "Ahmed Yusuf", "ntumd", "SE", A.NAME, None),
]
SIDE_EVENTS = [
    # (proposer, title, description, hours after the start, place, online link, decided)
    (
        "julien@demo.wos-engage.org",
        "Seasonal work without exploitation",
        "Seasonal workers and employers compare what changed since the last review.",
        5,
        "Room XXIV, Palais des Nations",
        "",
        True,
    ),
    (
        "ngozi@demo.wos-engage.org",
        "Migrant unions online: organizing across borders",
        "A one-hour online exchange for migrant worker organizers who cannot travel.",
        6,
        "",
        "https://meet.example.org/migrant-unions-side-event",
        True,
    ),
    (
        "maria@demo.wos-engage.org",
        "Return and reintegration: voices of women",
        "Women who returned share what helped them and what did not.",
        None,
        "",
        "",
        False,
    ),
]


def seed_demo_programme() -> int:
    """The full programme of the Europe consultation; how many confirmed speakers it has."""
    consultation = Consultation.objects.filter(slug=CONSULTATION).first()
    secretariat = get_user_model().objects.filter(email="secretariat@demo.wos-engage.org").first()
    if consultation is None or secretariat is None:
        return 0
    give_join_links()
    speak = close_call_to_speak(consultation)
    interests = [confirmed_speaker(speak, speaker) for speaker in SPEAKERS]
    Selection.objects.update_or_create(
        call=speak,
        status=SelectionStatus.PUBLISHED,
        defaults={
            "selected": [interest.pk for interest in interests],
            "reserve": [],
            "created_by": secretariat,
            "published_at": speak.closes_at + timedelta(days=5),
        },
    )
    seed_side_events(consultation, by=secretariat)
    seed_materials(consultation, by=secretariat)
    return len(interests)


def give_join_links() -> None:
    """The consultations people can join online have a link (the demo stakeholder is registered online
    for the African one)."""
    for slug in (CONSULTATION, "africa-2026"):
        Consultation.objects.filter(slug=slug).update(
            join_link=JOIN_LINK.format(slug=slug), joining_instructions=JOINING
        )


def close_call_to_speak(consultation) -> OpenCall:
    """The call to speak closed two weeks ago: its selection is published and confirmed."""
    today = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    speak = OpenCall.objects.get(consultation=consultation, kind=CallKind.SPEAK)
    speak.opens_at, speak.closes_at = today - timedelta(days=45), today - timedelta(days=14)
    speak.save(update_fields=["opens_at", "closes_at"])
    return speak


def speaker_account(speaker: DemoSpeaker):
    # Speakers of the demo do not sign in: their accounts have no usable password.
    person, _created = get_user_model().objects.update_or_create(
        email=speaker.email,
        defaults={"display_name": speaker.name, "is_active": True},
        create_defaults={"display_name": speaker.name, "password": make_password(None)},
    )
    EmailAddress.objects.update_or_create(
        user=person, email=speaker.email, defaults={"verified": True, "primary": True}
    )
    profile, _created = Profile.objects.get_or_create(
        person=person, defaults={"country_of_residence": speaker.country, "is_individual": not speaker.organization}
    )
    if speaker.biography and not profile.biography:
        photo = ContentFile(portrait(speaker.name), name="portrait.jpg") if speaker.appearance == A.FULL else None
        save_speaker_profile(
            person,
            by=person,
            affiliation=speaker.affiliation,
            biography=speaker.biography,
            biography_language=speaker.biography_language,
            photo=photo,
        )
    return person


def confirmed_speaker(speak: OpenCall, speaker: DemoSpeaker) -> ExpressionOfInterest:
    person = speaker_account(speaker)
    organization = Organization.objects.filter(slug=speaker.organization).first()
    if organization is not None:
        Membership.objects.get_or_create(person=person, organization=organization)
    sessions = list(speak.consultation.sessions.order_by("starts_at"))
    existing = ExpressionOfInterest.objects.filter(call=speak, person=person).first()
    if existing is not None:
        return existing
    last = ExpressionOfInterest.objects.filter(call=speak).aggregate(last=Max("arrival"))["last"] or 0
    return ExpressionOfInterest.objects.create(
        call=speak,
        person=person,
        organization=organization,
        session=None if speaker.session is None else sessions[speaker.session],
        statement="What our members learned about decent work, and what the review should ask of States.",
        arrival=last + 1,
        status=InterestStatus.CONFIRMED,
        appearance=speaker.appearance,
        responded_at=speak.closes_at + timedelta(days=7),
    )


def seed_side_events(consultation, *, by) -> None:
    call = OpenCall.objects.get(consultation=consultation, kind=CallKind.SIDE_EVENT)
    for email, title, description, hours, place, link, decided in SIDE_EVENTS:
        person = get_user_model().objects.get(email=email)
        proposal, _created = SideEventProposal.objects.get_or_create(
            call=call, person=person, title=title, defaults={"description": description}
        )
        if decided and proposal.status == ProposalStatus.RECEIVED:
            starts_at = consultation.starts_at + timedelta(hours=hours)
            decide_side_event(
                proposal,
                by=by,
                accept=True,
                note="Thank you: the room and the interpretation are booked.",
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=1),
                place=place,
                online_link=link,
            )


def seed_materials(consultation, *, by) -> None:
    if SessionMaterial.objects.filter(consultation=consultation).exists():
        return
    sessions = list(consultation.sessions.order_by("starts_at"))
    note = ContentFile(
        leaflet(
            "Concept note",
            [
                "Regional consultation for Europe and North America",
                "Purpose: to prepare the stakeholders' contribution to the Regional Review",
                "of the Global Compact for Safe, Orderly and Regular Migration.",
            ],
        ),
        name="concept-note.pdf",
    )
    add_material(
        consultation, by=by, title="Concept note", language="en", audience=MaterialAudience.PUBLIC, document=note
    )
    add_material(
        consultation,
        by=by,
        title="Global Compact for Safe, Orderly and Regular Migration (full text)",
        language="en",
        audience=MaterialAudience.PUBLIC,
        link="https://www.un.org/en/development/desa/population/migration/generalassembly/docs/globalcompact/A_RES_73_195.pdf",
    )
    background = ContentFile(
        leaflet("Background paper: decent work", ["Questions for the panel, for registered participants."]),
        name="background.pdf",
    )
    add_material(
        consultation,
        by=by,
        title="Background paper for the panel",
        language="en",
        audience=MaterialAudience.PARTICIPANTS,
        session=sessions[1],
        document=background,
    )

"""Demo: the regional consultation for Europe and North America with a full programme. Its call to
speak has closed; its selection was made through the real services (reviews, the engine's proposal,
one change by hand with its reason category, publication), and eight speakers confirmed their slots,
each appearing as they chose (two of them anonymously), so that the public record of how the call
was run is generated for it. Two side events are accepted and scheduled and a third waits for a
decision; the sessions have materials; online participants get a join link. Loading it again changes
nothing."""

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
from registrations.enums import Appearance, ChangeReason, InterestStatus, ProposalStatus, SelectionStatus
from registrations.models import DiversityRule, ExpressionOfInterest, Selection, SideEventProposal
from registrations.queries.reviews import criteria_of, settings_of
from registrations.services.reviews import assign_reviewer, save_review, set_rubric
from registrations.services.selection import propose_speakers, publish_selection, respond_to_selection, swap_speakers
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
# Ranked first by the reviewer and proposed by the engine, then taken out by hand before publication:
# she wrote that she could not travel on the dates. Ahmed, ranked last, takes her place.
CANNOT_TRAVEL = DemoSpeaker("giulia@demo.wos-engage.org", "Giulia Ferrante", "", "IT", A.ANONYMOUS, None)
CHANGE_BY_HAND = (ChangeReason.AVAILABILITY, "Giulia wrote that she cannot travel on the dates of the meeting.")
RUBRIC = [("Relevance to the session", 40), ("Lived experience", 30), ("Regional perspective", 30)]
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
    if not Selection.objects.filter(call=speak, status=SelectionStatus.PUBLISHED).exists():
        select_speakers(speak, by=secretariat)
    seed_side_events(consultation, by=secretariat)
    seed_materials(consultation, by=secretariat)
    return ExpressionOfInterest.objects.filter(call=speak, status=InterestStatus.CONFIRMED).count()


def select_speakers(speak: OpenCall, *, by) -> None:
    """The selection as the secretariat makes one: the demo reviewer scores every expression of
    interest, the engine proposes, one change by hand with its reason, publication; then each
    speaker confirms and chooses how they appear."""
    interests = [applied(speak, speaker) for speaker in SPEAKERS]
    giulia = applied(speak, CANNOT_TRAVEL)
    settings = settings_of(speak)
    settings.speakers, settings.reserves, settings.one_per_organization = len(SPEAKERS), 2, False
    settings.save(update_fields=["speakers", "reserves", "one_per_organization"])
    if not settings.criteria.exists():
        set_rubric(speak, by=by, criteria=RUBRIC)
    DiversityRule.objects.get_or_create(selection_settings=settings, dimension="country", value="", maximum=2)
    reviewer = get_user_model().objects.get(email="reviewer@demo.wos-engage.org")
    assign_reviewer(speak.consultation, by=by, reviewer=reviewer)
    criteria = criteria_of(speak)
    # Giulia first, Ahmed last: the engine proposes her and leaves him out.
    for interest, score in [(giulia, 5), *((interest, 4) for interest in interests[:-1]), (interests[-1], 2)]:
        save_review(interest, reviewer=reviewer, scores={str(criterion.pk): score for criterion in criteria})
    selection = propose_speakers(speak, by=by)
    category, reason = CHANGE_BY_HAND
    swap_speakers(selection, by=by, remove=giulia.pk, add=interests[-1].pk, category=category, reason=reason)
    publish_selection(selection, by=by)
    for speaker, interest in zip(SPEAKERS, interests, strict=True):
        respond_to_selection(interest, accept=True, appearance=speaker.appearance)


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
    # Announced three weeks before it opened, as the rule asks: its public record says so.
    speak.published_at = speak.opens_at - timedelta(days=21)
    speak.save(update_fields=["opens_at", "closes_at", "published_at"])
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


def applied(speak: OpenCall, speaker: DemoSpeaker) -> ExpressionOfInterest:
    """The person's expression of interest, received before the call closed."""
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

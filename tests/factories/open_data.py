"""A small, realistic world for the open data API: what the public may read, beside everything it
must never read (addresses, personal attributes, drafts, hidden answers, unlisted organizations,
links to join online). `open_data_world()` returns the private strings to look for."""

from datetime import UTC, datetime, timedelta

from consultations.enums import CallKind, Provenance, PublicationStatus, SubmissionStatus
from consultations.models import CallEligibility, Summary
from registrations.enums import Appearance, ChangeReason, InterestStatus, ProposalStatus
from registrations.queries.reviews import criteria_of, settings_of
from registrations.services.reviews import set_rubric
from registrations.services.selection import propose_speakers, publish_selection, swap_speakers
from stakeholders.enums import Gender, StaffRole, StakeholderCategory, Verification
from stakeholders.models import GcmObjective, Profile
from stakeholders.photos import save_speaker_profile
from tests.factories.consultations import SessionFactory, call, consultation, submission
from tests.factories.registrations import ExpressionOfInterestFactory, ReviewFactory, SideEventProposalFactory
from tests.factories.stakeholders import OrganizationFactory, ProfileFactory, UserFactory, grant, photo

PUBLISHED = PublicationStatus.PUBLISHED


def person_with_private_profile(name: str):
    """Someone who answered every optional question of the profile."""
    person = UserFactory(display_name=name)
    ProfileFactory(
        person=person,
        gender="self-described",
        age_group="45-59",
        migration_background="refugee",
        disability="prefer-not",
        accessibility_needs="Private: a quiet room, please",
        country_of_residence="KE",
    )
    return person


def public_consultation(slug: str, *, now, ended=False, **fields):
    """A published consultation in English (the original) and French (machine-translated), with the
    private link and instructions to join online."""
    starts = now - timedelta(days=10) if ended else now + timedelta(days=30)
    return consultation(
        slug=slug,
        status=PUBLISHED,
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        title_en="Regional consultation for Africa",
        title_fr="Consultation régionale pour l'Afrique",
        description_en="Civil society reviews the Compact.",
        description_fr="La société civile examine le Pacte.",
        provenance={"en": Provenance.ORIGINAL, "fr": Provenance.MACHINE},
        join_link="https://meet.example.org/private-join-link",
        joining_instructions="Private passcode 991122",
        **fields,
    )


SHORT_NOTICE_REASON = "The regional review was brought forward by the host government"
SWAP_REASON = "Private reason for the swap: Ms Secretname cannot come."


def applied(speak, *, organization, times: int, gender=Gender.WOMAN, status=InterestStatus.RECEIVED) -> list:
    """`times` people who offered to speak for `organization`, each reviewed (the best first)."""
    interests = []
    for number in range(times):
        person = ProfileFactory(gender=gender, person__display_name=f"Private Applicant {speak.pk}-{number}").person
        interest = ExpressionOfInterestFactory(call=speak, person=person, organization=organization, status=status)
        ReviewFactory(interest=interest, scores={str(criterion.pk): 5 - number % 6 for criterion in criteria_of(speak)})
        interests.append(interest)
    return interests


def run_call(place, *, now, secretariat=None) -> dict:
    """A call to speak at `place`, published at short notice with a reason, whose selection is
    published: 9 people of a civil-society organization in Kenya and a group of 3 of a university in
    Nigeria applied; 5 were chosen, one of them swapped by hand with a written reason."""
    if secretariat is None:
        secretariat = UserFactory(display_name="Private Secretariat Member")
        grant(secretariat, StaffRole.SECRETARIAT)
    published = now - timedelta(days=40)
    speak = call(
        consultation=place,
        kind=CallKind.SPEAK,
        status=PUBLISHED,
        published_at=published,
        opens_at=published,
        closes_at=published + timedelta(days=10),
        short_notice_reason=SHORT_NOTICE_REASON,
    )
    options = settings_of(speak)
    options.speakers, options.reserves, options.one_per_organization = 5, 3, False
    options.save()
    set_rubric(speak, by=None, criteria=[("Relevance", 60), ("Lived experience", 40)])
    # Verified, outside the public directory: counted, never named.
    civil = OrganizationFactory(category=StakeholderCategory.CIVIL_SOCIETY, country="KE", is_listed_publicly=False)
    university = OrganizationFactory(category=StakeholderCategory.ACADEMIA, country="NG", is_listed_publicly=False)
    people = [
        *applied(speak, organization=civil, times=9),
        *applied(speak, organization=university, times=3, gender=Gender.NON_BINARY),
    ]
    selection = propose_speakers(speak, by=secretariat)
    swap_speakers(
        selection,
        by=secretariat,
        remove=selection.selected[0],
        add=selection.reserve[0],
        category=ChangeReason.BALANCE,
        reason=SWAP_REASON,
    )
    publish_selection(selection, by=secretariat)
    return {"call": speak, "people": [interest.person for interest in people], "small_group": university}


def open_data_world(*, media=True) -> dict:
    now = datetime.now(UTC)
    listed = OrganizationFactory(slug="voices", name_en="Voices of Migrants", name_ar="أصوات المهاجرين")
    unlisted = OrganizationFactory(slug="unlisted", name_en="Private Unlisted Shelter", is_listed_publicly=False)
    pending = OrganizationFactory(
        slug="pending", name_en="Private Unverified Collective", verification=Verification.PENDING
    )

    upcoming = public_consultation("upcoming", now=now, commission="ECA")
    upcoming.title_ar = "مشاورة إقليمية لأفريقيا"
    upcoming.description_ar = "يستعرض المجتمع المدني الميثاق."
    upcoming.provenance["ar"] = Provenance.CHECKED
    upcoming.save()
    upcoming.co_organizers.add(listed, unlisted, pending)
    ended = public_consultation("ended", now=now, ended=True, commission="ECE")
    without_summary = public_consultation("no-summary", now=now, ended=True, commission="ESCAP")
    consultation(slug="private-draft", title_en="Private draft consultation", status=PublicationStatus.DRAFT)

    speak = call(
        consultation=upcoming,
        kind=CallKind.SPEAK,
        status=PUBLISHED,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=20),
        return_comment="Private comment of the secretariat",
    )
    speak.objectives.add(GcmObjective.objects.get(number=2))
    CallEligibility.objects.create(call=speak, commission="ECA")
    call(
        consultation=upcoming,
        kind=CallKind.ATTEND,
        status=PUBLISHED,
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=25),
        title_en="Register to attend",
        text_en="Come and take part.",
    )
    written = call(
        consultation=ended,
        kind=CallKind.WRITTEN_SUBMISSION,
        status=PUBLISHED,
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=11),
        title_en="Written submissions",
        text_en="Send your views.",
    )
    call(consultation=upcoming, title_en="Private draft call", status=PublicationStatus.DRAFT)
    call(consultation=upcoming, title_en="Private returned call", status=PublicationStatus.RETURNED)

    session = SessionFactory(consultation=upcoming, title_en="Opening panel", title_fr="Panel d'ouverture")
    SessionFactory(consultation=upcoming, title_en="Closing plenary")
    speakers = {
        Appearance.FULL: person_with_private_profile("Amina Full-Profile"),
        Appearance.NAME: person_with_private_profile("Bruno Name-Only"),
        Appearance.ANONYMOUS: person_with_private_profile("Private Anonymous Speaker"),
    }
    if media:
        full = speakers[Appearance.FULL]
        save_speaker_profile(
            full, by=full, affiliation="Voices of Migrants", biography="", biography_language="", photo=photo()
        )
    for appearance, person in speakers.items():
        ExpressionOfInterestFactory(
            call=speak,
            person=person,
            session=session,
            status=InterestStatus.CONFIRMED,
            appearance=appearance,
            organization=unlisted if appearance == Appearance.ANONYMOUS else None,
            statement="Private statement of interest",
        )
    ExpressionOfInterestFactory(call=speak, person=person_with_private_profile("Private Received Speaker"))

    side_events = call(consultation=upcoming, kind=CallKind.SIDE_EVENT, status=PUBLISHED)
    SideEventProposalFactory(
        call=side_events,
        title="Fair recruitment in practice",
        organization=listed,
        status=ProposalStatus.ACCEPTED,
        starts_at=upcoming.starts_at + timedelta(hours=9),
        ends_at=upcoming.starts_at + timedelta(hours=10),
        place="Room 4",
        online_link="https://meet.example.org/private-side-event-link",
        decision_note="Private note to the proposers",
    )
    SideEventProposalFactory(
        call=side_events,
        title="Hosted by a hidden shelter",
        organization=unlisted,
        status=ProposalStatus.ACCEPTED,
        starts_at=upcoming.starts_at + timedelta(hours=11),
        ends_at=upcoming.starts_at + timedelta(hours=12),
    )
    SideEventProposalFactory(call=side_events, title="Private declined side event", status=ProposalStatus.DECLINED)

    author = person_with_private_profile("Private Submission Author")
    shown = submission(
        call=written, author=author, organization=listed, may_publish=True, status=SubmissionStatus.PUBLISHED
    )
    submission(
        call=written,
        author=author,
        organization=unlisted,
        title="Views of an unlisted organization",
        may_publish=True,
        status=SubmissionStatus.PUBLISHED,
    )
    submission(call=written, author=author, title="Private received submission", may_publish=True)
    submission(call=written, author=author, title="Private refused submission", status=SubmissionStatus.NOT_PUBLISHED)
    summary = Summary.objects.create(
        consultation=ended, body_en="## What we heard\n\nRegular pathways matter.", published_at=now, written_by=author
    )
    summary.submissions.add(shown)
    Summary.objects.create(consultation=without_summary, body_en="Private unpublished summary")
    run = run_call(ended, now=now)

    people = [*speakers.values(), author, *run["people"]]
    return {
        "private": [
            *(person.email for person in people),
            "Private",  # every private text above says so
            "private-join-link",
            "private-side-event-link",
            "private-draft",
            "991122",
            "self-described",
            "non-binary",  # the group of 3 who offered to speak in run_call
            "refugee",
            "gender",
            "age_group",
            "migration_background",
            "disability",
            "statement",
            "email",
        ],
        "profiles": Profile.objects.filter(person__in=people),
        "run": run["call"],
    }

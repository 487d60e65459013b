"""How confirmed speakers appear in public: the programme, the speaker pages, the calendars and the
photos. Each speaker chose, for each place they speak at (registrations.enums.Appearance):

- FULL: name, affiliation, biography and photo, with a speaker page;
- NAME: name only, with a speaker page that shows nothing more;
- ANONYMOUS: "a speaker from <sub-region>, <category>", never linked to anything.

A speaker page is per person and lists only their named appearances, so that an anonymous appearance
elsewhere cannot be tied to it. A person without a display name is shown anonymously wherever they
are: an e-mail address never stands in for a name."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from consultations.enums import PublicationStatus
from portal.languages import is_rtl
from registrations.enums import Appearance, InterestStatus
from registrations.models import ExpressionOfInterest
from stakeholders.geography import area_name, placement_of
from stakeholders.models import Profile, in_every_language
from stakeholders.photos import photo_url

NAMED = (Appearance.FULL, Appearance.NAME)


def confirmed():
    """Confirmed speakers of published consultations: who may appear in public at all."""
    return ExpressionOfInterest.objects.filter(
        status=InterestStatus.CONFIRMED, call__consultation__status=PublicationStatus.PUBLISHED
    )


def named_appearances():
    """Where people appear by their name, in public."""
    return confirmed().filter(appearance__in=NAMED).exclude(person__display_name="")


PUBLIC, OWN = "public", "own"


def photo_audience(name: str, user) -> str | None:
    """Who may see a stored photo: PUBLIC while a person whose photo it is appears with their full
    profile somewhere public; OWN for that person themself; None for anyone else (not found)."""
    people = set(Profile.objects.filter(photo=name).values_list("person_id", flat=True))
    if not people:
        return None
    if named_appearances().filter(person_id__in=people, appearance=Appearance.FULL).exists():
        return PUBLIC
    if user.is_authenticated and user.pk in people:
        return OWN
    return None


def _profile(person):
    try:
        return person.profile
    except Profile.DoesNotExist:
        return None


def anonymous_description(interest) -> str:
    """ "A speaker from Eastern Africa, Civil society organizations": the sub-region and category of the
    organization they speak for, or the sub-region they live in when they speak for themselves."""
    organization = interest.organization
    if organization is not None:
        country, category = organization.country.code, organization.category_label
    else:
        profile = _profile(interest.person)
        country, category = (profile.country_of_residence.code if profile else ""), ""
    place = placement_of(country) if country else None
    area = area_name(place.balance_sub_region) if place else ""
    if area and category:
        return _("A speaker from %(area)s, %(category)s") % {"area": area, "category": category}
    if area:
        return _("A speaker from %(area)s") % {"area": area}
    if category:
        return _("A speaker, %(category)s") % {"category": category}
    return _("A speaker")


@dataclass(frozen=True)
class PublicSpeaker:
    """One speaker as a public page shows them: a name with a page, or a description without one."""

    name: str = ""
    affiliation: str = ""
    url: str = ""
    description: str = ""
    photo_url: str = ""  # with their full profile only

    @property
    def is_anonymous(self) -> bool:
        return not self.name

    def __str__(self):
        return ", ".join(filter(None, (self.name, self.affiliation))) if self.name else self.description


def affiliation_of(interest) -> str:
    profile = _profile(interest.person)
    return (profile.affiliation if profile else "") or (str(interest.organization) if interest.organization else "")


def public_speaker(interest) -> PublicSpeaker:
    """A confirmed speaker as they chose to appear (the interest comes with its person, profile and
    organization)."""
    name = interest.person.display_name
    if interest.appearance not in NAMED or not name:
        return PublicSpeaker(description=anonymous_description(interest))
    full = interest.appearance == Appearance.FULL
    profile = _profile(interest.person) if full else None
    return PublicSpeaker(
        name=name,
        affiliation=affiliation_of(interest) if full else "",
        url=reverse("registrations:speaker", kwargs={"pk": interest.person_id}),
        photo_url=photo_url(profile.photo.name) if profile is not None else "",
    )


# What a public speaker is built from, and nothing more: no address, no statement, no personal attribute.
SPEAKER_FIELDS = (
    "session_id",
    "appearance",
    "person_id",
    "person__display_name",
    "person__profile__affiliation",
    "person__profile__country_of_residence",
    "person__profile__photo",
    "organization__country",
    "organization__category",
    *in_every_language("organization__name", "organization__acronym"),
)


def confirmed_speakers(consultation) -> dict:
    """Confirmed speakers, as they chose to appear, by preferred session (None: not tied to one). One
    query, whatever their number."""
    return confirmed_speakers_of([consultation.pk]).get(consultation.pk, {})


def confirmed_speakers_of(consultation_ids) -> dict[int, dict]:
    """confirmed_speakers of several consultations at once (a list of the open data API), by
    consultation id. One query, whatever their number."""
    speakers = (
        ExpressionOfInterest.objects.filter(call__consultation__in=consultation_ids, status=InterestStatus.CONFIRMED)
        .select_related("person__profile", "organization")
        .annotate(consultation_id=F("call__consultation_id"))
        .only(*SPEAKER_FIELDS)
        .order_by("call_id", "arrival")
    )
    by_consultation = defaultdict(lambda: defaultdict(list))
    for interest in speakers:
        by_consultation[interest.consultation_id][interest.session_id].append(public_speaker(interest))
    return {pk: dict(by_session) for pk, by_session in by_consultation.items()}


@dataclass(frozen=True)
class SpeakerPage:
    name: str
    is_full: bool
    affiliation: str = ""
    biography: str = ""
    biography_language: str = ""
    biography_is_rtl: bool = False
    photo_url: str = ""
    appearances: list = field(default_factory=list)


def speaker_page(person_id) -> SpeakerPage | None:
    """A person's public page: their named appearances at published consultations, with their
    biography and photo if they chose to appear with them at one at least. None: they appear by
    name nowhere."""
    appearances = list(
        named_appearances()
        .filter(person_id=person_id)
        .select_related("person__profile", "organization", "session", "call__consultation")
        .order_by("call__consultation__starts_at", "session__starts_at", "pk")
    )
    if not appearances:
        return None
    full = next((interest for interest in appearances if interest.appearance == Appearance.FULL), None)
    page = {"name": appearances[0].person.display_name, "is_full": full is not None, "appearances": appearances}
    profile = _profile(appearances[0].person)
    if full is not None and profile is not None:
        language = profile.biography_language
        page.update(
            affiliation=affiliation_of(full),
            biography=profile.biography,
            biography_language=language,
            biography_is_rtl=is_rtl(language),
            photo_url=photo_url(profile.photo.name),
        )
    return SpeakerPage(**page)

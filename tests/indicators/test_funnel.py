"""The funnel of a consultation: how far those who offered to speak went, by group, in bands of five,
with small groups hidden so that no sum of the figures shown gives them away."""

from datetime import UTC, datetime, timedelta

import pytest

from consultations.enums import CallKind, PublicationStatus
from consultations.models import Consultation
from indicators.queries import LEFT, STAGE_OF_STATUS, STAGES, consultation_indicators, funnel
from portal.counts import REST, TOTAL
from registrations.enums import InterestStatus
from stakeholders.enums import Gender, StakeholderCategory
from tests.disclosure import what_is_shown, worked_out
from tests.factories import (
    ExpressionOfInterestFactory,
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    call,
    consultation,
)

pytestmark = pytest.mark.django_db

ENDED = datetime.now(UTC) - timedelta(days=10)
EASTERN_AFRICA, WESTERN_AFRICA = "014", "011"


def offered(place, status, *, organization=None, gender="", times=1):
    """`times` people who offered to speak at `place`, now at `status`."""
    speak = place.calls.filter(kind=CallKind.SPEAK).first() or call(consultation=place, kind=CallKind.SPEAK)
    people = []
    for _ in range(times):
        person = ProfileFactory(gender=gender).person
        ExpressionOfInterestFactory(call=speak, person=person, organization=organization, status=status)
        people.append(person)
    return people


def a_consultation_that_ended():
    """20 women of a women-led civil-society organization in Kenya (5 stopped at each stage, 5 spoke);
    10 men of a university in Nigeria who all spoke, 5 of whom took part in an earlier consultation;
    and 3 non-binary people speaking for themselves (from Mexico), who only applied."""
    place = consultation(status=PublicationStatus.PUBLISHED, starts_at=ENDED, ends_at=ENDED + timedelta(hours=8))
    civil = OrganizationFactory(category=StakeholderCategory.CIVIL_SOCIETY, country="KE", is_women_led=True)
    university = OrganizationFactory(category=StakeholderCategory.ACADEMIA, country="NG")
    for status in (InterestStatus.RECEIVED, InterestStatus.RESERVE, InterestStatus.DECLINED, InterestStatus.CONFIRMED):
        offered(place, status, organization=civil, gender=Gender.WOMAN, times=5)
    men = offered(place, InterestStatus.CONFIRMED, organization=university, gender=Gender.MAN, times=10)
    earlier = consultation(starts_at=ENDED - timedelta(days=300), ends_at=ENDED - timedelta(days=299))
    attend = call(consultation=earlier, kind=CallKind.ATTEND)
    for person in men[:5]:
        RegistrationFactory(call=attend, person=person)
    offered(place, InterestStatus.RECEIVED, gender=Gender.NON_BINARY, times=3)
    offered(place, InterestStatus.WITHDRAWN, gender=Gender.WOMAN, times=5)  # withdrawn: not counted
    return place


def bands(published, *keys):
    return [str(published[key]) for key in keys]


def at_each_stage(published, *key):
    return [str(published[(stage, *key)]) for stage in range(len(STAGES))]


def test_the_funnel_counts_each_stage_in_bands():
    published = funnel(Consultation.objects.filter(pk=a_consultation_that_ended().pk)).published

    assert at_each_stage(published, TOTAL) == ["30 to 34", "25 to 29", "20 to 24", "15 to 19", "15 to 19"]
    assert at_each_stage(published, "category", StakeholderCategory.CIVIL_SOCIETY) == [
        "20 to 24",
        "15 to 19",
        "10 to 14",
        "5 to 9",
        "5 to 9",
    ]
    assert at_each_stage(published, "category", StakeholderCategory.ACADEMIA) == ["10 to 14"] * 5
    assert at_each_stage(published, "sub_region", EASTERN_AFRICA)[0] == "20 to 24"
    assert at_each_stage(published, "sub_region", WESTERN_AFRICA)[-1] == "10 to 14"
    assert at_each_stage(published, "gender", Gender.WOMAN)[3] == "5 to 9"
    assert at_each_stage(published, "gender", Gender.MAN)[4] == "10 to 14"
    assert at_each_stage(published, "led_by_women", True)[1] == "15 to 19"
    assert at_each_stage(published, "first_time", False) == ["5 to 9"] * 5
    assert at_each_stage(published, "first_time", True)[0] == "25 to 29"


def test_a_group_of_fewer_than_five_is_not_shown():
    published = funnel(Consultation.objects.filter(pk=a_consultation_that_ended().pk)).published

    assert not published[0, "gender", Gender.NON_BINARY].is_shown
    assert not published[0, "category", ""].is_shown  # as individuals


def sums_of_the_funnel(published) -> list:
    """What a reader knows holds, from the shape of the figures alone: at each stage every breakdown
    adds up to the stage's total (with the people it leaves out, when it has them), and nobody is
    counted at a stage without being counted at the stage before."""
    keys = [key for key in published if key[0] != LEFT]
    sums = []
    for stage in range(len(STAGES)):
        dimensions = {key[1] for key in keys if key[0] == stage and key != (stage, TOTAL)}
        for dimension in dimensions:
            parts = [key for key in keys if key[0] == stage and key[1:2] == (dimension,)]
            sums.append(((stage, TOTAL), parts, True))
    for key in keys:
        if key[0] + 1 < len(STAGES):
            sums.append((key, [(key[0] + 1, *key[1:])], False))  # at least as many as at the next stage
    return sums


def test_no_small_group_of_the_funnel_can_be_worked_out():
    published = funnel(Consultation.objects.filter(pk=a_consultation_that_ended().pk)).published
    shown = {key: count for key, count in published.items() if key[0] != LEFT}
    hidden = [key for key, count in shown.items() if not count.is_shown and key[-1] != REST]

    found = worked_out(what_is_shown(shown), sums_of_the_funnel(shown), hidden)

    assert hidden
    assert found == {}


def test_only_groups_with_a_count_shown_are_listed():
    indicators = consultation_indicators(a_consultation_that_ended())

    gender = next(breakdown for breakdown in indicators.funnel.breakdowns if breakdown.name == "gender")
    assert [str(row.label) for row in gender.rows] == ["Woman", "Man"]


def test_a_category_in_the_registry_but_not_among_the_speakers_is_named():
    for number in range(5):
        OrganizationFactory(category=StakeholderCategory.TRADE_UNIONS, country="ET", slug=f"union-{number}")

    indicators = consultation_indicators(a_consultation_that_ended())

    assert "Trade unions" in indicators.not_in_the_room["category"]
    assert "Academia" not in indicators.not_in_the_room["category"]


def test_nobody_has_spoken_before_the_consultation_ends():
    place = consultation(
        status=PublicationStatus.PUBLISHED,
        starts_at=datetime.now(UTC) + timedelta(days=5),
        ends_at=datetime.now(UTC) + timedelta(days=6),
    )
    offered(place, InterestStatus.CONFIRMED, gender=Gender.WOMAN, times=6)

    published = funnel(Consultation.objects.filter(pk=place.pk)).published

    assert bands(published, (3, TOTAL)) == ["5 to 9"]
    assert not published[4, TOTAL].is_shown


def test_every_status_but_withdrawn_has_its_stage():
    assert set(STAGE_OF_STATUS) == set(InterestStatus) - {InterestStatus.WITHDRAWN}

"""What the database itself refuses about consultations and calls, whatever code writes them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from consultations.enums import CallKind, Modality, SubmissionStatus
from consultations.models import CallEligibility, Session, SpeakerSlot, WrittenSubmission
from tests.factories import START, call, consultation

pytestmark = pytest.mark.django_db


def test_a_consultation_in_arabic_only_is_allowed():
    assert consultation(title_en="", title_ar="المشاورة الإقليمية").title_ar == "المشاورة الإقليمية"


@pytest.mark.parametrize(
    "overrides",
    [
        {"title_en": ""},
        {"ends_at": START},
        {"modality": Modality.IN_PERSON, "capacity_in_person": None},
        {"modality": Modality.HYBRID, "capacity_online": None},
        {"commission": "", "country": ""},
    ],
    ids=["no title", "ends when it starts", "room without seats", "online without places", "nowhere"],
)
def test_the_database_refuses_an_impossible_consultation(overrides):
    with pytest.raises(IntegrityError):
        consultation(**overrides)


def test_an_online_meeting_needs_no_room():
    assert consultation(modality=Modality.ONLINE, capacity_in_person=None).capacity_online == 500


def test_a_time_zone_must_be_a_real_one():
    with pytest.raises(ValidationError):
        consultation(time_zone="Mars/Olympus").full_clean()


@pytest.mark.parametrize("overrides", [{"closes_at": START - timedelta(days=40)}, {"text_en": ""}])
def test_the_database_refuses_an_impossible_call(overrides):
    with pytest.raises(IntegrityError):
        call(**overrides)


def test_speaker_slots_are_numbered_once_per_session():
    session = Session.objects.create(
        consultation=consultation(),
        title_en="Panel",
        format="panel",
        starts_at=START,
        ends_at=START + timedelta(hours=1),
    )
    SpeakerSlot.objects.create(session=session, position=1)

    with pytest.raises(IntegrityError):
        SpeakerSlot.objects.create(session=session, position=1)


def test_eligibility_must_name_a_category_or_a_region():
    with pytest.raises(IntegrityError):
        CallEligibility.objects.create(call=call())


def test_a_submission_is_published_only_with_its_authors_consent():
    submission = call(kind=CallKind.WRITTEN_SUBMISSION)

    with pytest.raises(IntegrityError):
        WrittenSubmission.objects.create(
            call=submission, title="Our view", text="…", language="fr", status=SubmissionStatus.PUBLISHED
        )

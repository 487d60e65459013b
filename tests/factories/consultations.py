"""Consultations, their calls, programme (sessions and speaker slots) and written submissions.

`consultation()` and `call()` keep the defaults the tests were written against: an eight-hour hybrid
regional consultation for Africa on 10 March 2027 and a call for speakers that closed ten days before."""

from datetime import UTC, datetime, timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations.enums import CallKind, ConsultationKind, Modality, PublicationStatus, SessionFormat
from consultations.models import Consultation, OpenCall, Session, SpeakerSlot, WrittenSubmission
from portal.demo_files import leaflet
from stakeholders.enums import Commission
from tests.factories.stakeholders import UserFactory

START = datetime(2027, 3, 10, 7, 0, tzinfo=UTC)
# A deadline twenty days from the start of the run: calls built around it are open.
SOON = datetime.now(UTC) + timedelta(days=20)
# A real one-page PDF: uploads are parsed (portal.validators.validate_pdf), not only sniffed.
PDF = leaflet("Our views", ["Regular pathways matter."])


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    kind = ConsultationKind.MULTI_STAKEHOLDER
    title_en = "Regional consultation for Africa"
    slug = factory.Sequence(lambda n: f"consultation-{n + 1}")
    commission = Commission.ECA
    starts_at = START
    ends_at = START + timedelta(hours=8)
    time_zone = "Africa/Nairobi"
    modality = Modality.HYBRID
    capacity_in_person = 100
    capacity_online = 500


class OpenCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpenCall

    consultation = factory.SubFactory(ConsultationFactory)
    kind = CallKind.SPEAK
    title_en = "Call for speakers"
    text_en = "Express your interest to speak."
    opens_at = START - timedelta(days=40)
    closes_at = START - timedelta(days=10)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    consultation = factory.SubFactory(ConsultationFactory)
    title = factory.Sequence(lambda n: f"Session {n + 1}")
    format = SessionFormat.PANEL
    starts_at = factory.LazyAttribute(lambda session: session.consultation.starts_at)
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=1))


class SpeakerSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerSlot

    session = factory.SubFactory(SessionFactory)
    position = factory.Sequence(lambda n: n + 1)
    role = "panellist"


class WrittenSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WrittenSubmission

    call = factory.LazyFunction(lambda: written_call())
    author = factory.SubFactory(UserFactory)
    title = "Decent work for migrant workers"
    text = "Our views."
    language = "en"


def consultation(**overrides):
    return ConsultationFactory(**overrides)


def call(**overrides):
    return OpenCallFactory(**overrides)


def answerable_call(call_kind=CallKind.ATTEND, **consultation_fields):
    """A published call open now (since yesterday, for another 20 days), of a published consultation a
    month ahead: one that takes answers of its kind."""
    now = datetime.now(UTC)
    place = consultation(
        **{
            "status": PublicationStatus.PUBLISHED,
            "starts_at": now + timedelta(days=30),
            "ends_at": now + timedelta(days=30, hours=8),
            **consultation_fields,
        }
    )
    return call(
        consultation=place,
        kind=call_kind,
        status=PublicationStatus.PUBLISHED,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=20),
    )


def published_call(**overrides):
    """A published call open until SOON, of a published consultation a month later."""
    place = overrides.pop("consultation", None) or consultation(
        status=PublicationStatus.PUBLISHED, starts_at=SOON + timedelta(days=30), ends_at=SOON + timedelta(days=31)
    )
    fields = {"status": PublicationStatus.PUBLISHED, "opens_at": SOON - timedelta(days=30), "closes_at": SOON}
    return call(consultation=place, **{**fields, **overrides})


def written_call(**overrides):
    """A published call for written submissions, open now."""
    fields = {"kind": CallKind.WRITTEN_SUBMISSION, "title_en": "Written submissions", "text_en": "Send your views."}
    return published_call(**{**fields, **overrides})


def pdf(name="views.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def submission(**overrides):
    return WrittenSubmissionFactory(**overrides)


def consultation_form(**overrides):
    """What the consultation form posts for a national consultation of Kenya in 2030."""
    data = {
        "kind": "national",
        "country": "KE",
        "time_zone": "Africa/Nairobi",
        "starts_at": "2030-03-10T09:00",
        "ends_at": "2030-03-10T17:00",
        "modality": "hybrid",
        "capacity_in_person": "80",
        "capacity_online": "300",
        "title_en": "National consultation of Kenya",
        "description_en": "Civil society and local authorities review the Compact together.",
        "provenance_en": "original",
    }
    return {**data, **overrides}

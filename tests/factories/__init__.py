"""Builders of test data (factory_boy with sequences, never random data). Import them from here:
`from tests.factories import UserFactory, call, consultation`."""

from tests.factories.activity import Failed, change, log_of, published, then_fail, verified
from tests.factories.consultations import (
    PDF,
    SOON,
    START,
    ConsultationFactory,
    OpenCallFactory,
    SessionFactory,
    SpeakerSlotFactory,
    WrittenSubmissionFactory,
    call,
    consultation,
    consultation_form,
    pdf,
    published_call,
    submission,
    written_call,
)
from tests.factories.registrations import (
    ExpressionOfInterestFactory,
    FundingApplicationFactory,
    RegistrationFactory,
    ReviewFactory,
    SideEventProposalFactory,
)
from tests.factories.stakeholders import PASSWORD, OrganizationFactory, ProfileFactory, UserFactory, admin_of, grant

__all__ = [
    "PASSWORD",
    "PDF",
    "SOON",
    "START",
    "ConsultationFactory",
    "ExpressionOfInterestFactory",
    "Failed",
    "FundingApplicationFactory",
    "OpenCallFactory",
    "OrganizationFactory",
    "ProfileFactory",
    "RegistrationFactory",
    "ReviewFactory",
    "SessionFactory",
    "SideEventProposalFactory",
    "SpeakerSlotFactory",
    "UserFactory",
    "WrittenSubmissionFactory",
    "admin_of",
    "call",
    "change",
    "consultation",
    "consultation_form",
    "grant",
    "log_of",
    "pdf",
    "published",
    "published_call",
    "submission",
    "then_fail",
    "verified",
    "written_call",
]

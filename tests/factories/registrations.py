"""Answers to open calls (registrations, expressions of interest, side-event proposals, funding
applications) and reviews, written straight to the database. Tests of the rules themselves go through
`registrations.services` instead; these are for the worlds around them."""

from datetime import UTC, datetime
from decimal import Decimal

import factory

from consultations.enums import CallKind
from registrations.enums import Attendance, RegistrationStatus
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, Review, SideEventProposal
from tests.factories.consultations import OpenCallFactory
from tests.factories.stakeholders import UserFactory


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed seat in the room."""

    class Meta:
        model = Registration

    person = factory.SubFactory(UserFactory)
    call = factory.SubFactory(OpenCallFactory, kind=CallKind.ATTEND)
    consultation = factory.SelfAttribute("call.consultation")
    attendance = Attendance.IN_PERSON
    status = RegistrationStatus.CONFIRMED
    consented_at = factory.LazyFunction(lambda: datetime.now(UTC))
    confirmed_at = factory.LazyFunction(lambda: datetime.now(UTC))


class ExpressionOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpressionOfInterest

    person = factory.SubFactory(UserFactory)
    call = factory.SubFactory(OpenCallFactory, kind=CallKind.SPEAK)
    statement = factory.Sequence(lambda n: f"My views, number {n + 1}.")
    arrival = factory.Sequence(lambda n: n + 1)


class SideEventProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SideEventProposal

    person = factory.SubFactory(UserFactory)
    call = factory.SubFactory(OpenCallFactory, kind=CallKind.SIDE_EVENT)
    title = factory.Sequence(lambda n: f"Side event {n + 1}")
    description = "Migrant workers speak about fair recruitment."


class FundingApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingApplication

    person = factory.SubFactory(UserFactory)
    call = factory.SubFactory(OpenCallFactory, kind=CallKind.FUNDING_SUPPORT)
    travel_cost = Decimal(500)
    justification = "Travel."


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review without scores; pass scores={str(criterion.pk): 0..5, ...}."""

    class Meta:
        model = Review

    interest = factory.SubFactory(ExpressionOfInterestFactory)
    reviewer = factory.SubFactory(UserFactory)
    comment = "Clear and relevant."

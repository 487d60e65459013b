"""Demo answers: the demo stakeholder registered for the African consultation, the organization
admin's expression of interest to speak there, and a side-event proposal."""

from django.contrib.auth import get_user_model

from consultations.enums import CallKind
from consultations.models import OpenCall
from registrations.enums import Attendance
from registrations.models import DiversityRule, ExpressionOfInterest, Registration, SideEventProposal
from registrations.queries.reviews import settings_of
from registrations.services.answers import express_interest, register
from registrations.services.reviews import assign_reviewer, set_rubric


def seed_demo_answers() -> int:
    people = get_user_model().objects.filter(email__endswith="@demo.wos-engage.org")
    stakeholder = people.filter(email="stakeholder@demo.wos-engage.org").first()
    admin = people.filter(email="org-admin@demo.wos-engage.org").first()
    calls = {call.kind: call for call in OpenCall.objects.filter(consultation__slug="africa-2026")}
    if stakeholder is None or admin is None or CallKind.ATTEND not in calls:
        return 0
    if not Registration.objects.filter(person=stakeholder, consultation=calls[CallKind.ATTEND].consultation).exists():
        register(
            calls[CallKind.ATTEND],
            by=stakeholder,
            attendance=Attendance.ONLINE,
            consent=True,
            access_needs=["captioning"],
        )
    if not ExpressionOfInterest.objects.filter(person=admin, call=calls[CallKind.SPEAK]).exists():
        express_interest(
            calls[CallKind.SPEAK],
            by=admin,
            statement="Migrant domestic workers in the region need portable social protection; we would share "
            "what our members learned from three national campaigns.",
        )
    if not SideEventProposal.objects.filter(person=admin).exists():
        SideEventProposal.objects.create(
            call=calls[CallKind.SIDE_EVENT],
            person=admin,
            title="Migrant voices in local government",
            description="A conversation between migrant-led groups and mayors of the region.",
        )
    seed_demo_review_setup(calls[CallKind.SPEAK], people)
    return Registration.objects.filter(person__in=people).count()


def seed_demo_review_setup(speak, people) -> None:
    """The demo reviewer is assigned to the African consultation, with a rubric and a rule of balance."""
    reviewer = people.filter(email="reviewer@demo.wos-engage.org").first()
    settings = settings_of(speak)
    if not settings.criteria.exists():
        set_rubric(
            speak,
            by=None,
            criteria=[("Relevance to the session", 40), ("Lived experience", 30), ("Regional perspective", 30)],
        )
    if not settings.rules.exists():
        DiversityRule.objects.create(selection_settings=settings, dimension="gender", value="woman", minimum=1)
        DiversityRule.objects.create(selection_settings=settings, dimension="country", value="", maximum=1)
    if reviewer is not None:
        assign_reviewer(speak.consultation, by=None, reviewer=reviewer)

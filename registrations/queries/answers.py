"""Reads of registrations and other answers: a person's own, and a consultation's for its organizers."""

from collections import Counter

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Subquery, When
from django.utils.translation import gettext_lazy as _

from activity.models import Activity
from consultations.enums import Modality
from registrations.enums import AccessNeed, Attendance, RegistrationStatus
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, SideEventProposal
from stakeholders.enums import StakeholderCategory, Verification
from stakeholders.geography import area_name, placement_of
from stakeholders.models import Language, Membership, RoleGrant

WAITLISTED = RegistrationStatus.WAITLISTED


def capacity_of(consultation, attendance: str) -> int | None:
    """Seats of a kind, or None when the consultation does not offer that way of taking part."""
    offered = {
        Modality.IN_PERSON: {Attendance.IN_PERSON},
        Modality.ONLINE: {Attendance.ONLINE},
        Modality.HYBRID: {Attendance.IN_PERSON, Attendance.ONLINE},
    }[consultation.modality]
    if attendance not in offered:
        return None
    return consultation.capacity_in_person if attendance == Attendance.IN_PERSON else consultation.capacity_online


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first waiting; positions have no gaps since they are counted, not stored."""
    if not registration.is_waitlisted:
        return None
    return Registration.objects.filter(
        consultation_id=registration.consultation_id,
        attendance=registration.attendance,
        status=WAITLISTED,
        pk__lte=registration.pk,
    ).count()


def with_waitlist_positions(registrations):
    """The same positions for many registrations in one query."""
    ahead = (
        Registration.objects.filter(
            consultation=OuterRef("consultation"),
            attendance=OuterRef("attendance"),
            status=WAITLISTED,
            pk__lte=OuterRef("pk"),
        )
        .order_by()
        .values("consultation")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return registrations.annotate(
        position=Case(When(status=WAITLISTED, then=Subquery(ahead)), default=None, output_field=IntegerField())
    )


def participation_of(person) -> dict:
    """Everything a person sent in answer to calls, newest first."""
    registrations = (
        with_waitlist_positions(Registration.objects.filter(person=person))
        .select_related("consultation", "call", "interpretation")
        .order_by("-created_at")
    )
    return {
        "registrations": registrations,
        "interests": ExpressionOfInterest.objects.filter(person=person)
        .select_related("call__consultation", "session", "organization")
        .order_by("-created_at"),
        "proposals": SideEventProposal.objects.filter(person=person)
        .select_related("call__consultation", "organization")
        .order_by("-created_at"),
        "applications": FundingApplication.objects.filter(person=person)
        .select_related("call__consultation", "organization", "person")
        .order_by("-created_at"),
    }


def changes_by_others(person, *, limit: int = 20):
    """What someone else (the organizers, the secretariat, the portal itself) changed on a person's
    answers, newest first. `actor_is_staff` tells whether the actor held a role when read: only then
    may their name be shown; another participant whose cancellation promoted this one stays unnamed."""
    staff = RoleGrant.objects.active().filter(person=OuterRef("actor"))
    return list(
        Activity.objects.filter(concerns=person)
        .exclude(actor=person)
        .select_related("actor", "content_type")
        .annotate(actor_is_staff=Exists(staff))
        .order_by("-at", "-pk")[:limit]
    )


def participation_export(person) -> dict:
    """A person's answers to calls, for their own data page and download."""
    answers = participation_of(person)
    return {
        "registrations": [
            {
                "consultation": str(registration.consultation),
                "taking_part": registration.attendance,
                "status": registration.status,
                "access_needs": registration.access_needs,
                "access_needs_other": registration.access_needs_other,
                "registered_at": registration.created_at.isoformat(),
            }
            for registration in answers["registrations"]
        ],
        "expressions_of_interest": [
            {"call": str(item.call), "arrival": item.arrival, "statement": item.statement, "status": item.status}
            for item in answers["interests"]
        ],
        "side_event_proposals": [
            {"call": str(item.call), "title": item.title, "description": item.description, "status": item.status}
            for item in answers["proposals"]
        ],
        "funding_applications": [
            {
                "call": str(item.call),
                "travel_cost": str(item.travel_cost),
                "justification": item.justification,
                "status": item.status,
            }
            for item in answers["applications"]
        ],
    }


def seats_left(consultation) -> dict[str, int]:
    """Seats of each kind not yet confirmed to anyone (0 when full: newcomers join the waiting list)."""
    confirmed = dict(
        Registration.objects.filter(consultation=consultation, status=RegistrationStatus.CONFIRMED)
        .values_list("attendance")
        .annotate(count=Count("pk"))
    )
    left = {}
    for attendance, _label in Attendance.choices:
        capacity = capacity_of(consultation, attendance)
        if capacity is not None:
            left[attendance] = max(capacity - confirmed.get(attendance, 0), 0)
    return left


def registrations_of(consultation):
    """For the organizers: every registration, waiting positions included, never personal attributes."""
    return with_waitlist_positions(
        Registration.objects.filter(consultation=consultation).select_related("person", "interpretation")
    ).order_by("status", "attendance", "pk")


def planning_tables(consultation) -> dict:
    """For the organizers: seats per way of taking part, access needs and interpretation, counted."""
    rows = Registration.objects.filter(consultation=consultation).exclude(status=RegistrationStatus.CANCELLED)
    by_status = Counter(rows.values_list("attendance", "status"))
    left = seats_left(consultation)
    needs = Counter(need for needs in rows.values_list("access_needs", flat=True) for need in needs)
    languages = Counter(rows.exclude(interpretation=None).values_list("interpretation", flat=True))
    return {
        "seat_rows": [
            {
                "label": label,
                "confirmed": by_status[(value, RegistrationStatus.CONFIRMED)],
                "waitlisted": by_status[(value, RegistrationStatus.WAITLISTED)],
                "left": left[value],
            }
            for value, label in Attendance.choices
            if value in left
        ],
        "need_rows": [{"label": label, "count": needs[value]} for value, label in AccessNeed.choices if needs[value]],
        "interpretation_rows": [
            {"label": Language(code=code), "count": count} for code, count in sorted(languages.items())
        ],
    }


def registration_row(registration) -> list:
    """One line of the organizers' export: what they need to run the meeting, nothing more."""
    return [
        registration.pk,
        registration.person.name,
        registration.person.email,
        registration.attendance,
        registration.status,
        registration.position or "",
        registration.interpretation_id or "",
        " ".join(registration.access_needs),
        registration.access_needs_other,
        registration.created_at.isoformat(),
    ]


def participation_figures(consultation) -> dict:
    """Confirmed participants counted by way of taking part, by the stakeholder category of their
    organization (or as individuals) and by the UN region they live in. Only these public or
    organizational facts are counted, never a personal attribute."""
    confirmed = Registration.objects.filter(consultation=consultation, status=RegistrationStatus.CONFIRMED)
    rows = list(confirmed.values_list("person_id", "person__profile__country_of_residence", "attendance"))
    people = {person: country for person, country, _attendance in rows}
    category_of = dict(
        Membership.objects.filter(person_id__in=people, organization__verification=Verification.VERIFIED)
        .order_by("-role", "joined_at")
        .values_list("person_id", "organization__category")
    )
    attendance = Counter(attendance for _person, _country, attendance in rows)
    categories = Counter(category_of.get(person) for person in people)
    regions = Counter(getattr(placement_of(country), "region", None) for country in people.values() if country)
    return {
        "total": len(people),
        "attendance": [(label, attendance[value]) for value, label in Attendance.choices if attendance[value]],
        "categories": [
            (StakeholderCategory(code).label if code else _("As individuals"), count)
            for code, count in categories.most_common()
        ],
        "regions": [(area_name(code), count) for code, count in regions.most_common() if code],
    }

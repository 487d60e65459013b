"""Reads of registrations and other answers: a person's own, and a consultation's for its organizers."""

from collections import Counter

from django.db.models import Case, CharField, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activity.models import Activity
from consultations.enums import Modality
from registrations.enums import AccessNeed, Attendance, RegistrationStatus
from registrations.models import ExpressionOfInterest, FundingApplication, Registration, SideEventProposal
from stakeholders.enums import StakeholderCategory, Verification
from stakeholders.geography import area_name, placement_of
from stakeholders.models import Language, Membership, RoleGrant

WAITLISTED, CANCELLED = RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED
ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


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


def _waiting_for(kind) -> Q:
    """Who waits for a place of a way of taking part (`kind`: a value or a reference to one): those on
    its waiting list, and those holding or awaiting a place of the other way who asked to switch."""
    asking_to_switch = Q(switch_requested_at__isnull=False, status__in=ACTIVE)
    return Q(attendance=kind, status=WAITLISTED) | (~Q(attendance=kind) & asking_to_switch)


def _joined(kind):
    """When a registration joined the waiting list of `kind`: when it was made, or when its switch was asked."""
    return Case(When(attendance=kind, then=F("created_at")), default=F("switch_requested_at"))


def waiting_for(consultation_id, attendance: str):
    """The waiting list of one way of taking part, first first: one list, in the order people joined
    it, whether by registering or by asking to switch (ties, by number). A place of that way freed or
    added goes to the first. Registrations are written under the consultation's lock, so a number and
    a time never disagree."""
    return (
        Registration.objects.filter(_waiting_for(attendance), consultation_id=consultation_id)
        .annotate(joined=_joined(attendance))
        .order_by("joined", "pk")
    )


def _position(registration, attendance, joined) -> int:
    ahead = Q(joined__lt=joined) | Q(joined=joined, pk__lte=registration.pk)
    return waiting_for(registration.consultation_id, attendance).filter(ahead).count()


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first waiting; positions have no gaps since they are counted, not stored."""
    if not registration.is_waitlisted:
        return None
    return _position(registration, registration.attendance, registration.created_at)


def switch_position(registration: Registration) -> int | None:
    """Where a person who asked to switch stands on the waiting list of the way they asked for."""
    if not registration.wants_to_switch:
        return None
    return _position(registration, registration.other_attendance, registration.switch_requested_at)


def _ahead_count(kind: str, joined: str):
    """A subquery: how many wait for the way of taking part named by the outer row's `kind` field and
    joined that list no later than the outer row's `joined` field (the outer row itself included)."""
    ahead = (
        Registration.objects.filter(_waiting_for(OuterRef(kind)), consultation=OuterRef("consultation"))
        .annotate(joined=_joined(OuterRef(kind)))
        .filter(Q(joined__lt=OuterRef(joined)) | Q(joined=OuterRef(joined), pk__lte=OuterRef("pk")))
        .order_by()
        .values("consultation")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(ahead, output_field=IntegerField())


def with_waitlist_positions(registrations):
    """The same positions for many registrations in one query: `position` on the waiting list of their
    way of taking part, `switch_position` on the other way's when they asked to switch."""
    other = Case(
        When(attendance=Attendance.IN_PERSON, then=Value(Attendance.ONLINE)),
        default=Value(Attendance.IN_PERSON),
        output_field=CharField(),
    )
    return registrations.annotate(other_kind=other).annotate(
        position=Case(
            When(status=WAITLISTED, then=_ahead_count("attendance", "created_at")),
            default=None,
            output_field=IntegerField(),
        ),
        switch_position=Case(
            When(
                switch_requested_at__isnull=False,
                status__in=ACTIVE,
                then=_ahead_count("other_kind", "switch_requested_at"),
            ),
            default=None,
            output_field=IntegerField(),
        ),
    )


def active_registration(person, consultation):
    """A person's registration to a consultation that is not cancelled, with its positions, or None."""
    registrations = Registration.objects.filter(person=person, consultation=consultation).exclude(status=CANCELLED)
    return with_waitlist_positions(registrations).select_related("consultation", "call").first()


def switch_outlook(registration) -> dict:
    """What asking to switch would do now: the way asked for, whether it is offered at all, whether a
    place of it is free for this person at once, else the place they would take on its waiting list.
    Read without the lock: the service decides again when the person asks."""
    consultation, target = registration.consultation, registration.other_attendance
    offered = capacity_of(consultation, target) is not None
    waiting = waiting_for(consultation.pk, target).count() if offered else 0
    free = seats_left(consultation).get(target, 0)
    return {
        "target": target,
        "target_label": target.label,
        "offered": offered,
        "has_room": offered and free > 0 and waiting == 0,
        "position": waiting + 1,
    }


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


def answer_name(call, consultation=None) -> str:
    """An answer named by its call and its consultation, as a person reads it in their list:
    "Registration to attend — Regional consultation for Africa"."""
    consultation = consultation or call.consultation
    return gettext("%(kind)s — %(consultation)s") % {"kind": call.get_kind_display(), "consultation": consultation}


def ended_by_account_deletion(person) -> list[str]:
    """What deleting the account would end among the person's answers, one sentence each, said on the
    page that asks them to confirm (services.answers.erase_answers_of does it)."""
    answers = participation_of(person)
    ended = []
    for registration in answers["registrations"]:
        name = answer_name(registration.call, registration.consultation)
        if registration.is_confirmed:
            ended.append(
                gettext("%(answer)s: cancelled, and your place goes to the next person waiting.") % {"answer": name}
            )
        elif registration.can_be_cancelled:
            ended.append(gettext("%(answer)s: cancelled, and you leave the waiting list.") % {"answer": name})
    for interest in answers["interests"]:
        name = answer_name(interest.call)
        if interest.is_confirmed:
            ended.append(gettext("%(answer)s: withdrawn, and you no longer speak.") % {"answer": name})
        elif not interest.is_withdrawn:
            ended.append(gettext("%(answer)s: withdrawn.") % {"answer": name})
    for answer in (*answers["proposals"], *answers["applications"]):
        if not answer.is_withdrawn:
            ended.append(gettext("%(answer)s: withdrawn.") % {"answer": answer_name(answer.call)})
    return ended


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

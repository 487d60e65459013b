"""Reads of session materials: what each person may see of a consultation's documents and links."""

from collections import defaultdict

from consultations.models import SessionMaterial
from registrations.enums import RegistrationStatus
from registrations.models import Registration


def has_confirmed_place(person, consultation_id) -> bool:
    """A confirmed registration to the consultation, in the room or online (not waiting, not cancelled)."""
    return Registration.objects.filter(
        person=person, consultation_id=consultation_id, status=RegistrationStatus.CONFIRMED
    ).exists()


def materials_for(consultation, user) -> dict:
    """The materials of a consultation that this person may open, by session (None: the whole
    consultation), and how many others are for registered participants only. Two queries at most,
    whatever the number of sessions and materials."""
    materials = list(SessionMaterial.objects.filter(consultation=consultation).order_by("added_at", "pk"))
    for item in materials:
        item.consultation = consultation  # the rules read it; no query per material
    restricted = next((item for item in materials if not item.is_public), None)
    may_see_all = restricted is not None and user.has_perm("registrations.view_material", restricted)
    by_session, withheld = defaultdict(list), 0
    for item in materials:
        if item.is_public or may_see_all:
            by_session[item.session_id].append(item)
        else:
            withheld += 1
    return {"by_session": dict(by_session), "withheld": withheld}


def material_of(pk):
    return SessionMaterial.objects.select_related("consultation", "session").get(pk=pk)

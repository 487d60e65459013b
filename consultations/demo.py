"""Demo consultations: one regional multi-stakeholder consultation per UN region, with sessions and
calls of every kind, dated relative to today so that some calls are open, some upcoming, some closed."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from consultations.enums import CallKind, ConsultationKind, Modality, Provenance, PublicationStatus
from consultations.models import Consultation, OpenCall, ReviewCycle, Session, SpeakerSlot, Summary, advance_notice
from stakeholders.models import Language

REGIONS = [
    ("ECA", "africa", "Addis Ababa", "Africa/Addis_Ababa", "Regional consultation for Africa", ("en", "fr", "ar")),
    (
        "ECE",
        "europe",
        "Geneva",
        "Europe/Zurich",
        "Regional consultation for Europe and North America",
        ("en", "fr", "ru"),
    ),
    (
        "ECLAC",
        "latin-america",
        "Santiago",
        "America/Santiago",
        "Consulta regional para América Latina y el Caribe",
        ("es", "en"),
    ),
    (
        "ESCAP",
        "asia-pacific",
        "Bangkok",
        "Asia/Bangkok",
        "Regional consultation for Asia and the Pacific",
        ("en", "zh-hans", "ru"),
    ),
    ("ESCWA", "arab-region", "Beirut", "Asia/Beirut", "المشاورة الإقليمية للمنطقة العربية", ("ar", "en", "fr")),
]
# (kind, opens in days from today, closes in days from today)
CALLS = [
    (CallKind.ATTEND, -10, 30),
    (CallKind.SPEAK, -5, 20),
    (CallKind.WRITTEN_SUBMISSION, 7, 40),
    (CallKind.SIDE_EVENT, -60, -20),
    (CallKind.FUNDING_SUPPORT, -30, 18),
]


def seed_demo_consultations(*, by=None) -> list[Consultation]:
    today = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    cycle, _ = ReviewCycle.objects.update_or_create(
        slug="second-round-2026",
        defaults={
            "name_en": "Second round of Regional Reviews",
            "starts_on": date(2025, 1, 1),
            "ends_on": date(2026, 12, 31),
        },
    )
    consultations = []
    for number, (commission, slug, venue, zone, title, languages) in enumerate(REGIONS):
        starts_at = today + timedelta(days=60 + 7 * number)
        language = "zh_hans" if languages[0] == "zh-hans" else languages[0]
        consultation, _ = Consultation.objects.update_or_create(
            slug=f"{slug}-2026",
            defaults={
                "cycle": cycle,
                "kind": ConsultationKind.MULTI_STAKEHOLDER,
                f"title_{language}": title,
                "commission": commission,
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=8),
                "time_zone": zone,
                f"venue_{language}": venue,
                "modality": Modality.HYBRID,
                "capacity_in_person": 120,
                "capacity_online": 500,
                "status": PublicationStatus.PUBLISHED,
                "published_at": today,
                "created_by": by,
                "provenance": {languages[0]: Provenance.ORIGINAL},
            },
        )
        consultation.languages.set(Language.objects.filter(code__in=languages))
        consultation.interpretation.set(Language.objects.filter(code__in=languages))
        seed_sessions(consultation)
        seed_calls(consultation, today, language)
        consultations.append(consultation)
    consultations.append(seed_past_consultation(cycle, by=by, today=today))
    consultations.append(seed_national_draft(today))
    return consultations


def seed_past_consultation(cycle, *, by, today):
    """A GCM Talk held last year, with its published summary: what the list of past consultations shows."""
    starts_at = today - timedelta(days=300)
    consultation, _ = Consultation.objects.update_or_create(
        slug="gcm-talk-decent-work-2025",
        defaults={
            "cycle": cycle,
            "kind": ConsultationKind.GCM_TALK,
            "title_en": "GCM Talk: decent work for migrant workers",
            "title_fr": "Dialogue du PMM : travail décent pour les travailleurs migrants",
            "provenance": {"en": Provenance.ORIGINAL, "fr": Provenance.CHECKED},
            "commission": "ECE",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "time_zone": "Europe/Zurich",
            "modality": Modality.ONLINE,
            "capacity_online": 300,
            "status": PublicationStatus.PUBLISHED,
            "published_at": starts_at - timedelta(days=30),
            "created_by": by,
        },
    )
    seed_summary(consultation, by=by, today=starts_at + timedelta(days=14))
    return consultation


def seed_national_draft(today):
    """The demo focal point's national consultation: a draft, with a call submitted to the secretariat."""
    focal_point = get_user_model().objects.filter(email="focal-point@demo.wos-engage.org").first()
    starts_at = today + timedelta(days=90)
    consultation, _ = Consultation.objects.update_or_create(
        slug="jordan-national-2026",
        defaults={
            "kind": ConsultationKind.NATIONAL,
            "title_ar": "المشاورة الوطنية في الأردن",
            "title_en": "National consultation of Jordan",
            "provenance": {"ar": Provenance.ORIGINAL, "en": Provenance.MACHINE},
            "country": "JO",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=6),
            "time_zone": "Asia/Amman",
            "modality": Modality.IN_PERSON,
            "capacity_in_person": 60,
            "status": PublicationStatus.DRAFT,
            "created_by": focal_point,
        },
    )
    OpenCall.objects.update_or_create(
        consultation=consultation,
        kind=CallKind.ATTEND,
        defaults={
            "title_ar": "التسجيل للحضور",
            "text_ar": "سجّل للمشاركة في المشاورة الوطنية.",
            "provenance": {"ar": Provenance.ORIGINAL},
            "opens_at": today + timedelta(days=20),
            "closes_at": today + timedelta(days=80),
            "status": PublicationStatus.SUBMITTED,
            "submitted_at": today,
            "created_by": focal_point,
        },
    )
    return consultation


SUMMARY = {
    "en": "## Key messages\n\n- Regular pathways and **decent work** come first for migrants in the region.\n"
    "- Local authorities ask for a seat in the national review.\n- Youth-led groups want online participation kept.",
    "fr": "## Messages clés\n\n- Les voies régulières et le **travail décent** passent d’abord pour les migrants de la "
    "région.\n- Les autorités locales demandent une place dans l’examen national.\n- Les groupes de jeunes veulent "
    "garder la participation en ligne.",
    "ar": "## الرسائل الرئيسية\n\n- تأتي المسارات النظامية و**العمل اللائق** أولاً بالنسبة للمهاجرين في المنطقة.\n"
    "- تطلب السلطات المحلية مقعداً في الاستعراض الوطني.\n"
    "- تريد المجموعات التي يقودها الشباب الإبقاء على المشاركة عبر الإنترنت.",
}


def seed_summary(consultation, *, by, today):
    """A published summary in three languages, of a consultation that has ended (none is published before)."""
    Summary.objects.update_or_create(
        consultation=consultation,
        defaults={
            **{f"body_{language}": text for language, text in SUMMARY.items()},
            "written_by": by,
            "published_at": today,
        },
    )


def seed_sessions(consultation):
    programme = [
        ("Opening plenary", "plenary", 0),
        ("Panel: safe pathways and decent work", "panel", 1),
        ("Roundtable: migrants' voices", "roundtable", 3),
    ]
    for title, format_, hours in programme:
        session, _ = Session.objects.update_or_create(
            consultation=consultation,
            title_en=title,
            defaults={
                "format": format_,
                "starts_at": consultation.starts_at + timedelta(hours=hours),
                "ends_at": consultation.starts_at + timedelta(hours=hours + 1, minutes=30),
            },
        )
        for slot in range(1, 4 if format_ != "plenary" else 2):
            SpeakerSlot.objects.get_or_create(session=session, position=slot)


def seed_calls(consultation, today, language):
    for kind, opens, closes in CALLS:
        with translation.override(language.replace("_", "-")):
            label = str(kind.label)
        OpenCall.objects.update_or_create(
            consultation=consultation,
            kind=kind,
            defaults={
                f"title_{language}": label,
                f"text_{language}": label,
                "text_en": f"{kind.label}: answer this open call before it closes.",
                "opens_at": today + timedelta(days=opens),
                "closes_at": today + timedelta(days=closes),
                "status": PublicationStatus.PUBLISHED,
                "published_at": today + timedelta(days=min(opens, 0) - 1),
                "short_notice_reason": "Demo data." if closes - max(opens, 0) < advance_notice().days else "",
                "provenance": {language.replace("_", "-"): Provenance.ORIGINAL}
                | ({} if language == "en" else {"en": Provenance.MACHINE}),
            },
        )

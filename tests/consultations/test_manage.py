"""Focal points draft, preview and submit; the secretariat publishes or returns; provenance follows edits."""

from datetime import UTC, datetime, timedelta

import pytest

from consultations import services
from consultations.enums import CallKind, Provenance, PublicationStatus
from consultations.models import CallEligibility, Consultation, OpenCall
from stakeholders.enums import StaffRole
from tests.factories import UserFactory, call, consultation, consultation_form, grant

pytestmark = pytest.mark.django_db

DRAFT, SUBMITTED, RETURNED, PUBLISHED = (
    PublicationStatus.DRAFT,
    PublicationStatus.SUBMITTED,
    PublicationStatus.RETURNED,
    PublicationStatus.PUBLISHED,
)


@pytest.fixture
def kenya_focal_point(client):
    person = UserFactory()
    grant(person, StaffRole.FOCAL_POINT, country="KE")
    client.force_login(person)
    return person


@pytest.fixture
def secretariat():
    person = UserFactory()
    grant(person, StaffRole.SECRETARIAT)
    return person


def call_form(**overrides):
    data = {
        "kind": CallKind.SPEAK,
        "opens_at": "2030-01-05T08:00",
        "closes_at": "2030-02-01T23:59",
        "title_en": "Call for speakers",
        "text_en": "Express your interest to speak.",
        "provenance_en": "original",
        "title_ar": "دعوة المتحدثين",
        "text_ar": "أعرب عن اهتمامك بالتحدث.",
        "provenance_ar": "checked",
        "categories": ["migrant-diaspora"],
    }
    return {**data, **overrides}


def test_a_focal_point_drafts_a_consultation_with_times_in_its_own_time_zone(client, kenya_focal_point):
    response = client.post("/en/manage/consultations/new/", consultation_form())

    drafted = Consultation.objects.get()
    assert response.status_code == 302
    assert response.url == f"/en/manage/consultations/{drafted.slug}/"
    assert drafted.status == DRAFT
    assert drafted.created_by == kenya_focal_point
    assert drafted.starts_at == datetime(2030, 3, 10, 6, 0, tzinfo=UTC)  # 09:00 in Nairobi (UTC+3)
    assert drafted.provenance == {"en": Provenance.ORIGINAL}


def test_a_focal_point_may_only_choose_their_own_country(client, kenya_focal_point):
    form = client.get("/en/manage/consultations/new/").context["form"]

    assert [code for code, _name in form.fields["country"].choices] == ["", "KE"]
    assert [code for code, _name in form.fields["commission"].choices] == [""]


def test_a_consultation_for_another_country_is_refused_and_nothing_typed_is_lost(client, kenya_focal_point):
    response = client.post("/en/manage/consultations/new/", consultation_form(country="UG"))

    assert response.status_code == 200
    assert Consultation.objects.count() == 0
    assert "country" in response.context["form"].errors
    assert "Civil society and local authorities review the Compact together." in response.content.decode()


def test_an_end_before_the_start_is_a_clear_error(client, kenya_focal_point):
    response = client.post("/en/manage/consultations/new/", consultation_form(ends_at="2030-03-10T08:00"))

    assert response.context["form"].errors["ends_at"] == ["The consultation must end after it starts."]
    assert 'value="National consultation of Kenya"' in response.content.decode()


def test_a_version_without_saying_its_provenance_is_refused(client, kenya_focal_point):
    response = client.post("/en/manage/consultations/new/", consultation_form(title_fr="Consultation du Kenya"))

    assert response.context["form"].errors["provenance_fr"] == [
        "Say whether this version is the original or a translation."
    ]


def test_the_form_errors_are_translated(client, kenya_focal_point):
    response = client.post("/fr/manage/consultations/new/", consultation_form(ends_at="2030-03-10T08:00"))

    assert response.context["form"].errors["ends_at"] == ["La consultation doit se terminer après son début."]


@pytest.mark.parametrize("url", ["/en/manage/consultations/{slug}/", "/en/manage/consultations/{slug}/preview/"])
def test_a_focal_point_cannot_see_another_countrys_draft(client, kenya_focal_point, url):
    uganda = consultation(country="UG", commission="")

    assert client.get(url.format(slug=uganda.slug)).status_code == 403
    assert uganda not in client.get("/en/manage/").context["consultations"]


def test_a_focal_point_cannot_edit_another_countrys_draft(client, kenya_focal_point):
    uganda = consultation(country="UG", commission="", title_en="Uganda")

    response = client.post(f"/en/manage/consultations/{uganda.slug}/edit/", consultation_form(country="UG"))

    assert response.status_code == 403
    uganda.refresh_from_db()
    assert uganda.title_en == "Uganda"


def test_a_focal_point_sees_the_drafts_of_their_own_country(client, kenya_focal_point):
    kenya = consultation(country="KE", commission="")

    assert list(client.get("/en/manage/").context["consultations"]) == [kenya]
    assert client.get(f"/en/manage/consultations/{kenya.slug}/").status_code == 200


def test_a_submitted_consultation_is_no_longer_the_focal_points_to_edit(client, kenya_focal_point, secretariat):
    kenya = consultation(country="KE", commission="", status=SUBMITTED)

    assert client.get(f"/en/manage/consultations/{kenya.slug}/edit/").status_code == 403
    client.force_login(secretariat)
    assert client.get(f"/en/manage/consultations/{kenya.slug}/edit/").status_code == 200


def test_the_preview_shows_a_draft_in_arabic_right_to_left(client, kenya_focal_point):
    kenya = consultation(country="KE", commission="", title_ar="المشاورة الوطنية في كينيا")

    html = client.get(f"/ar/manage/consultations/{kenya.slug}/preview/").content.decode()

    assert 'dir="rtl"' in html
    assert "المشاورة الوطنية في كينيا" in html
    assert 'class="preview-banner"' in html


def test_a_draft_call_is_saved_with_its_eligibility_and_local_times(client, kenya_focal_point):
    kenya = consultation(country="KE", commission="")

    response = client.post(f"/en/manage/consultations/{kenya.slug}/calls/new/", call_form())

    drafted = OpenCall.objects.get()
    assert response.status_code == 302
    assert drafted.consultation == kenya
    assert drafted.status == DRAFT
    assert drafted.closes_at == datetime(2030, 2, 1, 20, 59, tzinfo=UTC)
    assert list(CallEligibility.objects.values_list("category", flat=True)) == ["migrant-diaspora"]
    assert drafted.provenance == {"en": Provenance.ORIGINAL, "ar": Provenance.CHECKED}


def test_a_call_that_closes_before_it_opens_is_refused(client, kenya_focal_point):
    kenya = consultation(country="KE", commission="")

    response = client.post(f"/en/manage/consultations/{kenya.slug}/calls/new/", call_form(closes_at="2030-01-01T08:00"))

    assert response.context["form"].errors["closes_at"] == ["The call must close after it opens."]
    assert "أعرب عن اهتمامك بالتحدث." in response.content.decode()


def test_submit_then_publish_by_the_secretariat(client, kenya_focal_point, secretariat):
    kenya = consultation(country="KE", commission="")
    client.post(f"/en/manage/consultations/{kenya.slug}/submit/")
    kenya.refresh_from_db()
    assert kenya.status == SUBMITTED

    client.force_login(secretariat)
    assert list(client.get("/en/manage/approvals/").context["consultations"]) == [kenya]
    client.post(f"/en/manage/approvals/consultations/{kenya.slug}/", {"decision": "publish"})

    kenya.refresh_from_db()
    assert kenya.status == PUBLISHED
    assert client.get(kenya.get_absolute_url()).status_code == 200


def test_a_returned_call_carries_the_comment_and_can_be_edited_again(client, kenya_focal_point, secretariat):
    draft = call(consultation=consultation(country="KE", commission=""), status=SUBMITTED)
    client.force_login(secretariat)

    client.post(f"/en/manage/approvals/calls/{draft.pk}/", {"decision": "return", "comment": "Add the Arabic text."})

    draft.refresh_from_db()
    assert draft.status == RETURNED
    client.force_login(kenya_focal_point)
    workspace = client.get(f"/en/manage/consultations/{draft.consultation.slug}/").content.decode()
    assert "Add the Arabic text." in workspace
    assert client.get(f"/en/manage/calls/{draft.pk}/edit/").status_code == 200


def test_returning_without_a_comment_is_refused(client, secretariat):
    draft = call(status=SUBMITTED)
    client.force_login(secretariat)

    response = client.post(f"/en/manage/approvals/calls/{draft.pk}/", {"decision": "return", "comment": " "})

    assert response.context["form"].errors["comment"] == ["Say what must change before it can be published."]


def test_the_secretariat_publishes_a_short_notice_call_only_with_a_reason(client, secretariat):
    now = datetime.now(UTC)
    published = consultation(status=PUBLISHED, starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=31))
    short = call(consultation=published, status=SUBMITTED, opens_at=now, closes_at=now + timedelta(days=5))
    client.force_login(secretariat)
    url = f"/en/manage/approvals/calls/{short.pk}/"

    refused = client.post(url, {"decision": "publish"})
    short.refresh_from_db()
    assert short.status == SUBMITTED
    assert "or the secretariat must record why not" in refused.content.decode()

    client.post(url, {"decision": "publish", "short_notice_reason": "The venue was confirmed late."})
    short.refresh_from_db()
    assert short.status == PUBLISHED
    assert short.short_notice_reason == "The venue was confirmed late."


def test_editing_the_original_marks_the_translations_for_review(secretariat):
    item = consultation(
        title_en="Regional consultation",
        title_fr="Consultation régionale",
        title_es="Consulta regional",
        provenance={"en": "original", "fr": "checked", "es": "machine"},
    )
    item.title_en = "Regional consultation for Africa"

    services.save_consultation(item, by=secretariat, data={}, provenance=dict(item.provenance))

    item.refresh_from_db()
    assert item.provenance == {"en": "original", "fr": "needs-review", "es": "needs-review"}


def test_a_translation_edited_or_confirmed_with_the_original_stays_as_said(secretariat):
    item = consultation(
        title_en="Regional consultation",
        title_fr="Consultation régionale",
        title_es="Consulta regional",
        provenance={"en": "original", "fr": "needs-review", "es": "checked"},
    )
    item.title_en, item.title_es = "Regional consultation for Africa", "Consulta regional para África"

    services.save_consultation(
        item, by=secretariat, data={}, provenance={"en": "original", "fr": "checked", "es": "checked"}
    )

    item.refresh_from_db()
    assert item.provenance == {"en": "original", "fr": "checked", "es": "checked"}


def test_editing_a_translation_leaves_the_others_alone(secretariat):
    item = consultation(
        title_en="Regional consultation",
        title_fr="Consultation régionale",
        provenance={"en": "original", "fr": "machine"},
    )
    item.title_fr = "Consultation régionale pour l’Afrique"

    services.save_consultation(item, by=secretariat, data={}, provenance={"en": "original", "fr": "checked"})

    item.refresh_from_db()
    assert item.provenance == {"en": "original", "fr": "checked"}


def test_the_rapporteur_writes_and_publishes_the_summary(client):
    rapporteur = UserFactory()
    ended = datetime.now(UTC) - timedelta(days=1)
    held = consultation(status=PUBLISHED, rapporteur=rapporteur, starts_at=ended - timedelta(hours=8), ends_at=ended)
    client.force_login(rapporteur)

    response = client.post(
        f"/en/manage/consultations/{held.slug}/summary/",
        {"body_en": "Participants asked for **safe** pathways.", "provenance_en": "original", "publish": "on"},
    )

    assert response.url == held.get_absolute_url()
    assert "<strong>safe</strong>" in client.get(held.get_absolute_url()).content.decode()


def test_someone_else_cannot_write_the_summary(client):
    held = consultation(status=PUBLISHED, rapporteur=UserFactory())
    client.force_login(UserFactory())

    assert client.get(f"/en/manage/consultations/{held.slug}/summary/").status_code == 403


def test_a_call_names_the_gcm_objectives_it_is_about(client, kenya_focal_point):
    kenya = consultation(country="KE", commission="")

    client.post(f"/en/manage/consultations/{kenya.slug}/calls/new/", call_form(objectives=["6", "16"]))

    assert sorted(OpenCall.objects.get().objectives.values_list("number", flat=True)) == [6, 16]


def test_the_consultation_form_names_zones_by_city_in_the_page_s_language_the_country_s_first(
    client, kenya_focal_point
):
    response = client.post("/ar/manage/consultations/new/", consultation_form(ends_at="2030-03-10T08:00"))

    choices = response.context["form"].fields["time_zone"].choices
    assert response.status_code == 200
    assert choices[1][1] == [("Africa/Nairobi", "توقيت نيروبي UTC+3")]
    assert "Africa/Nairobi" not in dict(choices[2][1]).values()

"""One language per object: a call, consultation, session or summary is shown wholly in the
visitor's language if it exists there, else wholly in one fallback language, and the page says which;
content in a language other than the page's carries lang (and dir)."""

import re

import pytest

from consultations.enums import PublicationStatus
from consultations.queries import display_language
from tests.factories import consultation, published_call
from tests.factories.consultations import SessionFactory

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED


def html_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_call_with_a_spanish_title_and_an_english_body_is_shown_wholly_in_english(client):
    call = published_call(title_en="", title_es="Convocatoria de oradores", text_en="Tell us why you want to speak.")

    page = client.get(f"/es/calls/{call.pk}/")
    html = html_of(page)

    assert page.context["shown_language"] == "en"
    assert "Convocatoria de oradores" not in html
    assert re.search(r'<h1 lang="en" dir="ltr">[^<]+</h1>', html)
    assert '<div class="call-text" lang="en" dir="ltr"><p>Tell us why you want to speak.</p>' in html
    assert page.context["shown_in_fallback"] is True


def test_a_text_in_the_visitors_language_needs_no_note(client):
    call = published_call(title_en="Call for speakers", text_en="Tell us why.")

    html = html_of(client.get(f"/en/calls/{call.pk}/"))

    assert "This text is shown in" not in html
    assert '<h1 lang="en" dir="ltr">Call for speakers</h1>' in html


def test_a_call_in_the_visitors_language_is_shown_in_it(client):
    call = published_call(title_fr="Appel à orateurs", text_fr="Dites-nous pourquoi.")

    page = client.get(f"/fr/calls/{call.pk}/")

    assert page.context["shown_language"] == "fr"
    assert page.context["shown_in_fallback"] is False
    assert '<h1 lang="fr" dir="ltr">Appel à orateurs</h1>' in html_of(page)


def test_without_the_visitors_language_the_original_is_shown(client):
    call = published_call(
        title_en="Call for speakers",
        text_en="Tell us why.",
        title_ru="Призыв к выступающим",
        text_ru="Расскажите, почему.",
        provenance={"ru": "original", "en": "machine"},
    )

    assert display_language(call, "ar") == "ru"
    assert display_language(call, "en") == "en"


def test_an_arabic_title_on_an_english_page_carries_lang_and_direction(client):
    place = consultation(slug="maghreb", status=PUBLISHED, title_en="", title_ar="مشاورة المغرب العربي")
    SessionFactory(consultation=place, title="", title_ar="الجلسة الأولى")

    html = html_of(client.get("/en/consultations/maghreb/"))

    assert '<h1 lang="ar" dir="rtl">مشاورة المغرب العربي</h1>' in html
    assert '<h3 lang="ar" dir="rtl">الجلسة الأولى</h3>' in html
    assert "This text is shown in Arabic; it is not available in English." in html


def test_the_calls_list_shows_each_call_in_one_language(client):
    published_call(title_en="", title_es="Convocatoria sin cuerpo", text_en="Body in English.")

    html = html_of(client.get("/es/calls/"))

    assert "Convocatoria sin cuerpo" not in html
    assert re.search(r'<h3 lang="en" dir="ltr">', html)

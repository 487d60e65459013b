"""Done means, for languages: every public page and the main signed-in pages, in each of the five
other languages, show no interface string of the project's catalogue in English, and content shown
in a language other than the page's sits inside an element that says so (lang)."""

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from pprint import pformat

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import to_locale

from consultations.enums import CallKind, PublicationStatus, SubmissionStatus
from consultations.models import SessionMaterial
from registrations.enums import Appearance, InterestStatus
from tests.factories import (
    SOON,
    OrganizationFactory,
    ProfileFactory,
    consultation,
    published_call,
    submission,
    written_call,
)
from tests.factories.consultations import SessionFactory
from tests.factories.registrations import ExpressionOfInterestFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]

# Content written in English only: on every other language's page, each must be inside lang="en".
CONTENT = {
    "consultation": "Consultation on seasonal work in the Sahel",
    "description": "Practical information about the venue and the day.",
    "call": "Call to attend the Sahel consultation",
    "text": "Register to take part in the room or online.",
    "session": "Opening panel on decent work",
    "organization": "Sahel Network of Migrant Workers",
    "about": "We defend the rights of seasonal workers.",
    "submission": "Decent work in the Sahel",
    "views": "Our members ask for written contracts.",
}

SKIPPED_TAGS = {"script", "style", "title"}


class VisibleText(HTMLParser):
    """The page's visible text nodes, each with the language of its nearest element that has one."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not any(tag in SKIPPED_TAGS for tag, _lang in self.stack):
            language = next((lang for _tag, lang in reversed(self.stack) if lang), None)
            self.texts.append((text, language))


def texts_of(response) -> list[tuple[str, str | None]]:
    parser = VisibleText()
    parser.feed(response.content.decode())
    return parser.texts


def translated_msgids(language: str) -> set[str]:
    """The catalogue's interface strings that read differently in this language: long enough to be
    unambiguous (names of languages, "OK" or a number may rightly read the same) and without
    placeholders (shown filled in, never verbatim)."""
    path = Path(settings.BASE_DIR) / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        catalog = read_po(po)
    msgids = set()
    for message in catalog:
        if not message.id or message.fuzzy or isinstance(message.id, tuple):
            continue
        readable = message.string and message.string != message.id and len(message.id) >= 16 and " " in message.id
        if readable and not re.search(r"%|\{|<", message.id):
            msgids.add(message.id)
    return msgids


@pytest.fixture
def pages(client):
    """Content only in English, and the addresses of the pages that show it."""
    place = consultation(
        slug="sahel",
        status=PublicationStatus.PUBLISHED,
        title_en=CONTENT["consultation"],
        description_en=CONTENT["description"],
        starts_at=SOON + timedelta(days=30),
        ends_at=SOON + timedelta(days=30, hours=8),
    )
    call = published_call(consultation=place, kind=CallKind.ATTEND, title_en=CONTENT["call"], text_en=CONTENT["text"])
    session = SessionFactory(consultation=place, title_en=CONTENT["session"], starts_at=place.starts_at)
    organization = OrganizationFactory(
        slug="sahel-network", name_en=CONTENT["organization"], description_en=CONTENT["about"]
    )
    person = ProfileFactory(person__display_name="Aminata").person
    RegistrationFactory(person=person, call=call)
    speak = published_call(consultation=place, kind=CallKind.SPEAK, title_en=CONTENT["call"], text_en=CONTENT["text"])
    speaker = ExpressionOfInterestFactory(
        call=speak, status=InterestStatus.CONFIRMED, appearance=Appearance.NAME, session=session
    )
    public = ["/{lang}/", "/{lang}/calls/", f"/{{lang}}/calls/{call.pk}/", "/{lang}/consultations/"]
    public += ["/{lang}/consultations/sahel/", "/{lang}/stakeholders/", f"/{{lang}}/stakeholders/{organization.slug}/"]
    views = submission(
        call=written_call(consultation=place),
        title=CONTENT["submission"],
        text=CONTENT["views"],
        status=SubmissionStatus.PUBLISHED,
        may_publish=True,
    )
    public += [
        f"/{{lang}}/speakers/{speaker.person_id}/",
        "/{lang}/calls/subscribe/",
        f"/{{lang}}/submissions/{views.pk}/",
    ]
    public += ["/{lang}/accounts/login/", "/{lang}/accounts/signup/", "/{lang}/accounts/password/reset/"]
    signed_in = ["/{lang}/my-participation/", "/{lang}/stakeholders/profile/", "/{lang}/stakeholders/my-data/"]
    signed_in += ["/{lang}/stakeholders/welcome/", "/{lang}/stakeholders/profile/speaker/"]
    signed_in += [f"/{{lang}}/calls/{speak.pk}/answer/", "/{lang}/stakeholders/register-organization/"]
    return {"public": public, "signed_in": signed_in, "person": person}


def untranslated(response, language) -> set[str]:
    """Catalogue strings shown in English outside any element marked as being in another language."""
    interface = " ".join(text for text, lang in texts_of(response) if lang in (None, language))
    return {msgid for msgid in translated_msgids(language) if msgid in interface}


def content_without_lang(response) -> list[str]:
    return [text for text, lang in texts_of(response) if lang != "en" and any(c in text for c in CONTENT.values())]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_pages_show_no_interface_string_in_english_and_mark_english_content(client, pages, language):
    failures = {}
    for signed_in, addresses in ((False, pages["public"]), (True, pages["signed_in"])):
        if signed_in:
            client.force_login(pages["person"])
        for address in addresses:
            response = client.get(address.format(lang=language))
            assert response.status_code == 200, address
            problems = {
                "untranslated": sorted(untranslated(response, language)),
                "content without lang": content_without_lang(response),
            }
            if any(problems.values()):
                failures[address] = problems
    assert not failures, pformat(failures, width=140)


def test_an_organization_named_in_another_language_only_is_marked_so_and_its_own_language_isolated(client):
    OrganizationFactory(
        slug="amal", name_en="", name_ar="شبكة أمل للمهاجرين", description_ar="نحن ندافع عن حقوق العمال."
    )

    directory = client.get("/en/stakeholders/").content.decode()
    page = client.get("/en/stakeholders/amal/").content.decode()
    arabic_page = client.get("/ar/stakeholders/amal/").content.decode()

    assert '<bdi lang="ar" dir="rtl">شبكة أمل للمهاجرين</bdi>' in directory
    assert '<bdi lang="ar" dir="rtl">شبكة أمل للمهاجرين</bdi>' in page
    assert 'lang="ar" dir="rtl">' in page.split("نحن ندافع")[0].rsplit("<p", 1)[1]
    assert "<bdi>شبكة أمل للمهاجرين</bdi>" in arabic_page


def test_a_material_title_says_its_language_and_direction(client):
    place = consultation(slug="sahel", status=PublicationStatus.PUBLISHED)
    SessionMaterial.objects.create(
        consultation=place, title="دليل المشاركين", language="ar", link="https://example.org/guide"
    )

    html = client.get("/en/consultations/sahel/").content.decode()

    assert re.search(r'<a href="https://example.org/guide"\s+lang="ar"\s+dir="rtl"', html)

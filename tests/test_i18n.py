import re

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]
DIRECTIONS = {"en": "ltr", "fr": "ltr", "es": "ltr", "ar": "rtl", "ru": "ltr", "zh-hans": "ltr"}
HEADLINE = "Take part in the review of the Global Compact for Migration"


def hreflang_links(html):
    return re.findall(r'<link rel="alternate"\s+hreflang="([^"]+)"\s+href="([^"]+)">', html)


@pytest.mark.parametrize("code", CODES)
def test_home_page_speaks_each_language(client, code):
    response = client.get(f"/{code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'<html lang="{code}"\s+dir="{DIRECTIONS[code]}">', html)
    with translation.override(code):
        headline = translation.gettext(HEADLINE)
    assert f"<h1>{headline}</h1>" in html
    assert (headline == HEADLINE) == (code == "en"), "the catalogue must be compiled and translated"


@pytest.mark.parametrize("code", CODES)
def test_home_page_links_every_language_version(client, code):
    html = client.get(f"/{code}/").content.decode()

    assert hreflang_links(html) == [(other, f"http://testserver/{other}/") for other in CODES]


def test_language_switcher_keeps_the_current_page(client):
    html = client.get("/fr/accounts/login/").content.decode()

    switcher = html[html.index('class="language-switcher"') :]
    assert re.findall(r'<a href="([^"]+)"\s+hreflang', switcher) == [f"/{code}/accounts/login/" for code in CODES]
    assert re.search(r'href="/fr/accounts/login/"\s+hreflang="fr"\s+lang="fr"\s+aria-current="true"', switcher)


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", headers={"accept-language": "ar,en;q=0.5"})

    assert response.status_code == 302
    assert response.url == "/ar/"


def test_unknown_page_answers_not_found_in_the_visitors_language(client):
    response = client.get("/es/no-such-page/")

    assert response.status_code == 404
    with translation.override("es"):
        assert translation.gettext("Page not found") in response.content.decode()

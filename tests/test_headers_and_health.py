"""What every response tells browsers and caches, and /healthz: nothing personal is kept by any cache,
public pages and static files stay cacheable, no page may switch on a camera or be embedded by another
origin, HSTS reaches no further than the deployer chose, and the health check answers JSON in seconds
whether the database and the broker answer or not."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connections

from consultations.enums import CallKind, PublicationStatus
from registrations.enums import Appearance, InterestStatus
from stakeholders.enums import StaffRole
from stakeholders.models import Profile
from stakeholders.photos import save_speaker_profile
from tests.factories import (
    ExpressionOfInterestFactory,
    ProfileFactory,
    authenticator_app,
    call,
    consultation,
    grant,
    photo,
)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")
ON_REDIS = bool(os.environ.get("REDIS_URL"))


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def kept_by_no_cache(response) -> bool:
    return {"no-store", "private"} <= directives(response)


@pytest.fixture
def person(client):
    person = ProfileFactory().person
    client.force_login(person)
    return person


@pytest.fixture
def secretariat(client):
    person = ProfileFactory().person
    grant(person, StaffRole.SECRETARIAT)
    authenticator_app(person)  # staff sign in with two steps
    client.force_login(person)
    return person


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# Caching


def test_a_page_for_a_signed_in_person_is_kept_by_no_cache(client, person):
    for url in ("/en/", "/en/stakeholders/my-data/"):
        response = client.get(url)

        assert response.status_code == 200
        assert kept_by_no_cache(response), url


def test_the_download_of_my_data_is_kept_by_no_cache(client, person):
    response = client.get("/en/stakeholders/my-data/download/")

    assert response.status_code == 200
    assert kept_by_no_cache(response)


def test_a_staff_export_says_no_store_itself_not_only_through_the_middleware(client, secretariat, settings):
    settings.MIDDLEWARE = [entry for entry in settings.MIDDLEWARE if not entry.endswith("NoStoreMiddleware")]

    response = client.get("/en/stakeholders/gap-map/", {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert kept_by_no_cache(response)


def test_a_public_page_for_an_anonymous_visitor_keeps_its_caching(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert not response.cookies
    assert "no-store" not in directives(response)


def test_a_page_that_sets_a_cookie_is_kept_by_no_cache(client):
    response = client.get("/en/accounts/login/")  # its form's CSRF cookie

    assert "csrftoken" in response.cookies
    assert kept_by_no_cache(response)


def test_static_files_keep_their_caching_for_a_signed_in_person(client, person):
    response = client.get("/static/css/portal.css")

    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    assert "no-store" not in directives(response)


def test_a_published_speaker_s_photo_stays_publicly_cached_for_a_signed_in_person(client, person, media):
    save_speaker_profile(person, by=person, affiliation="", biography="", biography_language="", photo=photo())
    speak = call(consultation=consultation(status=PublicationStatus.PUBLISHED), kind=CallKind.SPEAK)
    ExpressionOfInterestFactory(call=speak, person=person, status=InterestStatus.CONFIRMED, appearance=Appearance.FULL)

    response = client.get("/" + Profile.objects.get(person=person).photo.name)

    assert response.status_code == 200
    assert directives(response) == {"public", "max-age=3600"}


def test_a_photo_only_its_person_may_see_is_kept_by_no_cache(client, person, media):
    save_speaker_profile(person, by=person, affiliation="", biography="", biography_language="", photo=photo())

    response = client.get("/" + Profile.objects.get(person=person).photo.name)

    assert response.status_code == 200
    assert kept_by_no_cache(response)


# Headers on every response


@pytest.mark.parametrize(
    "url",
    ["/en/", "/en/stakeholders/my-data/", "/static/css/portal.css", "/healthz", "/en/no-such-page/", "/favicon.ico"],
)
def test_every_response_forbids_other_origins_and_unused_features(client, url):
    response = client.get(url)

    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    policy = dict(feature.strip().split("=", 1) for feature in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert policy[feature] == "()", feature


# HSTS: what the deployment's environment turns on, read in a fresh process as the server would.

PRODUCTION = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "SECRET_KEY": "k" * 30 + "-production-secret-of-fifty-chars-plus",
    "ALLOWED_HOSTS": "engage.example.org",
    "DATABASE_URL": "sqlite://:memory:",
    "HTTPS": "true",
}
HSTS_OF_A_RESPONSE = (
    "import django; django.setup(); from django.http import HttpResponse; "
    "from django.middleware.security import SecurityMiddleware; from django.test import RequestFactory; "
    "request = RequestFactory().get('/', secure=True, headers={'host': 'engage.example.org'}); "
    "print(SecurityMiddleware(lambda request: HttpResponse())(request)['Strict-Transport-Security'])"
)


def hsts_header(**environment):
    result = subprocess.run(
        [sys.executable, "-c", HSTS_OF_A_RESPONSE],
        cwd=ROOT,
        env={**PRODUCTION, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hsts_covers_this_host_only_unless_the_deployer_says_otherwise():
    assert hsts_header() == "max-age=31536000"


def test_the_deployer_turns_on_hsts_for_subdomains_and_preloading():
    header = hsts_header(SECURE_HSTS_INCLUDE_SUBDOMAINS="true", SECURE_HSTS_PRELOAD="true")

    assert header == "max-age=31536000; includeSubDomains; preload"


# /healthz


def test_health_check_answers_json_200_when_database_and_broker_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok" if ON_REDIS else "not configured"}


@pytest.fixture
def database_down():
    """The connection every part of the request uses points at a port where nothing listens: each
    query really fails to connect."""
    working = connections["default"]
    unreachable = type(working)({**working.settings_dict, "HOST": "127.0.0.1", "PORT": 1}, alias="default")
    connections._connections.default = unreachable
    try:
        yield
    finally:
        connections._connections.default = working
        unreachable.close()


@pytest.mark.skipif(not ON_POSTGRESQL, reason="an unreachable database needs a server database (CI has PostgreSQL)")
def test_health_check_answers_json_503_when_the_database_is_down_even_to_a_signed_in_browser(
    client, person, database_down
):
    with pytest.raises(OperationalError):
        client.get("/en/")  # any other page needs the database: it really is down
    started = time.monotonic()

    response = client.get("/healthz")

    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "unavailable",
        "database": "error",
        "broker": "ok" if ON_REDIS else "not configured",
    }


def test_health_check_answers_json_503_when_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "error"}


@pytest.fixture
def silent_broker():
    """A port that accepts connections and never answers, like a Redis that hangs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_health_check_gives_up_on_a_broker_that_does_not_answer_within_seconds(client, settings, silent_broker):
    settings.CELERY_BROKER_URL = silent_broker
    started = time.monotonic()

    response = client.get("/healthz")

    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert json.loads(response.content)["broker"] == "error"

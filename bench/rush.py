"""The registration rush (issue 7): wrk fires registrations of hundreds of signed-in people at a
gunicorn server on 127.0.0.1, all for the same consultation's 100 seats in the room.

Prints wrk's requests/s and p50/p99 latency, then what the database holds: confirmed seats,
waitlisted people with their positions, and anything overbooked. Needs PostgreSQL (row locks):
DATABASE_URL, default postgres://postgres@127.0.0.1:5432/wos_engage_bench, created if missing.
Figures, not pass/fail. Run with `make bench`.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wos_engage_bench")
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "SECRET_KEY": "bench-only-" + "x" * 50,
    "HTTPS": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": DATABASE_URL,
    # The notices are written to the outbox in each registration's transaction; nobody sends them here.
    "CELERY_TASK_ALWAYS_EAGER": "false",
    "REDIS_URL": "",
}
os.environ.update(ENVIRONMENT)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402

from consultations.enums import CallKind, ConsultationKind, Modality, PublicationStatus  # noqa: E402
from consultations.models import Consultation, OpenCall  # noqa: E402
from registrations.enums import RegistrationStatus  # noqa: E402
from registrations.models import Registration  # noqa: E402
from registrations.queries.answers import waitlist_position  # noqa: E402

PEOPLE = 300
SEATS = 100
CONNECTIONS, THREADS, SECONDS, WORKERS = 64, 4, 10, 4
BACKEND = "django.contrib.auth.backends.ModelBackend"


def create_database():
    name = DATABASE_URL.rsplit("/", 1)[-1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, check=False)


def prepare():
    call_command("migrate", verbosity=0)
    Registration.objects.all().delete()
    OpenCall.objects.filter(consultation__slug="rush").delete()
    Consultation.objects.filter(slug="rush").delete()
    now = datetime.now(UTC)
    held = Consultation.objects.create(
        slug="rush",
        kind=ConsultationKind.MULTI_STAKEHOLDER,
        title_en="Regional consultation for Africa",
        commission="ECA",
        starts_at=now + timedelta(days=60),
        ends_at=now + timedelta(days=60, hours=8),
        time_zone="Africa/Nairobi",
        modality=Modality.IN_PERSON,
        capacity_in_person=SEATS,
        status=PublicationStatus.PUBLISHED,
    )
    attend = OpenCall.objects.create(
        consultation=held,
        kind=CallKind.ATTEND,
        title_en="Registration to attend",
        text_en="Register to attend.",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=20),
        status=PublicationStatus.PUBLISHED,
    )
    return attend, signed_in_people()


def signed_in_people():
    """(session key, CSRF secret) of PEOPLE signed-in accounts, made without going through the login form."""
    users = get_user_model().objects
    people = []
    for number in range(PEOPLE):
        person, _created = users.get_or_create(email=f"rush{number}@example.org")
        session = SessionStore()
        session.update(
            {
                SESSION_KEY: str(person.pk),
                BACKEND_SESSION_KEY: BACKEND,
                HASH_SESSION_KEY: person.get_session_auth_hash(),
            }
        )
        session.create()
        people.append((session.session_key, secrets.token_hex(16)))
    return people


def lua_script(people, path):
    """Each request is the next person's registration; after the last one, people try again."""
    rows = ",\n".join(f'  {{"{key}", "{csrf}"}}' for key, csrf in people)
    return f"""
local people = {{
{rows}
}}
local counter = 0
request = function()
  counter = counter + 1
  local person = people[(counter % #people) + 1]
  local body = "attendance=in-person&consent=on&csrfmiddlewaretoken=" .. person[2]
  local headers = {{}}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = "{settings.SESSION_COOKIE_NAME}=" .. person[1] .. "; {settings.CSRF_COOKIE_NAME}=" .. person[2]
  return wrk.format("POST", "{path}", headers, body)
end
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(port):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ}, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def run_wrk(port, script):
    url = f"http://127.0.0.1:{port}/"
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-s", script, url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)
    p50 = re.search(r"\s50%\s+(\S+)", output).group(1)
    p99 = re.search(r"\s99%\s+(\S+)", output).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return float(rate), p50, p99, int(errors.group(1)) if errors else 0


def main():
    if "postgres" not in DATABASE_URL:
        raise SystemExit("the rush needs PostgreSQL: set BENCH_DATABASE_URL")
    create_database()
    attend, people = prepare()
    port = free_port()
    server = serve(port)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(lua_script(people, f"/en/calls/{attend.pk}/answer/"))
            script.flush()
            rate, p50, p99, errors = run_wrk(port, script.name)
    finally:
        server.terminate()
        server.wait(timeout=30)
    registrations = Registration.objects.filter(consultation=attend.consultation)
    confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    waiting = registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("pk")
    positions = [waitlist_position(registration) for registration in waiting]
    gapless = positions == list(range(1, len(positions) + 1))
    print(f"registration rush: {PEOPLE} people, {SEATS} seats, wrk {THREADS} threads × {CONNECTIONS} connections")
    print(f"  gunicorn {WORKERS} workers: {rate:,.0f} requests/s, p50 {p50}, p99 {p99}, {errors} errors")
    print(f"  confirmed {confirmed} (seats {SEATS}), waitlisted {len(positions)} at positions 1..{len(positions)}")
    print(f"  overbooked: {max(confirmed - SEATS, 0)}; positions without gaps: {gapless}")
    print("  (after everyone registered once, wrk keeps asking: those answers say 'already registered')")


if __name__ == "__main__":
    main()

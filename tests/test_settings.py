"""The settings each deployment gets from its environment, read in a fresh process as it would."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE_ENVIRONMENT = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "portal.settings"}


def run_manage(*arguments, environment):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={**BASE_ENVIRONMENT, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_under(environment, *names):
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: str(getattr(settings, name)) for name in {list(names)!r}}}))"
    )
    result = run_manage("shell", "-c", script, environment=environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def compose_environment():
    """The web service's environment in docker-compose.yml, with the .env secrets filled in."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    secrets = {
        "SECRET_KEY": "k" * 30 + "-production-secret-of-fifty-chars-plus",
        "ALLOWED_HOSTS": "engage.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://engage.example.org",
        "SITE_URL": "https://engage.example.org",
        "POSTGRES_PASSWORD": "pw",
        "EMAIL_URL": "smtp+tls://mailer:pw@smtp.example.org:587",
        "DEFAULT_FROM_EMAIL": "Engage <noreply@example.org>",
    }
    environment = {}
    for name, value in compose["services"]["web"]["environment"].items():
        environment[name] = re.sub(r"\$\{(\w+):\?[^}]*\}", lambda m: secrets[m.group(1)], str(value))
    return environment


def test_production_settings_pass_the_deployment_checklist():
    environment = compose_environment()
    # The checklist needs no database connection; SQLite keeps the test independent of PostgreSQL.
    environment["DATABASE_URL"] = "sqlite://:memory:"

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)

    assert result.returncode == 0, result.stdout + result.stderr
    # Only the warnings that HSTS includeSubDomains and preload are off: the deployer's choice.
    assert "System check identified no issues (2 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", environment={"ALLOWED_HOSTS": "engage.example.org"})

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_settings_are_https_only():
    values = settings_under(
        compose_environment() | {"DATABASE_URL": "sqlite://:memory:"},
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "EMAIL_BACKEND",
        "CELERY_TASK_ALWAYS_EAGER",
    )

    assert values == {
        "DEBUG": "False",
        "SECURE_SSL_REDIRECT": "True",
        "SESSION_COOKIE_SECURE": "True",
        "CSRF_COOKIE_SECURE": "True",
        "SECURE_HSTS_SECONDS": "31536000",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "CELERY_TASK_ALWAYS_EAGER": "False",
    }


def test_development_defaults_are_embedded():
    values = settings_under(
        {"DEBUG": "true"}, "DATABASES", "CELERY_TASK_ALWAYS_EAGER", "EMAIL_BACKEND", "EMAIL_FILE_PATH"
    )

    assert str(ROOT / "var" / "db.sqlite3") in values["DATABASES"]
    assert values["CELERY_TASK_ALWAYS_EAGER"] == "True"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["EMAIL_FILE_PATH"] == str(ROOT / "var" / "mail")


@pytest.mark.parametrize("service", ["worker", "beat"])
def test_worker_and_beat_get_the_same_settings_as_web(service):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())

    assert compose["services"][service]["environment"] == compose["services"]["web"]["environment"]

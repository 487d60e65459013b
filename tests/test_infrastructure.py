"""Which database and broker the suite really used, and a task run by a real Celery worker."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app
from portal.tasks import task_check_health
from tests.workers import worker_database_url

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"


def expected_vendor():
    url = os.environ.get("DATABASE_URL", "sqlite://")
    return {"postgres": "postgresql", "postgresql": "postgresql", "sqlite": "sqlite"}[url.split(":")[0]]


@pytest.mark.django_db
def test_suite_runs_on_the_database_named_by_database_url():
    assert connection.vendor == expected_vendor()
    print(f"database engine: {connection.vendor} {connection.settings_dict['NAME']}")


@pytest.mark.skipif(not IN_CI, reason="outside CI the embedded SQLite default and an in-memory broker are allowed")
@pytest.mark.django_db
def test_ci_runs_on_postgresql_and_redis():
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert celery_app.connection().transport_cls == "redis"


@pytest.fixture
def celery_worker():
    """A real `celery worker` process on its own queue, so no other worker takes the task."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": worker_database_url(),
    }
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-Q", queue, "-l", "WARNING"]
    process = subprocess.Popen(command, cwd=ROOT, env=environment)
    celery_app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis broker: set REDIS_URL (CI does)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_runs_a_task_over_redis(celery_worker):
    result = task_check_health.apply_async(queue=celery_worker)

    outcome = result.get(timeout=60)

    assert outcome == {"database": connection.vendor, "broker": "redis"}
    print(f"worker answered over {outcome['broker']}, database {outcome['database']}")


@pytest.mark.django_db
def test_health_check_reports_the_database_and_the_broker(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    broker = "ok" if settings.CELERY_BROKER_URL.startswith("redis://") else "not configured"
    assert response.json() == {"status": "ok", "database": "ok", "broker": broker}

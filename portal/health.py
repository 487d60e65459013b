"""Can the portal serve? The database and the broker, each really asked, each giving up quickly.

Answers say "ok" or "error", never why: the reason (a host name, a password in a connection error) is
logged for the operators, not shown to whoever asks /healthz."""

import logging

from django.conf import settings
from django.db import Error as DatabaseError
from django.db import connection

logger = logging.getLogger(__name__)

# How long the broker may take to accept a connection and answer PING. (The database's connect
# timeout is in settings: `connect_timeout`.)
BROKER_TIMEOUT_SECONDS = 1.0
NOT_CONFIGURED = "not configured"


def check_database() -> str:
    """Run a trivial query and return the database vendor ('postgresql', 'sqlite')."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_broker() -> str:
    """PING the Redis broker; "not configured" without one (tasks then run inline)."""
    import redis

    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return NOT_CONFIGURED
    client = redis.Redis.from_url(
        url, socket_connect_timeout=BROKER_TIMEOUT_SECONDS, socket_timeout=BROKER_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def database_status() -> str:
    try:
        check_database()
    except DatabaseError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return "error"
    return "ok"


def broker_status() -> str:
    import redis

    try:
        return check_broker()
    except (redis.RedisError, OSError):
        logger.warning("Health check: the broker does not answer", exc_info=True)
        return "error"


def report() -> dict:
    """{"status": "ok" | "unavailable", "database": "ok" | "error", "broker": "ok" | "error" | "not configured"}"""
    database, broker = database_status(), broker_status()
    healthy = database == "ok" and broker in ("ok", NOT_CONFIGURED)
    return {"status": "ok" if healthy else "unavailable", "database": database, "broker": broker}

"""What the tests that start a real Celery worker share (not a test module, so any test may import it)."""

from django.db import connection


def worker_database_url():
    """The worker must use the test database the suite created, not the development one."""
    if connection.vendor == "sqlite":
        return "sqlite://:memory:"
    config = connection.settings_dict
    return f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"

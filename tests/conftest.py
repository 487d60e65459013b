import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.utils import translation
from hypothesis import settings as hypothesis_settings

# Property tests: a quick look locally, a thorough one in CI (.ci/run sets HYPOTHESIS_PROFILE=ci).
# No deadline: the brute-force oracles are slow by design. No example database: runs stay reproducible
# from the seed Hypothesis prints on failure, and nothing is written to the working tree.
hypothesis_settings.register_profile("dev", max_examples=25, deadline=None, database=None)
hypothesis_settings.register_profile("ci", max_examples=200, deadline=None, database=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session", autouse=True)
def _kept_database_keeps_its_reference_data(django_db_blocker, django_db_keepdb):
    """A transactional test empties the database when it ends (serialized_rollback reloads it only when
    the next one starts). A database kept for the next run (--reuse-db) must not be left empty: its
    reference data (regions, languages, GCM objectives) come from data migrations that never run again.
    Set up before the database, so torn down after every test (a kept database is never destroyed)."""
    yield
    if not django_db_keepdb:
        return
    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                call_command("flush", database=connection.alias, interactive=False, inhibit_post_migrate=True)
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth counts rate limits in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request through the test client leaves its language active in the thread; the next test
    starts in the default language whatever the previous one visited."""
    yield
    translation.activate(settings.LANGUAGE_CODE)

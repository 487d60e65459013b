import importlib
import os

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

# Property tests: a quick look locally, a thorough one in CI (.ci/run sets HYPOTHESIS_PROFILE=ci).
# No deadline: the brute-force oracles are slow by design. No example database: runs stay reproducible
# from the seed Hypothesis prints on failure, and nothing is written to the working tree.
hypothesis_settings.register_profile("dev", max_examples=25, deadline=None, database=None)
hypothesis_settings.register_profile("ci", max_examples=200, deadline=None, database=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def empties_the_database(item) -> bool:
    """A transactional test (and every browser test, through the live server) ends by emptying every table."""
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    return transactional or "transactional_db" in item.fixturenames or "live_server" in item.fixturenames


def load_reference_data() -> None:
    """GCM objectives and languages, loaded the data migration's own idempotent way."""
    reference_data = importlib.import_module("stakeholders.migrations.0002_reference_data")
    reference_data.load(django_apps, None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """pytest-django runs transactional tests last, but several processes (pytest-xdist) hand them out
    in their own order: a test that follows one on the same process finds the reference data again."""
    result = yield
    if nextitem is not None and empties_the_database(item) and not empties_the_database(nextitem):
        with item.config.stash[blocking_manager_key].unblock():
            load_reference_data()
    return result


@pytest.fixture(scope="session", autouse=True)
def _kept_database_keeps_its_reference_data(django_db_blocker, django_db_keepdb):
    """A transactional test (and every browser test, through the live server) empties the database when
    it ends. A database kept for the next run (--reuse-db) must not stay empty: its reference data (GCM
    objectives, languages) come from a data migration that never runs again, so it is loaded again
    here, the migration's own idempotent way. Set up before the database, so torn down after every test."""
    yield
    if not django_db_keepdb:
        return
    with django_db_blocker.unblock():
        load_reference_data()


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

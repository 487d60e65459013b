import io
import os
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections, transaction
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
    """A transactional test (and every browser test, through the live server) ends by emptying every
    table; each of them asks for serialized_rollback, so the next one starts by restoring the database
    as the migrations left it (reference data, content types, permissions)."""
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    return transactional or "transactional_db" in item.fixturenames or "live_server" in item.fixturenames


# The database as the migrations left it, serialized once when it is set up. pytest-django keeps it on
# the connection object, but Playwright's event loop gives this thread other connection objects (Django
# keeps them per context), which lack it: Django's serialized_rollback would then silently restore
# nothing and stop sparing the content types when it empties the database. It is kept on the
# connection class instead, so that every connection object of the thread has it (one database).
SERIALIZED: dict[str, str] = {}


def keep_the_serialized_database() -> None:
    for alias, contents in SERIALIZED.items():
        type(connections[alias])._test_serialized_contents = contents


# Emptying and restoring the database between transactional tests, the PostgreSQL way. Django empties
# it with one TRUNCATE of all ~60 tables (PostgreSQL gives each table and index a new file: 0.2 s) and
# restores the serialized rows one save() at a time (0.25 s); every browser test paid both. DELETE in
# one transaction (Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so the order does not
# matter) and COPY of the rows the migrations left, taken once per process, do it in 0.03 s.
SNAPSHOTS: dict[str, dict[str, str]] = {}


def take_snapshot(each) -> dict[str, str]:
    snapshot = {}
    with each.cursor() as cursor:
        for table in each.introspection.django_table_names(only_existing=True, include_views=False):
            rows = io.StringIO()
            cursor.cursor.copy_expert(f"COPY {each.ops.quote_name(table)} TO STDOUT", rows)
            if rows.getvalue():
                snapshot[table] = rows.getvalue()
    return snapshot


def empty_by_delete(original):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        # Table names come from Django's own introspection, quoted.
        deletes = [f"DELETE FROM {self.quote_name(table)};" for table in tables]  # noqa: S608
        return ["SET CONSTRAINTS ALL DEFERRED;", *deletes]

    return sql_flush


def restore_by_copy(original):
    def deserialize_db_from_string(self, data):
        snapshot = SNAPSHOTS.get(self.connection.alias)
        if snapshot is None or data is not SERIALIZED.get(self.connection.alias):
            return original(self, data)
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            # Django's restore saves over rows already there (the first transactional test of a process
            # finds the database as the migrations left it): the same rows are replaced here.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table, rows in snapshot.items():
                name = self.connection.ops.quote_name(table)
                cursor.execute(f"DELETE FROM {name}")  # noqa: S608 (a table name from Django's introspection)
                cursor.cursor.copy_expert(f"COPY {name} FROM STDIN", io.StringIO(rows))

    return deserialize_db_from_string


def empty_and_restore_quickly() -> None:
    for alias in SERIALIZED:
        each = connections[alias]
        if each.vendor != "postgresql":
            continue
        SNAPSHOTS[alias] = take_snapshot(each)
        operations, creation = type(each.ops), type(each.creation)
        if not hasattr(operations, "django_sql_flush"):
            operations.django_sql_flush = operations.sql_flush
            operations.sql_flush = empty_by_delete(operations.django_sql_flush)
            creation.django_deserialize = creation.deserialize_db_from_string
            creation.deserialize_db_from_string = restore_by_copy(creation.django_deserialize)


def restore_what_the_migrations_left() -> None:
    for alias, contents in SERIALIZED.items():
        connections[alias].creation.deserialize_db_from_string(contents)


# Whether the last test of this process emptied the database (pytest-xdist may not know yet, when a
# test ends, which test comes next on the same process).
emptied = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """pytest-django runs transactional tests last, but pytest-xdist hands a module to one process whole,
    so a test may follow a transactional one on the same process: it finds the database restored.
    (A transactional test restores it for itself.)"""
    global emptied
    uses_the_database = item.get_closest_marker("django_db") or "db" in item.fixturenames
    if emptied and uses_the_database and not empties_the_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            restore_what_the_migrations_left()
        emptied = False
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    global emptied
    result = yield
    if empties_the_database(item):
        emptied = True
    return result


@pytest.fixture(scope="session", autouse=True)
def _kept_database_keeps_its_reference_data(django_db_blocker, django_db_keepdb):
    """A database kept for the next run (--reuse-db) must not be left empty by a transactional test:
    its reference data (GCM objectives, languages) come from a data migration that never runs again.
    It is emptied and restored exactly as the migrations left it. Set up before the database, so torn
    down after every test."""
    yield
    if not django_db_keepdb:
        return
    with django_db_blocker.unblock():
        for alias in SERIALIZED:
            call_command("flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0)
        restore_what_the_migrations_left()


OTHER_SESSIONS = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"


@pytest.fixture(scope="session", autouse=True)
def _no_connection_left_when_the_database_goes(django_db_setup, django_db_blocker):
    """Keeps the serialized database (see SERIALIZED). At the end: Celery workers started by the tests
    are stopped, but PostgreSQL ends their sessions a moment later; dropping the test database while one
    lingers fails. Torn down before the database is."""
    for each in connections.all():
        contents = getattr(each, "_test_serialized_contents", None)
        if contents:
            SERIALIZED[each.alias] = contents
    keep_the_serialized_database()
    with django_db_blocker.unblock():
        empty_and_restore_quickly()
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        for _attempt in range(100):
            with connection.cursor() as cursor:
                cursor.execute(OTHER_SESSIONS)
                if cursor.fetchone()[0] == 0:
                    return
            time.sleep(0.1)


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

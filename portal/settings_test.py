"""Test settings: the real settings, with knobs turned for speed and isolation only."""

import os

# The suite runs without DEBUG, like production; it needs a key but no secret one.
os.environ.setdefault("SECRET_KEY", "test-only-key-not-secret-" + "x" * 40)
# The test client and the live server speak plain HTTP on loopback.
os.environ.setdefault("HTTPS", "false")

from portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail goes to django.core.mail.outbox unless a test sends through a real SMTP server.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Hashed static names need collectstatic first; the suite serves files from their sources.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Each test process keeps its own cache so rate limits never leak between tests or runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Staff need a second sign-in step before any page (stakeholders.mfa). The tests of staff pages sign in
# with force_login or the password form and check what each page does, not how the person signed in;
# tests/test_mfa.py and tests/e2e/test_mfa.py turn the requirement on and check it on pages of every
# staff role, with allauth's real views and codes computed from the key.
STAFF_MFA_REQUIRED = False
# Tasks run inline; the tests that need a real worker switch this off for themselves.
CELERY_TASK_ALWAYS_EAGER = True
# Static files come straight from the app and project folders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Found on each request instead of indexed when the middleware starts: every test client starts the
# middleware anew, and indexing every static file cost 85 ms a client (half of most tests).
WHITENOISE_AUTOREFRESH = True
# The test database need not survive a power cut: commits return without waiting for the disk. Nothing
# else changes (what a commit makes visible, locks, isolation), and the suite commits thousands of times.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

"""The five catalogues are complete: every string of the code is in them, translated, none fuzzy."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po"))
# Every app of the project (a folder of its own among the installed apps), so that a new app's strings
# are never left out of the check.
APPS = sorted({app.split(".")[0] for app in settings.INSTALLED_APPS if (ROOT / app.split(".")[0]).is_dir()})
SOURCES = ["manage.py", *APPS, "templates", "locale"]


def msgids(catalogue):
    """The msgids of a catalogue, one line each (msgcat joins wrapped lines)."""
    result = subprocess.run(
        ["msgcat", "--no-wrap", "--no-location", "--sort-output", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if line.startswith(("msgid", "msgctxt"))]


def test_there_is_a_catalogue_for_each_language_but_english():
    assert [path.parts[-3] for path in CATALOGUES] == ["ar", "es", "fr", "ru", "zh_Hans"]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(catalogue):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(catalogue)], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """makemessages on a copy of the code must find nothing the committed catalogues lack."""
    for name in SOURCES:
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "--verbosity", "0"],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "DEBUG": "true", "PYTHONPATH": str(tmp_path)},
        check=True,
    )

    fresh = msgids(tmp_path / "locale/fr/LC_MESSAGES/django.po")
    assert fresh == msgids(ROOT / "locale/fr/LC_MESSAGES/django.po"), "run `make messages` and translate"

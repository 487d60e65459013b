"""How the application code keeps its promises: every write says who made it, and no template
decides on a state by spelling it out."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("portal", "stakeholders", "consultations", "registrations", "activity")


def service_modules():
    for app in APPS:
        yield from (ROOT / app).glob("services.py")
        yield from (ROOT / app).glob("services/*.py")
        yield from (ROOT / app).glob("states.py")


def functions_ignoring_by(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if "by" not in [argument.arg for argument in node.args.kwonlyargs]:
            continue
        used = {name.id for statement in node.body for name in ast.walk(statement) if isinstance(name, ast.Name)}
        if "by" not in used:
            yield f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"


@pytest.mark.unit
def test_every_service_that_takes_by_records_it():
    """A service told who acts must pass it on (to the activity log, a notice or another service):
    a `by` that is dropped is a decision nobody can trace."""
    offenders = [function for path in service_modules() for function in functions_ignoring_by(path)]

    assert offenders == []


# A state compared with a literal, e.g. {% if call.status == "draft" %}: the template should ask the
# model (call.is_draft), so that the states are spelled in one place.
LITERAL_STATE = re.compile(r"\.(status|verification|state|provenance|attendance|role)\s*(==|!=)\s*[\"']")


@pytest.mark.unit
def test_no_template_compares_a_state_with_a_literal():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*")
        if path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LITERAL_STATE.search(line)
    ]

    assert offenders == []


@pytest.mark.unit
def test_no_app_imports_the_indicators():
    """indicators/ reads every app; none of them knows it, so that it can change or go alone. Only the
    open data API (api/), which publishes everything public, reads it in turn."""
    offenders = [
        f"{path.relative_to(ROOT)}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if re.search(r"^\s*(from|import) indicators\b", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]

    assert offenders == []


@pytest.mark.unit
def test_no_app_imports_the_api():
    """api/ reads every app for the open data; none of them knows it."""
    apps = (*APPS, "indicators")
    offenders = [
        f"{path.relative_to(ROOT)}"
        for app in apps
        for path in (ROOT / app).rglob("*.py")
        if re.search(r"^\s*(from|import) api\b", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]

    assert offenders == []

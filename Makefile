# Whole-of-Society Engage. `make run` and `make test` set everything up on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# The development server runs with DEBUG on; tests and production never do.
DEV := DEBUG=true

.PHONY: run test lint format messages compile-messages system-deps bench clean

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.run-deps: pyproject.toml requirements.lock | $(VENV)/bin/python
	$(PIP) install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml requirements.lock | $(VENV)/bin/python
	$(PIP) install --quiet -c requirements.lock -e ".[test]"
	touch $@ $(VENV)/.run-deps

system-deps:
	@scripts/system-deps

compile-messages: $(VENV)/.run-deps
	$(DEV) $(PY) manage.py compilemessages --verbosity 0 --ignore ".venv" --ignore "var"

run: $(VENV)/.run-deps compile-messages
	mkdir -p var/mail var/static
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py seed_demo
	@echo "E-mails are written to var/mail/. Open http://127.0.0.1:8000/"
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	find manage.py portal stakeholders consultations registrations activity api indicators tests -name '*.py' | xargs $(VENV)/bin/django-upgrade --target-version 5.2 --check
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/djlint templates --check
	DJANGO_SETTINGS_MODULE=portal.settings_test DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.test-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat

# One pytest process per core, each with its own test database (pytest-django adds _gw0, _gw1...);
# a module's tests run in one process, one after the other (--dist loadscope): the two rushes of
# tests/registrations/test_rush.py, fifty connections each, never overlap (PostgreSQL allows 100).
# Each real Celery worker of the tests listens on a queue of its own. Locally the test databases
# are kept between runs (--reuse-db, migrations still applied); in CI (CI=true) they are made afresh.
PYTEST_OPTS := -n auto --dist loadscope $(if $(filter true,$(CI)),--create-db,--reuse-db)

test: $(VENV)/.test-deps system-deps lint compile-messages
	$(VENV)/bin/pytest $(PYTEST_OPTS) $(PYTEST_ARGS)

# Refresh the catalogues after changing strings, then translate what is new in locale/.
messages: $(VENV)/.run-deps
	$(DEV) $(PY) manage.py makemessages -l fr -l es -l ar -l ru -l zh_Hans \
		--ignore=.venv --ignore=var --ignore=tests --no-obsolete

clean:
	rm -rf $(VENV) var/static var/screenshots

# Speed, page weight and memory against the budgets of the design note (§8): figures, not pass/fail.
bench: $(VENV)/.run-deps system-deps compile-messages
	$(PY) bench/pages.py
	$(PY) bench/fanout.py
	$(PY) bench/rush.py
	$(PY) bench/selection.py

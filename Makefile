# Two commands do all the set-up on a fresh machine (Python 3.11+ and make):
#   make run    the app on SQLite (the seed data loaded into an empty database), at http://127.0.0.1:8000/
#   make test   the test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: install run test test-browser screenshots test-postgres lint format check fixtures messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# seed_if_empty, not loaddata: loading the seed again on every start would put back each
# record an editor corrected in the admin (and leave its history describing another record).
run: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_if_empty
	DEBUG=1 $(PY) manage.py ensure_local_admin
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# The end-to-end tests alone (Debian's chromium at /usr/bin/chromium).
test-browser: $(VENV)/.installed
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

# Refresh the README's screenshots in docs/ from the browser tests.
screenshots: $(VENV)/.installed
	OPIS_SCREENSHOTS=docs $(PY) -m pytest -m browser $(PYTEST_ARGS)

# The same suite on PostgreSQL; pytest-django creates and drops test_opis.
test-postgres: $(VENV)/.installed
	DATABASE_URL=$${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/opis} $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Django's own checks, a forgotten migration, and the public interface of design.md. The
# interface check lives outside the repository, in ../shared: a clone without it skips it,
# saying so.
CONTRACT_CHECK := ../shared/tools/contract_check.py
check: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py check
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	@if [ -f $(CONTRACT_CHECK) ]; then \
		echo "$(PY) $(CONTRACT_CHECK)"; $(PY) $(CONTRACT_CHECK); \
	else \
		echo "Skipped the check of design.md's public interface: $(CONTRACT_CHECK) not found."; \
	fi

fixtures: $(VENV)/.installed
	$(PY) tools/build_seed_fixture.py

# After changing interface strings: extract them, fill the Russian from tools/translate_ru.py
# (it names any string without a translation) and compile. Needs GNU gettext; the compiled
# .mo is committed, so running the app does not.
messages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py makemessages -l ru --ignore=".venv/*" --ignore="tests/*" --ignore="tools/*" --no-obsolete
	$(PY) tools/translate_ru.py
	DEBUG=1 $(PY) manage.py compilemessages -l ru --ignore=".venv/*"

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles

"""The suite's shared fixtures.

A test that does not ask for data starts from an empty catalogue (pytest-django's `db`),
and builds what it needs. `seed` gives it the 26 works of fixtures/ and
`archives_and_languages` the registry alone: rows that one loaddata a session wrote,
written back in bulk into the test's transaction and rolled back with it, so a test may
change them freely. Call loaddata yourself only to test loaddata.
"""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.utils import override_settings

SEED_FIXTURES = ("archives", "languages", "seed")


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """A fast hasher for the editors that tests create: the default one spends half a
    second of CPU on each password by design. Django's advice for test suites:
    https://docs.djangoproject.com/en/5.2/topics/testing/overview/#password-hashing"""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with no stored pages. The catalogue's version is rolled back with
    the test's transaction, so a page stored by one test could match the next one's; and
    with the catalogue's size unread, as another test's ANALYZE may have changed it."""
    from django.core.cache import caches

    from catalogue.search import ranking

    caches["pages"].clear()
    caches["default"].clear()  # the template fragments ({% cache %})
    ranking._size_read.clear()  # the catalogue's size, kept for seconds by a process


@pytest.fixture(autouse=True)
def no_language_left_active():
    """Django's LocaleMiddleware activates a request's language in the thread and leaves it
    there: after a test that asked for a page in Russian, the next test's gettext, forms
    and fragments would speak Russian unless it made a request of its own. A server meets
    no such leak (every request activates its own language); a test suite in one thread
    does, so each test ends with none active."""
    from django.utils import translation

    yield
    translation.deactivate()


def seed_models(fixtures=SEED_FIXTURES):
    """The models the seed fixtures fill, in the order loaddata fills them: each fixture's
    models, and after a model the automatic table of its many-to-many fields. The rest of
    what a load writes (facet cells, the catalogue's version, PostgreSQL's search vectors)
    the database's triggers derive from these rows."""
    models = []
    for name in fixtures:
        path = Path(django_settings.FIXTURE_DIRS[0]) / f"{name}.json"
        for obj in json.loads(path.read_text(encoding="utf-8")):
            model = apps.get_model(obj["model"])
            if model in models:
                continue
            models.append(model)
            for field in model._meta.local_many_to_many:
                if field.remote_field.through._meta.auto_created:
                    models.append(field.remote_field.through)
    return models


def read_seed():
    """The rows of the seed's models as they stand: each model's table, its columns (the
    ones the model declares) and rows as the database gives them."""
    rows = {}
    with connection.cursor() as cursor:
        for model in seed_models():
            table, columns = seed_table(model)
            pk = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {pk}")
            rows[model] = cursor.fetchall()
    return rows


def write_seed(rows):
    """Insert rows read by read_seed() as they were, ids and timestamps included (a
    bulk_create would stamp auto_now fields with the time of the test)."""
    with connection.cursor() as cursor:
        for model, values in rows.items():
            table, columns = seed_table(model)
            marks = ", ".join(["%s"] * len(model._meta.concrete_fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
        # As loaddata does: PostgreSQL's id sequences past the ids written (SQLite keeps up),
        for statement in connection.ops.sequence_reset_sql(no_style(), list(rows)):
            cursor.execute(statement)
    # and the deferred foreign keys checked now, leaving no pending trigger event (which
    # would stop a TRUNCATE in the test).
    connection.check_constraints(table_names=[model._meta.db_table for model in rows])


def seed_table(model):
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in model._meta.concrete_fields)
    return quote(model._meta.db_table), columns


@pytest.fixture(scope="session")
def seed_rows(django_db_setup, django_db_blocker):
    """The seed fixtures' rows, loaded by loaddata once a session, read, and rolled back.

    loaddata costs half a second (natural keys looked up, every object saved alone); the
    same rows written back in bulk cost a few milliseconds."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *SEED_FIXTURES, verbosity=0)
        rows = read_seed()
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def seed(db, seed_rows):
    """The seed article and its 25 references, as shipped in fixtures/: the rows loaddata
    writes, in the test's transaction and rolled back with it. A test that does not ask for
    it starts from an empty catalogue. tests/test_seed_fixture.py checks that these rows make
    the same database as loaddata, derived tables included."""
    write_seed(seed_rows)


@pytest.fixture
def archives_and_languages(db, seed_rows):
    """The archive registry and the languages (fixtures archives and languages), the rows
    loaddata writes; no works, people or archival units."""
    write_seed({model: seed_rows[model] for model in seed_models(("archives", "languages"))})


@pytest.fixture
def get_json(client):
    """GET a page's JSON twin and return the decoded body (asserting the status)."""

    def get(path, params=None, status=200):
        response = client.get(path, {**(params or {}), "format": "json"})
        assert response.status_code == status, (response.status_code, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    return get


@pytest.fixture
def on_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"

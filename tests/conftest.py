import pytest
from django.core.management import call_command

SEED_FIXTURES = ("archives", "languages", "seed")


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with no stored pages. The catalogue's version is rolled back with
    the test's transaction, so a page stored by one test could match the next one's; and
    with the catalogue's size unread, as another test's ANALYZE may have changed it."""
    from django.core.cache import caches

    from catalogue import page_cache, search

    caches["pages"].clear()
    caches["default"].clear()  # the template fragments ({% cache %})
    page_cache.forget()  # and what this process kept of it
    search._size_read.clear()  # the catalogue's size, kept for seconds by a process


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


@pytest.fixture
def seed(db):
    """The seed article and its 25 references, as shipped in fixtures/."""
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)


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

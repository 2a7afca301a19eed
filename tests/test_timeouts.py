"""Public pages' statements are time-limited on PostgreSQL (catalogue/timeouts.py): a
runaway search is answered with a page asking to narrow it, not a worker killed (500)
after gunicorn's 30 s and a statement left running in the database."""

import pytest
from django.db import connection

from catalogue.search import ranking

pytestmark = pytest.mark.usefixtures("seed")


@pytest.fixture
def slow_search(monkeypatch, on_postgres):
    """Every search plan runs a statement of half a second first."""
    if not on_postgres:
        pytest.skip("statement_timeout is PostgreSQL's; SQLite has none")
    plan = ranking.plan

    def slow_plan(query):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(0.5)")
        return plan(query)

    monkeypatch.setattr(ranking, "plan", slow_plan)


def test_a_search_past_the_time_limit_asks_to_be_narrowed(client, settings, slow_search):
    settings.OPIS_PUBLIC_STATEMENT_TIMEOUT_MS = 50
    response = client.get("/works/", {"q": "Zhukov"})
    assert response.status_code == 503
    assert "This search is too broad to answer in time" in response.content.decode()
    data = client.get("/works/", {"q": "Zhukov", "format": "json"}).json()
    assert data["status"] == 503 and "too broad" in data["error"]
    # Not kept by the page cache: once the search can be answered, it is.
    settings.OPIS_PUBLIC_STATEMENT_TIMEOUT_MS = 5000
    assert client.get("/works/", {"q": "Zhukov"}).status_code == 200


def test_a_search_within_the_time_limit_is_answered(client, settings, slow_search):
    settings.OPIS_PUBLIC_STATEMENT_TIMEOUT_MS = 5000
    assert client.get("/works/", {"q": "Zhukov"}).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_limit_ends_with_the_page(client, settings, on_postgres):
    """The next statement on the connection (an editor's save, an import) is not limited."""
    if not on_postgres:
        pytest.skip("statement_timeout is PostgreSQL's")
    settings.OPIS_PUBLIC_STATEMENT_TIMEOUT_MS = 1234
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (before,) = cursor.fetchone()
    assert client.get("/works/", {"q": "Zhukov"}).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == (before,) != ("1234ms",)

"""Faults: a PostgreSQL restart makes requests wait, not fail (bench/restart_under_load.py
measures it against a real server; these tests pin the retry itself)."""

import pytest
from django.db.backends.postgresql import base

from project.postgresql.base import DatabaseWrapper


@pytest.fixture
def refused_twice(monkeypatch):
    attempts = []

    def connect(self, conn_params):
        attempts.append(conn_params)
        if len(attempts) <= 2:
            raise base.Database.OperationalError("connection refused: the server is restarting")
        return "a connection"

    monkeypatch.setattr(base.DatabaseWrapper, "get_new_connection", connect)
    return attempts


def test_a_refused_connection_is_retried_until_the_server_is_back(refused_twice, settings):
    settings.DATABASE_CONNECT_WAIT = 5
    wrapper = object.__new__(DatabaseWrapper)
    assert wrapper.get_new_connection({"dbname": "opis"}) == "a connection"
    assert len(refused_twice) == 3


def test_with_no_wait_the_first_refusal_is_final(refused_twice, settings):
    settings.DATABASE_CONNECT_WAIT = 0
    wrapper = object.__new__(DatabaseWrapper)
    with pytest.raises(base.Database.OperationalError):
        wrapper.get_new_connection({"dbname": "opis"})
    assert len(refused_twice) == 1


def test_postgresql_deployments_use_the_waiting_backend(on_postgres, db):
    from django.db import connections

    if not on_postgres:
        pytest.skip("the suite runs on SQLite here")
    assert connections["default"].settings_dict["ENGINE"] == "project.postgresql"
    assert isinstance(connections["default"], DatabaseWrapper)


@pytest.fixture
def kept_connection(on_postgres, db):
    """A second connection to the test database, as a worker keeps one between requests."""
    from django.db import connection

    if not on_postgres:
        pytest.skip("the health check of kept connections is PostgreSQL's")
    settings = {**connection.settings_dict, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    wrapper = DatabaseWrapper(settings, alias="kept")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def _last_query(pid):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0]


def test_a_healthy_kept_connection_is_checked_without_a_query(kept_connection):
    with kept_connection.cursor() as cursor:
        cursor.execute("SELECT 'the last request'")
    pid = kept_connection.connection.info.backend_pid

    assert kept_connection.is_usable()
    # Django's own check would have sent SELECT 1; the server has seen nothing since.
    assert _last_query(pid) == "SELECT 'the last request'"


def test_a_connection_the_server_closed_is_replaced_before_the_next_request(kept_connection):
    from django.db import connection

    old_pid = kept_connection.connection.info.backend_pid
    with connection.cursor() as cursor:  # as a restart or an administrator would
        cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [old_pid])
    assert not kept_connection.is_usable()

    # What Django does at the start of the next request (the connection is young: kept
    # for 60 s), then the request's first query.
    kept_connection.close_if_unusable_or_obsolete()
    with kept_connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        new_pid = cursor.fetchone()[0]
    assert new_pid != old_pid

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

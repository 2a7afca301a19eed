"""Faults: while PostgreSQL restarts, a reader waits for a page rather than getting a 500.

Through a live server (Django's test Client keeps no connection between requests, so it
would never meet a stale one). bench/restart_under_load.py measures the same against a
real server restart under load."""

import socket
import threading
import time
import urllib.request

import pytest
from django.core.management import call_command
from django.db import connection


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status


@pytest.fixture
def site(on_postgres, transactional_db, live_server):
    if not on_postgres:
        pytest.skip("a restart is PostgreSQL's: SQLite has no server to lose")
    call_command("loaddata", "archives", "languages", "seed", verbosity=0)
    return live_server.url


class Relay:
    """A TCP relay in front of PostgreSQL that can go down and come back as the server does
    when it restarts: the connections through it are cut, and new ones refused meanwhile."""

    def __init__(self, host, port):
        self.target = (host, int(port))
        self.port = 0
        self.cut = []
        self.running = False
        self.up()

    def up(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.running = True
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self):
        self.running = False
        for side in [self.listener, *self.cut]:
            try:
                side.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.cut.clear()

    def _accept(self, listener):
        while self.running:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:  # shut down
                break
            server = socket.create_connection(self.target)
            self.cut += [client, server]
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client), daemon=True).start()
        listener.close()  # refused from now on

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            source.close()


@pytest.fixture
def relayed(site):
    """The site, its database reached through a Relay (the pool made anew to use it)."""
    settings_dict = connection.settings_dict  # the live server's threads read the same dict
    kept = settings_dict["HOST"], settings_dict["PORT"]
    relay = Relay(kept[0] or "127.0.0.1", kept[1] or 5432)
    connection.close()
    connection.close_pool()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", relay.port
    yield site, relay
    relay.down()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = kept
    connection.close_pool()


def test_a_page_asked_for_while_postgresql_restarts_waits_and_is_served(relayed):
    site, relay = relayed
    assert fetch(site + "/works/") == 200  # the worker keeps its connection in the pool

    relay.down()
    threading.Timer(1.5, relay.up).start()  # the server is back a moment later
    started = time.monotonic()
    assert fetch(site + "/works/?format=json") == 200
    assert time.monotonic() - started >= 1  # it waited for the server, and was served


def test_a_connection_the_server_closed_is_replaced_before_the_next_request(site):
    assert fetch(site + "/works/") == 200
    with connection.cursor() as cursor:  # as a restart or an administrator would
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1  # the live server's kept connection

    assert fetch(site + "/works/?format=json") == 200

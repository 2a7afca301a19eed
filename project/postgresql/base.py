"""PostgreSQL that waits out a restart instead of failing every request at once.

While the server restarts (a minor upgrade, a configuration change: seconds), a new
connection is refused. Django's backend gives up at the first refusal, so every request
in those seconds is a 500. This one retries for up to DATABASE_CONNECT_WAIT seconds
(settings, from the environment; 0 turns it off), so readers see a slow page instead.
Queries already running when the server stops still fail; bench/restart_under_load.py
measures both.

It also checks a kept connection's health without a round trip (is_usable, below), and
gives a cursor whose statements PostgreSQL plans once a connection (prepared_cursor).
"""

import select
import time

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        """The statement with its values, as Django logs the others (a prepared cursor's
        own text has $1 for them, which could not be run again from a log)."""
        if not isinstance(cursor, psycopg.ClientCursor):
            try:
                return self.compose_sql(sql, params)
            except psycopg.errors.DataError:
                return None
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def prepared_cursor(self):
        """A cursor for a statement that pages run again and again with other values (a
        page of works by their ids, the catalogue's version).

        Django's cursors write the values into the statement's text, so PostgreSQL parses
        and plans every one anew: 1.2 of the 1.5 ms that the works of a page cost it at a
        million works. This cursor sends the values apart, and psycopg prepares a
        statement on its connection once it has run `prepare_threshold` times
        (settings.py: 5, or never with PG_PREPARED=0), after which PostgreSQL keeps its
        plan while it is as good as a fresh one. Statements go through Django's wrappers
        as any other (query counts, execute_wrapper, the log)."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = psycopg.Cursor(self.connection)
            # As Django's create_cursor: the cursor's time zone where the connection's differs.
            loader = self.connection.adapters.get_loader(base.TIMESTAMPTZ_OID, base.Format.TEXT)
            if self.timezone != loader.timezone:
                base.register_tzloader(self.timezone, cursor)
            return self._prepare_cursor(cursor)

    def get_new_connection(self, conn_params):
        deadline = time.monotonic() + getattr(settings, "DATABASE_CONNECT_WAIT", 0)
        delay = 0.05
        while True:
            try:
                return super().get_new_connection(conn_params)
            except base.Database.OperationalError:
                if time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    def is_usable(self):
        """Whether a kept connection can serve the next request (CONN_HEALTH_CHECKS).

        Django's check sends SELECT 1 at the start of every request: a round trip that,
        on a busy server, waits its turn for a core like any query (7 % of a worker's
        time under the benchmark's load). Between requests an idle connection hears
        nothing from the server unless the server is closing it (a restart, a
        terminated backend, idle_session_timeout): it says so, and closes the socket.
        So a socket with nothing to read is healthy; only one that has something to
        read gets Django's SELECT 1, which fails on a closed connection.
        """
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if not hasattr(select, "poll"):  # Windows: Django's round trip
            return super().is_usable()
        try:
            poller = select.poll()  # not select.select: it fails on descriptors past 1023
            poller.register(connection.fileno(), select.POLLIN)
            heard = poller.poll(0)  # POLLHUP and POLLERR are reported too
        except (OSError, base.Database.Error):
            return False
        return not heard or super().is_usable()

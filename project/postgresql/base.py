"""PostgreSQL that waits out a restart instead of failing every request at once.

While the server restarts (a minor upgrade, a configuration change: seconds), a new
connection is refused. Django's backend gives up at the first refusal, so every request
in those seconds is a 500. This one retries for up to DATABASE_CONNECT_WAIT seconds
(settings, from the environment; 0 turns it off), so readers see a slow page instead.
Queries already running when the server stops still fail; bench/restart_under_load.py
measures both.

It also checks a kept connection's health without a round trip (is_usable, below).
"""

import select
import time

from django.conf import settings
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
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

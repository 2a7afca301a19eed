"""PostgreSQL that waits out a restart instead of failing every request at once.

While the server restarts (a minor upgrade, a configuration change: seconds), a new
connection is refused. Django's backend gives up at the first refusal, so every request
in those seconds is a 500. This one retries for up to DATABASE_CONNECT_WAIT seconds
(settings, from the environment; 0 turns it off), so readers see a slow page instead.
Queries already running when the server stops still fail; bench/restart_under_load.py
measures both.
"""

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

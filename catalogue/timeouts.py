"""A time limit on the public pages' statements (PostgreSQL).

A reader's search can ask for more than the server can answer in time (ten words of one
letter took 28 s at 30,000 works; gunicorn then killed the worker, a 500, and PostgreSQL
ran the statement on). Each public page is built in a transaction whose statements are
cancelled after OPIS_PUBLIC_STATEMENT_TIMEOUT_MS (`SET LOCAL`, undone with the
transaction): a cancelled one is answered with a page asking to narrow the search, a 503
that the page cache does not keep. The admin, imports and migrations never pass through
here, so they are not limited. SQLite has no statement timeout: there pages are as before.
"""

from functools import wraps

from django.conf import settings
from django.db import OperationalError, transaction

from .search import ranking
from .views import too_slow


def time_limited(view):
    """`view`, its statements cancelled after OPIS_PUBLIC_STATEMENT_TIMEOUT_MS."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        milliseconds = settings.OPIS_PUBLIC_STATEMENT_TIMEOUT_MS
        if milliseconds <= 0 or not ranking.on_postgres():
            return view(request, *args, **kwargs)
        # Inside a transaction already (a test's), `SET LOCAL` would outlive the page.
        nested = not transaction.get_autocommit()
        try:
            with transaction.atomic():
                before = ranking.limit_statements(f"{milliseconds}ms")
                response = view(request, *args, **kwargs)
                if nested:
                    ranking.limit_statements(before)
                return response
        except OperationalError as error:
            if not ranking.cancelled(error):
                raise
        return too_slow(request)

    return wrapper

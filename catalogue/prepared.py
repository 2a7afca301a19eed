"""A cursor for the statements that pages run again and again with other values: the works
of a page by their ids, the catalogue's version, a search's ids (search.matching_ids).

On PostgreSQL (project/postgresql) it sends the values apart from the statement, so that
the statement is prepared on its connection and planned once there, not on every page.
Elsewhere (SQLite, or another backend) it is Django's own cursor.
"""

from django.db import connection


def cursor():
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared else connection.cursor()

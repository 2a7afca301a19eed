"""Left for catalogue/listing.py until it reads through the ORM (issue 25): Django's own
cursor. Statements are prepared by psycopg on every cursor now (settings.py, PG_PREPARED:
server-side binding and prepare_threshold), not by a cursor of their own.
"""

from django.db import connection


def cursor():
    return connection.cursor()

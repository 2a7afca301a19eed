"""The suite's `seed` fixture writes back, in bulk, rows that loaddata wrote once a session:
the database it makes must be the one loaddata makes, down to what the triggers derive."""

from django.core.management import call_command
from django.db import connection, transaction

from .conftest import SEED_FIXTURES, read_seed, write_seed


def tables():
    """Every row of every table, the columns outside the models included (PostgreSQL's
    search vectors and facet arrays). Not the catalogue's version, which counts
    statements; nor empty facet cells, which a work leaves behind when it moves and no
    page reads."""
    contents = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "catalogue_version":
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            if table in ("catalogue_facetcell", "catalogue_facettotal"):
                rows = [row for row in rows if row["works"]]
            contents[table] = sorted(map(repr, rows))
    return contents


def version():
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM catalogue_version")
        return cursor.fetchone()[0]


def test_the_seed_fixture_makes_the_database_loaddata_makes(db):
    before = version()
    with transaction.atomic():
        call_command("loaddata", *SEED_FIXTURES, verbosity=0)
        loaded, rows = tables(), read_seed()
        transaction.set_rollback(True)
    assert sum(map(len, rows.values())) > 225  # the fixtures' objects, and works' languages
    write_seed(rows)
    assert tables() == loaded
    assert version() > before  # so no page cached before the seed is served after it

"""The catalogue's version: a number that every write to a catalogue table raises.

catalogue/page_cache.py keys its cached pages by it, so a page is never served after a
change it would show. The number lives in a one-row table, raised by triggers in the
writing transaction itself: a reader sees the new number exactly when it sees the new
rows (a sequence would be raised before the commit, and a page rendered from the old rows
could be stored under the new number). Triggers rather than Django signals: bulk_create,
queryset.update(), loaddata and raw SQL send no signal.

On PostgreSQL one statement-level trigger per table, BEFORE the statement: a writing
transaction takes the version row's lock at its first write, before any facet cell (0006),
so two editors' transactions queue on that row instead of deadlocking over cells. The cost
is that catalogue writes are serialised; editing is a handful of people at once. On
SQLite, which has no statement triggers, row triggers (SQLite serialises writers anyway).

The history tables (django-simple-history) and the facet cells are not catalogue pages'
data and have no trigger: they change only with a catalogue table that has one.
"""

from django.db import migrations

EVENTS = ("INSERT", "UPDATE", "DELETE")


def catalogue_tables(apps):
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_app_config("catalogue").get_models(include_auto_created=True)
            if not model._meta.db_table.startswith("catalogue_historical")
        }
    )


def create(apps, schema_editor):
    execute, postgres = schema_editor.execute, schema_editor.connection.vendor == "postgresql"
    execute("CREATE TABLE catalogue_version (id integer PRIMARY KEY, number bigint NOT NULL)")
    execute("INSERT INTO catalogue_version (id, number) VALUES (1, 0)")
    if postgres:
        execute(
            """
            CREATE FUNCTION catalogue_version_raise() RETURNS trigger AS $$
            BEGIN
                UPDATE catalogue_version SET number = number + 1 WHERE id = 1;
                RETURN NULL;
            END
            $$ LANGUAGE plpgsql
            """
        )
    for table in catalogue_tables(apps):
        if postgres:
            execute(
                f"CREATE TRIGGER {table}_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_raise()"
            )
            continue
        for event in EVENTS:
            execute(
                f"CREATE TRIGGER {table}_version_{event.lower()} AFTER {event} ON {table} "
                "BEGIN UPDATE catalogue_version SET number = number + 1 WHERE id = 1; END"
            )


def drop(apps, schema_editor):
    execute, postgres = schema_editor.execute, schema_editor.connection.vendor == "postgresql"
    for table in catalogue_tables(apps):
        if postgres:
            execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
            continue
        for event in EVENTS:
            execute(f"DROP TRIGGER IF EXISTS {table}_version_{event.lower()}")
    if postgres:
        execute("DROP FUNCTION IF EXISTS catalogue_version_raise()")
    execute("DROP TABLE catalogue_version")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_facet_cells"),
    ]

    operations = [migrations.RunPython(create, drop)]

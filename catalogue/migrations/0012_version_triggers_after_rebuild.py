"""The catalogue's version triggers (0007) back on the archival units' tables, on SQLite.

0010 added check constraints to fond, inventory, folder and file. SQLite cannot add a
constraint to a table: Django rebuilds the table, and the rebuild drops its triggers. So on
SQLite an edit to a fond's title, or to any unit, left the version unchanged, and the
cached pages showed the old title until they expired. PostgreSQL alters the table in
place and keeps them: nothing to do there. `IF NOT EXISTS`, so this is safe to run on a
database whose triggers survived, and on any table a later rebuild strips it repairs them
if run again (tests/test_archive_pages.py checks every table).
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


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in catalogue_tables(apps):
        for event in EVENTS:
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_version_{event.lower()} AFTER {event} "
                f"ON {table} BEGIN UPDATE catalogue_version SET number = number + 1 WHERE id = 1; END"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0011_work_kind_newspaper_webpage_thesis_and_citation_index"),
    ]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop, elidable=False)]

"""Search ranking and indexes (issue 4).

On every database: Work.title_key, the folded title forms, for ranking title matches first.

On PostgreSQL only (the operations are no-ops on SQLite):
- pg_trgm and a trigram GIN index on every search key column, so that the
  `LIKE '%word%'` of WorkQuerySet.search reads an index instead of the whole table;
- `catalogue_work.search_vector`, a tsvector kept by a trigger and GIN-indexed, that
  catalogue/search.py ranks with. A trigger, not a generated column: a generated column
  would make any later ALTER of the title columns fail, and the column is not a model
  field because SQLite has no tsvector.
"""

from django.db import migrations, models

from catalogue.search.folding import fold

BATCH_SIZE = 1000

# table -> column: each search key column gets a trigram index named <table>_<column>_trgm.
TRIGRAM_COLUMNS = [
    ("catalogue_work", "search_key"),
    ("catalogue_work", "title_key"),
    ("catalogue_person", "search_key"),
    ("catalogue_periodical", "search_key"),
    ("catalogue_citation", "search_key"),
    ("catalogue_archive", "search_key"),
    ("catalogue_archivename", "search_key"),
]

# `simple` never stems, so folded names stay whole (`russian` reads Жуков as жук);
# the stemming configurations read the title forms as printed.
VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION catalogue_work_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', NEW.title_key), 'A')
        || setweight(to_tsvector('russian', NEW.title || ' ' || NEW.title_original), 'B')
        || setweight(to_tsvector('english', NEW.title || ' ' || NEW.title_transliterated), 'B')
        || setweight(to_tsvector('simple', NEW.search_key), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""

FORWARDS = [
    # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so the updates of the works
    # table (title_key above, search_vector below) leave trigger events pending, and
    # PostgreSQL refuses CREATE INDEX on a table with pending events ("cannot CREATE INDEX
    # ... pending trigger events"): found on a database of a million works. Checking the
    # keys at once keeps nothing pending.
    "SET CONSTRAINTS ALL IMMEDIATE",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} "
        f"USING gin ({column} gin_trgm_ops)"
        for table, column in TRIGRAM_COLUMNS
    ),
    "ALTER TABLE catalogue_work ADD COLUMN IF NOT EXISTS search_vector tsvector",
    VECTOR_FUNCTION,
    "DROP TRIGGER IF EXISTS catalogue_work_search_vector ON catalogue_work",
    "CREATE TRIGGER catalogue_work_search_vector BEFORE INSERT OR UPDATE ON catalogue_work "
    "FOR EACH ROW EXECUTE FUNCTION catalogue_work_search_vector()",
    "UPDATE catalogue_work SET search_vector = NULL",  # the trigger fills it
    "CREATE INDEX IF NOT EXISTS catalogue_work_search_vector_idx ON catalogue_work "
    "USING gin (search_vector)",
]

BACKWARDS = [
    "DROP TRIGGER IF EXISTS catalogue_work_search_vector ON catalogue_work",
    "DROP FUNCTION IF EXISTS catalogue_work_search_vector()",
    "ALTER TABLE catalogue_work DROP COLUMN IF EXISTS search_vector",
    *(f"DROP INDEX IF EXISTS {table}_{column}_trgm" for table, column in TRIGRAM_COLUMNS),
    # pg_trgm stays: another schema may use it, and dropping an extension needs more rights.
]


def _run_on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


def fill_title_keys(apps, schema_editor):
    Work = apps.get_model("catalogue", "Work")
    rows = Work.objects.only("pk", "title", "title_original", "title_transliterated")
    batch = []
    for work in rows.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        work.title_key = fold(
            " ".join([work.title, work.title_original, work.title_transliterated])
        )
        batch.append(work)
        if len(batch) >= BATCH_SIZE:
            Work.objects.bulk_update(batch, ["title_key"])
            batch = []
    if batch:
        Work.objects.bulk_update(batch, ["title_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_trust_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="work",
            name="title_key",
            field=models.TextField(
                default="",
                editable=False,
                help_text="The title, original title and transliterated title folded for search.",
            ),
        ),
        # The history table mirrors the work's columns (django-simple-history).
        migrations.AddField(
            model_name="historicalwork",
            name="title_key",
            field=models.TextField(
                default="",
                editable=False,
                help_text="The title, original title and transliterated title folded for search.",
            ),
        ),
        migrations.RunPython(fill_title_keys, migrations.RunPython.noop),
        migrations.RunPython(_run_on_postgres(FORWARDS), _run_on_postgres(BACKWARDS)),
    ]

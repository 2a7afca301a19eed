"""Writing the generated rows: COPY where the facet arrays live, bulk_create elsewhere."""

from django.core.management.color import no_style
from django.db import connection

from ..models import Work
from ..search import facet_cells
from .skeleton import columns_of

# Columns of a table outside its model, after the model's in each row of build_chunk: the
# work's facet arrays (0006), which exist where the facet cells do.
EXTRA_COLUMNS = {Work: ("facet_archives", "facet_languages")}


def write(model, rows):
    """Write rows (tuples in concrete-field order, then EXTRA_COLUMNS).

    Where the facet cells exist (PostgreSQL) the rows go in with COPY, arrays included:
    at a million works COPY is several times faster than INSERT, and a work written with
    its arrays needs no second pass. Elsewhere the arrays do not exist and bulk_create
    writes the model's own columns."""
    if not rows:
        return
    fields = columns_of(model)
    if facet_cells.available():
        columns = ", ".join(
            [connection.ops.quote_name(f.column) for f in fields]
            + list(EXTRA_COLUMNS.get(model, ()))
        )
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    else:
        names = [f.attname for f in fields]
        model.objects.bulk_create(
            [model(**dict(zip(names, row[: len(names)], strict=True))) for row in rows],
            batch_size=500,
        )


def reset_sequences(models):
    """Move the id sequences past the ids written explicitly (loaddata's own call; a no-op
    on SQLite, whose next id is the largest plus one)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def analyze():
    """Fresh statistics after a bulk load: the planner (and the row estimates read from
    them) would otherwise plan for empty tables. Both databases know ANALYZE."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

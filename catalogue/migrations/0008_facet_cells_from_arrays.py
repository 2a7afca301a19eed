"""The facet cells can be rebuilt from the works' arrays alone.

`catalogue_rebuild_facets()` (0006) first rewrites every work's `facet_archives` and
`facet_languages` from its locations and languages, then sums the cells from those arrays.
The generator writes each work's arrays with the work itself, so after a bulk load only
the second half is needed: at a million works the first half rewrote 1.3 million rows
(every index of the works table with them), about 330 of the load's 830 seconds, to
change nothing. `catalogue_rebuild_facet_cells()` is that second half; the full rebuild
calls it, and does what it did before.
"""

from importlib import import_module

from django.db import migrations

# 0006 runs its SQL on PostgreSQL only (SQLite has no facet cells); so does this one.
_0006 = import_module("catalogue.migrations.0006_facet_cells")
REBUILD_0006 = _0006.REBUILD

# The cells' half of 0006's function, as written there.
CELL_STATEMENTS = """
    DELETE FROM catalogue_facetcell;
    INSERT INTO catalogue_facetcell (archives, languages, kind, year, works)
    SELECT facet_archives, facet_languages, kind, coalesce(year, 0), count(*)
    FROM catalogue_work GROUP BY 1, 2, 3, 4;
    DELETE FROM catalogue_facettotal;
    INSERT INTO catalogue_facettotal (archives, languages, kind, works)
    SELECT archives, languages, kind, sum(works) FROM catalogue_facetcell GROUP BY 1, 2, 3;
"""
assert CELL_STATEMENTS in REBUILD_0006

CELLS = f"""
CREATE OR REPLACE FUNCTION catalogue_rebuild_facet_cells() RETURNS void AS $$
BEGIN{CELL_STATEMENTS}END
$$ LANGUAGE plpgsql;
"""

# 0006's function with its cells' half replaced by the call: the arrays' half unchanged.
REBUILD = REBUILD_0006.replace(CELL_STATEMENTS, "\n    PERFORM catalogue_rebuild_facet_cells();\n")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0007_catalogue_version"),
    ]

    operations = [
        migrations.RunPython(
            _0006._run_on_postgres([CELLS, REBUILD]),
            _0006._run_on_postgres([REBUILD_0006, "DROP FUNCTION catalogue_rebuild_facet_cells()"]),
        ),
    ]

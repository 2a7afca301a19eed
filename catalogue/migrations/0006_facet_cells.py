"""Facet cells: counts of works by archive, language, kind and year, kept by triggers (issue 6).

PostgreSQL only (a no-op on SQLite, where /works/ counts live: an embedded catalogue is small).

At a million works, counting the works of a filtered list and its three facets by joining
works to their locations and languages costs seconds a page. Yet those four filters
(archive, language, kind, year) take few values: the works fall into tens of thousands of
*cells*, one for each combination found. A cell is

    (archives, languages, kind, year) -> works

where `archives` and `languages` are the sorted arrays of a work's archive and language ids
(a work held in two archives, or printed in two languages, lies in one cell, so sums over
cells count each work once), and `year` is 0 for an undated work (the check constraint on
works keeps real years from 1). /works/ then counts and facets by summing cells
(catalogue/facet_cells.py) whenever no other filter (q, author, journal) is active.
`catalogue_facettotal` holds the same sums over all years (a few thousand rows instead of
tens of thousands), read when no year range is given: the catalogue's front page, an
archive, a language.

The cells are kept exact by triggers, in the transaction that changes a work:
- each work carries its arrays in two columns outside the model, `facet_archives` and
  `facet_languages`, rewritten when a location or language of the work changes, or when a
  file, inventory or fond holding it moves;
- a change to a work's kind, year or arrays moves it from its old cell to its new one.
`catalogue_rebuild_facets()` recomputes everything in a few set-based statements: the
generator calls it after a bulk load (during which `opis.facets_deferred = on` makes the
triggers stand aside), and this migration to fill a populated database.

The search vector trigger of 0004 is narrowed to the columns it reads, so that rewriting
the arrays (or saving a work's date) does not recompute three text-search vectors.
"""

from django.db import migrations

# The archives (ids, sorted, distinct) holding a work, from its locations.
WORK_ARCHIVES = """
CREATE OR REPLACE FUNCTION catalogue_work_archives(work_id bigint) RETURNS bigint[] AS $$
    SELECT coalesce(array_agg(DISTINCT f.archive_id ORDER BY f.archive_id), '{}')
    FROM catalogue_archivallocation l
    JOIN catalogue_archivalfile fi ON fi.id = l.file_id
    JOIN catalogue_inventory i ON i.id = fi.inventory_id
    JOIN catalogue_fond f ON f.id = i.fond_id
    WHERE l.work_id = $1
$$ LANGUAGE sql STABLE;
"""

WORK_LANGUAGES = """
CREATE OR REPLACE FUNCTION catalogue_work_language_ids(work_id bigint) RETURNS bigint[] AS $$
    SELECT coalesce(array_agg(DISTINCT wl.language_id ORDER BY wl.language_id), '{}')
    FROM catalogue_work_languages wl
    WHERE wl.work_id = $1
$$ LANGUAGE sql STABLE;
"""

# A work moves from its old cell to its new one; an unchanged save touches no cell.
CELL_TRIGGER = """
CREATE OR REPLACE FUNCTION catalogue_work_facet_cell() RETURNS trigger AS $$
BEGIN
    IF current_setting('opis.facets_deferred', true) = 'on' THEN
        RETURN NULL;  -- a bulk load; catalogue_rebuild_facets() follows it
    END IF;
    IF TG_OP = 'UPDATE'
       AND OLD.kind = NEW.kind
       AND OLD.year IS NOT DISTINCT FROM NEW.year
       AND OLD.facet_archives = NEW.facet_archives
       AND OLD.facet_languages = NEW.facet_languages THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE catalogue_facetcell SET works = works - 1
        WHERE archives = OLD.facet_archives AND languages = OLD.facet_languages
          AND kind = OLD.kind AND year = coalesce(OLD.year, 0);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO catalogue_facetcell AS cell (archives, languages, kind, year, works)
        VALUES (NEW.facet_archives, NEW.facet_languages, NEW.kind, coalesce(NEW.year, 0), 1)
        ON CONFLICT (archives, languages, kind, year) DO UPDATE SET works = cell.works + 1;
    END IF;
    IF TG_OP = 'UPDATE'
       AND OLD.kind = NEW.kind
       AND OLD.facet_archives = NEW.facet_archives
       AND OLD.facet_languages = NEW.facet_languages THEN
        RETURN NULL;  -- only the year changed: the totals stay
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE catalogue_facettotal SET works = works - 1
        WHERE archives = OLD.facet_archives AND languages = OLD.facet_languages
          AND kind = OLD.kind;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO catalogue_facettotal AS total (archives, languages, kind, works)
        VALUES (NEW.facet_archives, NEW.facet_languages, NEW.kind, 1)
        ON CONFLICT (archives, languages, kind) DO UPDATE SET works = total.works + 1;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""

# A location or language added, removed or changed: recompute that work's array.
LINK_TRIGGER = """
CREATE OR REPLACE FUNCTION catalogue_work_facet_link() RETURNS trigger AS $$
DECLARE
    work bigint;
BEGIN
    IF current_setting('opis.facets_deferred', true) = 'on' THEN
        RETURN NULL;  -- a bulk load; catalogue_rebuild_facets() follows it
    END IF;
    FOREACH work IN ARRAY ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.work_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.work_id END
    ] LOOP
        CONTINUE WHEN work IS NULL;
        IF TG_TABLE_NAME = 'catalogue_archivallocation' THEN
            UPDATE catalogue_work SET facet_archives = catalogue_work_archives(work)
            WHERE id = work AND facet_archives <> catalogue_work_archives(work);
        ELSE
            UPDATE catalogue_work SET facet_languages = catalogue_work_language_ids(work)
            WHERE id = work AND facet_languages <> catalogue_work_language_ids(work);
        END IF;
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""

# A file, inventory or fond moved to another parent: its works may be in another archive.
MOVE_TRIGGER = """
CREATE OR REPLACE FUNCTION catalogue_unit_facet_move() RETURNS trigger AS $$
BEGIN
    IF current_setting('opis.facets_deferred', true) = 'on' THEN
        RETURN NULL;  -- a bulk load; catalogue_rebuild_facets() follows it
    END IF;
    UPDATE catalogue_work w SET facet_archives = catalogue_work_archives(w.id)
    WHERE w.id IN (
        SELECT l.work_id FROM catalogue_archivallocation l
        JOIN catalogue_archivalfile fi ON fi.id = l.file_id
        JOIN catalogue_inventory i ON i.id = fi.inventory_id
        WHERE (TG_TABLE_NAME = 'catalogue_archivalfile' AND fi.id = NEW.id)
           OR (TG_TABLE_NAME = 'catalogue_inventory' AND i.id = NEW.id)
           OR (TG_TABLE_NAME = 'catalogue_fond' AND i.fond_id = NEW.id)
    ) AND w.facet_archives <> catalogue_work_archives(w.id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""

# Everything from scratch, set-based: after a bulk load, or to repair. The triggers stand
# aside meanwhile (the cells are rebuilt after) through a setting local to the transaction,
# not ALTER TABLE ... DISABLE TRIGGER: that takes an exclusive lock, needs the owner, and is
# refused in a transaction with pending foreign-key checks.
REBUILD = """
CREATE OR REPLACE FUNCTION catalogue_rebuild_facets() RETURNS void AS $$
DECLARE
    deferred text := current_setting('opis.facets_deferred', true);
BEGIN
    PERFORM set_config('opis.facets_deferred', 'on', true);
    UPDATE catalogue_work w SET facet_archives = coalesce(s.archives, '{}')
    FROM (
        SELECT w2.id, a.archives FROM catalogue_work w2 LEFT JOIN (
            SELECT l.work_id, array_agg(DISTINCT f.archive_id ORDER BY f.archive_id) archives
            FROM catalogue_archivallocation l
            JOIN catalogue_archivalfile fi ON fi.id = l.file_id
            JOIN catalogue_inventory i ON i.id = fi.inventory_id
            JOIN catalogue_fond f ON f.id = i.fond_id
            GROUP BY l.work_id
        ) a ON a.work_id = w2.id
    ) s
    WHERE w.id = s.id AND w.facet_archives <> coalesce(s.archives, '{}');
    UPDATE catalogue_work w SET facet_languages = coalesce(s.languages, '{}')
    FROM (
        SELECT w2.id, a.languages FROM catalogue_work w2 LEFT JOIN (
            SELECT work_id, array_agg(DISTINCT language_id ORDER BY language_id) languages
            FROM catalogue_work_languages GROUP BY work_id
        ) a ON a.work_id = w2.id
    ) s
    WHERE w.id = s.id AND w.facet_languages <> coalesce(s.languages, '{}');
    PERFORM set_config('opis.facets_deferred', coalesce(deferred, 'off'), true);
    DELETE FROM catalogue_facetcell;
    INSERT INTO catalogue_facetcell (archives, languages, kind, year, works)
    SELECT facet_archives, facet_languages, kind, coalesce(year, 0), count(*)
    FROM catalogue_work GROUP BY 1, 2, 3, 4;
    DELETE FROM catalogue_facettotal;
    INSERT INTO catalogue_facettotal (archives, languages, kind, works)
    SELECT archives, languages, kind, sum(works) FROM catalogue_facetcell GROUP BY 1, 2, 3;
END
$$ LANGUAGE plpgsql;
"""

# TRUNCATE fires no row trigger (`manage.py flush`, a test database between tests): the
# cells are rebuilt from what is left.
TRUNCATED = """
CREATE OR REPLACE FUNCTION catalogue_facets_truncated() RETURNS trigger AS $$
BEGIN
    PERFORM catalogue_rebuild_facets();
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""

FACET_TRIGGERS = [
    "CREATE TRIGGER catalogue_work_facet_cell AFTER INSERT OR UPDATE OR DELETE "
    "ON catalogue_work FOR EACH ROW EXECUTE FUNCTION catalogue_work_facet_cell()",
    "CREATE TRIGGER catalogue_location_facet AFTER INSERT OR UPDATE OR DELETE "
    "ON catalogue_archivallocation FOR EACH ROW EXECUTE FUNCTION catalogue_work_facet_link()",
    "CREATE TRIGGER catalogue_work_languages_facet AFTER INSERT OR UPDATE OR DELETE "
    "ON catalogue_work_languages FOR EACH ROW EXECUTE FUNCTION catalogue_work_facet_link()",
    *(
        f"CREATE TRIGGER {table}_facet_move AFTER UPDATE OF {column} ON {table} FOR EACH ROW "
        f"WHEN (OLD.{column} IS DISTINCT FROM NEW.{column}) "
        "EXECUTE FUNCTION catalogue_unit_facet_move()"
        for table, column in (
            ("catalogue_archivalfile", "inventory_id"),
            ("catalogue_inventory", "fond_id"),
            ("catalogue_fond", "archive_id"),
        )
    ),
    *(
        f"CREATE TRIGGER {table}_facet_truncate AFTER TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION catalogue_facets_truncated()"
        for table in ("catalogue_work", "catalogue_archivallocation", "catalogue_work_languages")
    ),
]

FORWARDS = [
    "SET CONSTRAINTS ALL IMMEDIATE",  # see 0004: no trigger events left pending
    "ALTER TABLE catalogue_work ADD COLUMN facet_archives bigint[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE catalogue_work ADD COLUMN facet_languages bigint[] NOT NULL DEFAULT '{}'",
    """CREATE TABLE catalogue_facetcell (
        archives bigint[] NOT NULL,
        languages bigint[] NOT NULL,
        kind varchar(30) NOT NULL,
        year integer NOT NULL,
        works integer NOT NULL,
        CONSTRAINT catalogue_facetcell_unique UNIQUE (archives, languages, kind, year)
    )""",
    # The list filtered by a year range reads the cells of those years only.
    "CREATE INDEX catalogue_facetcell_year_idx ON catalogue_facetcell (year)",
    """CREATE TABLE catalogue_facettotal (
        archives bigint[] NOT NULL,
        languages bigint[] NOT NULL,
        kind varchar(30) NOT NULL,
        works integer NOT NULL,
        CONSTRAINT catalogue_facettotal_unique UNIQUE (archives, languages, kind)
    )""",
    WORK_ARCHIVES,
    WORK_LANGUAGES,
    CELL_TRIGGER,
    LINK_TRIGGER,
    MOVE_TRIGGER,
    REBUILD,
    TRUNCATED,
    *FACET_TRIGGERS,
    # The search vector reads only these columns: other updates leave it alone.
    "DROP TRIGGER catalogue_work_search_vector ON catalogue_work",
    "CREATE TRIGGER catalogue_work_search_vector BEFORE INSERT OR UPDATE OF "
    "title, title_original, title_transliterated, title_key, search_key ON catalogue_work "
    "FOR EACH ROW EXECUTE FUNCTION catalogue_work_search_vector()",
    "SELECT catalogue_rebuild_facets()",
    # A page of /works/ filtered by archive, language, kind and year, in title order, read
    # from this index alone (an index-only scan that skips the works that do not match).
    "CREATE INDEX catalogue_work_browse_idx ON catalogue_work (sort_title, id) "
    "INCLUDE (year, kind, facet_archives, facet_languages)",
    # A small archive's or language's works, fetched by id rather than by walking the
    # title order of a million works.
    "CREATE INDEX catalogue_work_facet_archives_idx ON catalogue_work USING gin (facet_archives)",
    "CREATE INDEX catalogue_work_facet_languages_idx ON catalogue_work "
    "USING gin (facet_languages)",
]

BACKWARDS = [
    "DROP TRIGGER IF EXISTS catalogue_work_search_vector ON catalogue_work",
    "CREATE TRIGGER catalogue_work_search_vector BEFORE INSERT OR UPDATE ON catalogue_work "
    "FOR EACH ROW EXECUTE FUNCTION catalogue_work_search_vector()",
    "DROP TRIGGER IF EXISTS catalogue_work_facet_cell ON catalogue_work",
    "DROP TRIGGER IF EXISTS catalogue_location_facet ON catalogue_archivallocation",
    "DROP TRIGGER IF EXISTS catalogue_work_languages_facet ON catalogue_work_languages",
    "DROP TRIGGER IF EXISTS catalogue_archivalfile_facet_move ON catalogue_archivalfile",
    "DROP TRIGGER IF EXISTS catalogue_inventory_facet_move ON catalogue_inventory",
    "DROP TRIGGER IF EXISTS catalogue_fond_facet_move ON catalogue_fond",
    *(
        f"DROP TRIGGER IF EXISTS {table}_facet_truncate ON {table}"
        for table in ("catalogue_work", "catalogue_archivallocation", "catalogue_work_languages")
    ),
    "DROP FUNCTION IF EXISTS catalogue_facets_truncated()",
    "DROP FUNCTION IF EXISTS catalogue_rebuild_facets()",
    "DROP FUNCTION IF EXISTS catalogue_unit_facet_move()",
    "DROP FUNCTION IF EXISTS catalogue_work_facet_link()",
    "DROP FUNCTION IF EXISTS catalogue_work_facet_cell()",
    "DROP FUNCTION IF EXISTS catalogue_work_language_ids(bigint)",
    "DROP FUNCTION IF EXISTS catalogue_work_archives(bigint)",
    "DROP TABLE IF EXISTS catalogue_facetcell",
    "DROP TABLE IF EXISTS catalogue_facettotal",
    "DROP INDEX IF EXISTS catalogue_work_browse_idx",
    "ALTER TABLE catalogue_work DROP COLUMN IF EXISTS facet_languages",
    "ALTER TABLE catalogue_work DROP COLUMN IF EXISTS facet_archives",
]


def _run_on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_scale_indexes"),
    ]

    operations = [
        migrations.RunPython(_run_on_postgres(FORWARDS), _run_on_postgres(BACKWARDS)),
    ]

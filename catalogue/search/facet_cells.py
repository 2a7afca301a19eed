"""Counts and facets of /works/ from the facet cells, on PostgreSQL (migration 0006).

A cell holds the number of works that share one combination of archives, languages,
kind and year. Whenever the list is filtered by those four only, its length and its
three facets are sums over cells: tens of thousands of small rows instead of a join of
a million works to their locations and languages. The sums are exact, not estimates:
triggers keep the cells in the same transaction as the works.

With any other filter (q, author, journal) the cells cannot tell which works match:
the facets are then counted over the matching works' own arrays (`counted_from_rows`).
`manage.py rebuild_facet_cells` recomputes everything after a load that went round the
triggers.
"""

from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language

from ..models import Work
from ..querysets import related
from . import on_postgres

# The filters of WorkFilter that cells can answer; any other active filter rules them out.
CELL_FILTERS = {"archive", "language", "kind", "year_min", "year_max"}
# How long a count or a facet summed over cells is kept: it bounds memory, not staleness
# (the key holds the catalogue's version).
KEPT_SECONDS = 3600


def available():
    """Whether the works carry the facet arrays (arrays.py) and the cells exist."""
    return on_postgres()


def estimated_count(model):
    """PostgreSQL's estimate of a table's rows (pg_class.reltuples, kept by ANALYZE and
    autovacuum), or None where there is none or the table is small enough to count.

    COUNT(*) over a million works costs ~65 ms on every page (stack.md); the estimate
    costs one catalogue lookup. The page says "about N" when it shows one."""
    if not on_postgres():
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [model._meta.db_table],
        )
        row = cursor.fetchone()
    if row is None or row[0] < settings.OPIS_ESTIMATE_COUNT_OVER:
        return None
    return row[0]


def answers(filterset):
    """Whether the cells can count the list of this (valid) filterset."""
    return available() and set(filterset.active_filters()) <= CELL_FILTERS


def rebuild(arrays=True):
    """Recompute every work's arrays and every cell (after a bulk load, or to repair);
    without `arrays`, only the cells, from arrays the loader wrote with its works.

    The cells have no version trigger of their own (0007): the catalogue's version is
    raised here, so that no count, facet or page kept from the cells before is served."""
    from .. import page_cache

    with connection.cursor() as cursor:
        if arrays:
            cursor.execute("SELECT catalogue_rebuild_facets()")
        else:
            cursor.execute("SELECT catalogue_rebuild_facet_cells()")
    page_cache.raise_version()


@contextmanager
def triggers_off(arrays_written=False):
    """Bulk writes on this connection without the per-row triggers; the cells are
    rebuilt at the end, also after a failure (the rows already committed must count).

    Each row would otherwise move its work between cells once for the work, once per
    language and once per location: three updates of a million rows. A loader that
    writes each new work's `facet_archives` and `facet_languages` itself (and adds no
    language or location to a work it did not write) says `arrays_written`: only the
    cells are rebuilt, rather than every work's row rewritten to the same arrays."""
    if not available():
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('opis.facets_deferred', 'on', false)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('opis.facets_deferred', 'off', false)")
        rebuild(arrays=not arrays_written)


def _where(cleaned, excluding=None):
    """SQL conditions on cells for the cleaned filter values, all but `excluding`."""
    conditions, params = ["works > 0"], []
    archives = cleaned.get("archive")
    if excluding != "archive" and archives:
        conditions.append("archives && %s::bigint[]")
        params.append([archive.pk for archive in archives])
    languages = cleaned.get("language")
    if excluding != "language" and languages:
        conditions.append("languages && %s::bigint[]")
        params.append([language.pk for language in languages])
    kinds = cleaned.get("kind")
    if excluding != "kind" and kinds:
        conditions.append("kind = ANY(%s)")
        params.append(list(kinds))
    # An undated work (year 0 in a cell) is outside any year range, as in the live filter.
    if cleaned.get("year_min") is not None:
        conditions.append("year >= %s")
        params.append(cleaned["year_min"])
    if cleaned.get("year_max") is not None:
        conditions.append("year BETWEEN 1 AND %s")
        params.append(cleaned["year_max"])
    return " AND ".join(conditions), params


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _kept(statements):
    """{label: rows} of statements over the cells ({label: (sql, params)}, each one's rows
    starting with its label), each run once for a version of the catalogue and kept in
    the `pages` cache; those not kept yet are run together, in one UNION ALL.

    A list's count and facets depend on its filters only, not on its page or its order:
    the next page of a language and decade, or the same list by year, read them again
    (about 2 ms for a count and 5 for the archives of a decade, at a million works). The
    key holds the statement and the catalogue's version, which every write raises in its
    own transaction (page_cache.py), and a rebuild of the cells too: what is kept is
    never older than the data."""
    from .. import page_cache

    items = {label: repr(statement) for label, statement in statements.items()}
    labels = {item: label for label, item in items.items()}

    def run(missing):
        parts = [statements[labels[item]] for item in missing]
        rows = _rows(
            " UNION ALL ".join(sql for sql, _ in parts),
            [param for _, params in parts for param in params],
        )
        return {item: [row for row in rows if row[0] == labels[item]] for item in missing}

    kept = page_cache.remembered("cells", list(items.values()), run, KEPT_SECONDS)
    return {label: kept[item] for label, item in items.items()}


def _table(cleaned):
    """The cells by year where a year range is given, else their sums over all years."""
    dated = cleaned.get("year_min") is not None or cleaned.get("year_max") is not None
    return "catalogue_facetcell" if dated else "catalogue_facettotal"


def count(cleaned):
    where, params = _where(cleaned)
    sql = f"SELECT 'count', coalesce(sum(works), 0) FROM {_table(cleaned)} WHERE {where}"
    ((_, total),) = _kept({"count": (sql, params)})["count"]
    return int(total)


# Facet name -> (array column of works, array column of cells, table, slug, label, label_ru).
# Archives are labelled by their abbreviation (РГАСПИ in Russian, where it is recorded);
# languages by name.
MEMBERS = {
    "archive": (
        "facet_archives",
        "archives",
        "catalogue_archive",
        "slug",
        "abbreviation",
        "abbreviation_ru",
    ),
    "language": (
        "facet_languages",
        "languages",
        "catalogue_language",
        "code",
        "name_en",
        "name_ru",
    ),
}


def _facet_sql(name, source, weight, array):
    """One facet as `SELECT facet, slug, label, label_ru, count` over the rows of `source`
    (cells, weighing their `works`; or works, one each).

    Summed by id first, then labelled: the label table is joined to its few sums, not to
    each of the thousands of unnested rows (a decade's facets: 8.7 ms, then 5.5)."""
    if name == "kind":
        return f"SELECT 'kind', kind, kind, kind, sum({weight}) FROM {source} GROUP BY kind"
    if name == "year":  # the histogram's years; an undated work (0 or NULL) has none
        return (
            f"SELECT 'year', year::text, '', '', sum({weight}) FROM {source} "
            "WHERE year > 0 GROUP BY year"
        )
    table, slug, label, label_ru = MEMBERS[name][2:]
    return (
        f"SELECT '{name}', t.{slug}, t.{label}, t.{label_ru}, summed.n "
        f"FROM (SELECT member, sum({weight}) AS n FROM {source}, unnest({array}) AS member "
        f"GROUP BY member) AS summed JOIN {table} AS t ON t.id = summed.member"
    )


def _facet_rows(found, names):
    """{name: rows} from the rows of the facet queries, each facet ordered as the live ones
    (querysets.py): most works first, ties by English label (kinds by key)."""
    russian = get_language() == "ru"
    kinds = dict(Work.Kind.choices)
    facets = {name: [] for name in names}
    for name, slug, label, label_ru, n in found:
        if name == "year":
            slug, tie = str(slug), int(slug)
            shown = slug
        else:
            tie = label  # the English label, or a kind's key
            shown = kinds.get(slug, slug) if name == "kind" else (russian and label_ru) or label
        facets[name].append({"slug": slug, "label": shown, "count": int(n), "tie": tie})
    for name, rows in facets.items():
        if name == "year":  # read in order of time, not of size
            rows.sort(key=lambda row: row.pop("tie"))
        else:
            rows.sort(key=lambda row: (-row["count"], row.pop("tie")))
    return facets


def _cells_sql(name, cleaned):
    """The facet `name` of the list `cleaned` filters, as SQL and its parameters."""
    where, params = _where(cleaned, excluding=name)
    # Years are counted over the list itself, its year range included (the histogram
    # narrows a range): from the cells by year, whatever the range.
    table = "catalogue_facetcell" if name == "year" else _table(cleaned)
    source = f"(SELECT * FROM {table} WHERE {where}) AS cell"
    column = f"cell.{name}" if name in ("kind", "year") else f"cell.{MEMBERS[name][1]}"
    return _facet_sql(name, source, "cell.works", column), params


def facets(names, cleaned):
    """The facets `names` of the list `cleaned` filters, summed over cells and kept under
    the catalogue's version (`_kept`). A facet that no other filter narrows is the facet
    over all works, the same for the unfiltered list and for each archive's, language's
    or kind's own list: some 7 ms of the database's on every such page, summed afresh."""
    kept = _kept({name: _cells_sql(name, cleaned) for name in names})
    return _facet_rows([row for name in names for row in kept[name]], names)


def counted_from_rows(querysets):
    """{name: rows} for each facet name of `querysets` ({name: the works it counts}),
    counted over the works' own rows (arrays, kind), all in one query: each work is one
    row, so there is no COUNT DISTINCT over joins. For lists the cells cannot answer (a
    search, an author), which are short: a longer one has its facets skipped (views)."""
    if not querysets:
        return {}
    ctes, parts, params, read = [], [], [], {}
    for name, queryset in querysets.items():
        # Facets whose own filter is not active count the same works, given as one
        # queryset (WorkFilter.queryset_without): compiled and read once.
        works = read.setdefault(id(queryset), f"w_{name}")
        if works == f"w_{name}":
            # The queryset's own SQL inside a CTE: Django has no public way to put a
            # queryset into raw SQL, so this reads Query.sql_with_params() (undocumented).
            sql, query_params = queryset.facet_columns().query.sql_with_params()
            ctes.append(f"{works} AS MATERIALIZED ({sql})")
            params += query_params
        array = f"{works}.{name}" if name in ("kind", "year") else f"{works}.{MEMBERS[name][0]}"
        parts.append(_facet_sql(name, works, "1", array))
    sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
    return _facet_rows(_rows(sql, params), list(querysets))


def counted_from_listed(works, names):
    """{name: rows} for each facet name, counted over `works`: every work of a list, all
    on the page being shown, read with their archival locations and languages (a name
    searched for, an author of a few works: most searches). The same counts as
    `counted_from_rows`, whose arrays hold the archives of a work's locations and its
    languages, without a statement of their own."""
    found = Counter()
    for work in works:
        if "archive" in names:
            archives = {loc.file.inventory.fond.archive for loc in related(work, "locations")}
            found.update(("archive", a.slug, a.abbreviation, a.abbreviation_ru) for a in archives)
        if "language" in names:
            found.update(
                ("language", language.code, language.name_en, language.name_ru)
                for language in related(work, "languages")
            )
        if "kind" in names:
            found[("kind", work.kind, work.kind, work.kind)] += 1
        if "year" in names and work.year:
            found[("year", work.year, work.year, work.year)] += 1
    return _facet_rows([(*key, n) for key, n in found.items()], names)

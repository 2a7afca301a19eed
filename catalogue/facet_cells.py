"""Counts and facets of /works/ from the facet cells, on PostgreSQL (migration 0006).

A cell holds the number of works that share one combination of archives, languages,
kind and year. Whenever the list is filtered by those four only, its length and its
three facets are sums over cells: tens of thousands of small rows instead of a join of
a million works to their locations and languages. The sums are exact, not estimates:
triggers keep the cells in the same transaction as the works.

With any other filter (q, author, journal) the cells cannot tell which works match,
and /works/ counts the works themselves (querysets.py).
"""

from contextlib import contextmanager

from django.db import connection
from django.utils.translation import get_language

from .models import Archive, Language, Work

# The filters of WorkFilter that cells can answer; any other active filter rules them out.
CELL_FILTERS = {"archive", "language", "kind", "year_min", "year_max"}


def available():
    return connection.vendor == "postgresql"


def answers(filterset):
    """Whether the cells can count the list of this (valid) filterset."""
    return available() and set(filterset.active_filters()) <= CELL_FILTERS


def rebuild():
    """Recompute every work's arrays and every cell (after a bulk load, or to repair)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT catalogue_rebuild_facets()")


@contextmanager
def triggers_off():
    """Bulk writes on this connection without the per-row triggers; the cells are
    rebuilt at the end, also after a failure (the rows already committed must count).

    Each row would otherwise move its work between cells once for the work, once per
    language and once per location: three updates of a million rows."""
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
        rebuild()


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


def count(cleaned):
    where, params = _where(cleaned)
    ((total,),) = _rows(
        f"SELECT coalesce(sum(works), 0) FROM catalogue_facetcell WHERE {where}", params
    )
    return int(total)


def _by_member(column, cleaned, name):
    where, params = _where(cleaned, excluding=name)
    return _rows(
        f"SELECT member, sum(works) FROM catalogue_facetcell, unnest({column}) AS member "
        f"WHERE {where} GROUP BY member",
        params,
    )


def _ordered(rows, tie="label"):
    """Most works first, as the live facets order them (querysets.py)."""
    rows.sort(key=lambda row: (-row["count"], row[tie]))
    for row in rows:
        row.pop("name_en", None)
    return rows


def archive_facet(cleaned):
    counts = dict(_by_member("archives", cleaned, "archive"))
    archives = Archive.objects.filter(pk__in=counts).only("slug", "abbreviation")
    return _ordered(
        [{"slug": a.slug, "label": a.abbreviation, "count": int(counts[a.pk])} for a in archives]
    )


def language_facet(cleaned):
    """Languages named in the interface language: name_ru in Russian where it is known."""
    counts = dict(_by_member("languages", cleaned, "language"))
    russian = get_language() == "ru"
    return _ordered(
        [
            {
                "slug": language.code,
                "label": (russian and language.name_ru) or language.name_en,
                "count": int(counts[language.pk]),
                "name_en": language.name_en,  # ties go by the English name, as live
            }
            for language in Language.objects.filter(pk__in=counts)
        ],
        tie="name_en",
    )


def kind_facet(cleaned):
    where, params = _where(cleaned, excluding="kind")
    labels = dict(Work.Kind.choices)
    rows = _rows(
        f"SELECT kind, sum(works) FROM catalogue_facetcell WHERE {where} GROUP BY kind", params
    )
    rows = [{"slug": kind, "label": labels.get(kind, kind), "count": int(n)} for kind, n in rows]
    return _ordered(rows, tie="slug")  # the live facet breaks ties by the kind's key

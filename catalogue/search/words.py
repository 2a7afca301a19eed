"""Which works hold a search word: the one question `WorkQuerySet.search` asks per word.

A word is found in a work's title forms, notes or reference as printed (its search_key),
its journal, its people, the references citing it, or its archive. Each branch tests one
key column, so that on PostgreSQL every `LIKE '%word%'` can use that column's trigram
index (0004); an OR across joined tables would make the planner scan the works table.

`holding(term)` collects a word's works by those indexes; `in_row(term)` tests a word on
each work (for a word too common to collect: ranking.broad_terms). On PostgreSQL both are
written as SQL (built of ORM subqueries, a search's SQL was a fifth of its page's Python
and compiled anew for every word); on SQLite the same branches are built by the ORM.
"""

from django.apps import apps
from django.db import connection
from django.db.models import BooleanField, Expression, F, Q
from django.db.models.expressions import RawSQL

from . import on_postgres
from .arrays import FacetArray


def _model(name):
    return apps.get_model("catalogue", name)


def _like(term):
    return f"%{connection.ops.prep_for_like_query(term)}%"


# The archives whose name, or a former name, holds a search word: matched against the
# works' archive arrays of 0006 by both forms of a word's search below.
_ARCHIVES_NAMED = (
    "ARRAY(SELECT id FROM catalogue_archive WHERE search_key LIKE %s"
    " UNION SELECT archive_id FROM catalogue_archivename WHERE search_key LIKE %s)"
)

# One word on PostgreSQL: the ids of the works that hold it, by index. The archive by the
# works' archive arrays and their GIN index (no walk from each location up to its
# archive). A journal's works are `periodical_id = ANY(ARRAY(subquery))`: the planner
# then expects a few works, not a share of the table, and keeps to indexes (as a join it
# guessed thousands of works and scanned the works table).
WORKS_MATCHING = (
    """
    SELECT id FROM catalogue_work WHERE search_key LIKE %s
    UNION SELECT id FROM catalogue_work WHERE periodical_id = ANY(ARRAY(
        SELECT id FROM catalogue_periodical WHERE search_key LIKE %s))
    UNION SELECT c.work_id FROM catalogue_contribution c
        JOIN catalogue_person p ON p.id = c.person_id WHERE p.search_key LIKE %s
    UNION SELECT cited_id FROM catalogue_citation WHERE search_key LIKE %s
    UNION SELECT id FROM catalogue_work WHERE facet_archives && """
    + _ARCHIVES_NAMED
)


class WordInRow(Expression):
    """PostgreSQL: one word tested on each work row, the branches of WORKS_MATCHING as
    conditions on the row. The row's columns are the query's own (F, FacetArray), so the
    test stays right inside a subquery."""

    output_field = BooleanField()
    template = (
        "({key} LIKE %s"
        " OR {periodical} IN (SELECT id FROM catalogue_periodical WHERE search_key LIKE %s)"
        " OR EXISTS(SELECT 1 FROM catalogue_contribution c"
        " JOIN catalogue_person p ON p.id = c.person_id"
        " WHERE c.work_id = {work} AND p.search_key LIKE %s)"
        " OR EXISTS(SELECT 1 FROM catalogue_citation t"
        " WHERE t.cited_id = {work} AND t.search_key LIKE %s)"
        " OR {archives} && " + _ARCHIVES_NAMED + ")"
    )

    def __init__(self, term):
        super().__init__()
        self.pattern = _like(term)
        self.columns = [F("pk"), F("search_key"), F("periodical_id"), FacetArray("facet_archives")]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def as_sql(self, compiler, connection):
        work, key, periodical, archives = (compiler.compile(c)[0] for c in self.columns)
        sql = self.template.format(work=work, key=key, periodical=periodical, archives=archives)
        return sql, (self.pattern,) * sql.count("%s")


def holding(term):
    """The condition on works that they hold `term`, their ids collected by index."""
    if on_postgres():
        return Q(pk__in=RawSQL(WORKS_MATCHING, [_like(term)] * WORKS_MATCHING.count("%s")))
    Work, Location = _model("Work"), _model("ArchivalLocation")
    archive_names = _model("ArchiveName").objects.filter(search_key__contains=term)
    periodicals = _model("Periodical").objects.filter(search_key__contains=term)
    branches = [
        Work.objects.filter(search_key__contains=term).values("pk"),
        Work.objects.filter(periodical__in=periodicals.values("pk")).values("pk"),
        _model("Contribution").objects.filter(person__search_key__contains=term).values("work_id"),
        _model("Citation").objects.filter(search_key__contains=term).values("cited_id"),
        Location.objects.filter(file__inventory__fond__archive__search_key__contains=term).values(
            "work_id"
        ),
        Location.objects.filter(
            file__inventory__fond__archive__in=archive_names.values("archive_id")
        ).values("work_id"),
    ]
    # No ORDER BY inside a UNION (SQLite refuses it; default orderings add one).
    branches = [branch.order_by() for branch in branches]
    return Q(pk__in=branches[0].union(*branches[1:]))


def in_row(term):
    """The condition that a work holds `term`, tested on each work the other words found
    (PostgreSQL; SQLite, whose catalogues are small, collects the word's works instead)."""
    return WordInRow(term) if on_postgres() else holding(term)


def search_condition(terms, broad):
    """PostgreSQL: (SQL, params) of the condition a search puts on catalogue_work for
    `terms`, written without the ORM: ranking.matching_ids runs it for every search, where
    building and compiling the queryset cost 0.5 ms of Python."""
    conditions, params = [], []
    for term in terms:
        if term in broad:
            sql = WordInRow.template.format(
                work="catalogue_work.id",
                key="catalogue_work.search_key",
                periodical="catalogue_work.periodical_id",
                archives="catalogue_work.facet_archives",
            )
        else:
            sql = f"catalogue_work.id IN ({WORKS_MATCHING})"
        conditions.append(sql)
        params += [_like(term)] * sql.count("%s")
    return " AND ".join(conditions) or "TRUE", params

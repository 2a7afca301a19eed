"""The works' facet arrays: `facet_archives` and `facet_languages` (migration 0006), the
ids of the archives that hold a work and of its languages, kept by triggers on
PostgreSQL, where the facet cells are summed from them. They are not model fields (SQLite
has no arrays), so a query reads them through `FacetArray`; `facet_cells.available()`
says whether this database has them.
"""

from django.apps import apps
from django.db import models
from django.db.models import BooleanField, Expression, F, Func
from django.db.models.expressions import RawSQL


class FacetArray(Expression):
    """The array `column` of the same work row as the query's primary key.

    It is compiled from `F("pk")`, a field Django resolves and relabels like any other,
    so the column follows its row when the queryset becomes a subquery (`pk IN (...)`,
    where the works table is aliased U0) instead of naming the outer query's works."""

    def __init__(self, column):
        super().__init__(output_field=models.Field())
        self.column = column
        self.row = F("pk")

    def get_source_expressions(self):
        return [self.row]

    def set_source_expressions(self, exprs):
        (self.row,) = exprs

    def as_sql(self, compiler, connection):
        pk, params = compiler.compile(self.row)  # `"alias"."id"`
        table = pk.rpartition(".")[0]
        return f"{table}.{connection.ops.quote_name(self.column)}", params


class Overlaps(Func):
    """`array && array`, PostgreSQL's "has any of"."""

    arg_joiner = " && "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def has_any(column, model, key, values):
    """The condition that a work's array `column` holds any of `values`: `model` rows, or
    their `key`s, looked up (the GIN index of 0006 or the browse index serves it).

    The ids go in as literals: the planner reads their frequencies from the column's
    statistics and walks the title order for a large archive but fetches a small one's
    works by the GIN index."""
    rows = [value for value in values if isinstance(value, models.Model)]
    keys = [value for value in values if not isinstance(value, models.Model)]
    ids = [row.pk for row in rows]
    if keys:
        found = apps.get_model("catalogue", model).objects.filter(**{f"{key}__in": keys})
        ids += found.values_list("pk", flat=True)
    return Overlaps(FacetArray(column), RawSQL("%s::bigint[]", [ids]))

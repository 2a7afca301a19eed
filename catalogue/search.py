"""The database-specific half of search: ranking and near misses. Everything else is shared.

Which works match is decided the same way on every database (`WorkQuerySet.search`):
every folded query word is a substring of some search key. On PostgreSQL those
`LIKE '%word%'` tests use trigram GIN indexes (migration 0004), and this module adds:
- ranking by full text: `catalogue_work.search_vector`, kept by a trigger (0004), holds
  the folded title forms (weight A) and the folded key of the whole record (weight C)
  in the `simple` configuration, which never stems a name, and the title forms stemmed
  by `russian` and `english` (weight B); the query is read with `websearch_to_tsquery`,
  which accepts any user syntax (`raw` would raise on it);
- near misses: query words that are trigram-similar to a word of a key (`Zhukof`);
- the periodical branch of the search written so that the planner keeps to indexes.
On SQLite the rank is a plain score (how many query words are in the title forms) and
there are no near misses.

The vector column is not a model field: SQLite has no tsvector, and the trigger keeps it
in step with whatever writes the row (the admin, loaddata, bulk_update, raw SQL).
"""

from django.apps import apps
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Lookup, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from .folding import normalise, search_terms

# Above this many query words the near-miss search is not tried: it would find anything.
NEAR_MISS_MAX_TERMS = 4


def on_postgres():
    return connection.vendor == "postgresql"


class _EqualsAny(Lookup):
    """`lhs = ANY(rhs)`, rhs an array: PostgreSQL only."""

    lookup_name = "equals_any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def periodical_works(works, term):
    """The works (of the `works` queryset) in a periodical whose key holds `term`.

    On PostgreSQL as `periodical_id = ANY(ARRAY(subquery))`: the planner then expects
    a few works, not a share of the table, and the whole search stays on indexes
    (as a join it guessed thousands of works and scanned the works table).
    """
    periodicals = apps.get_model("catalogue", "Periodical").objects.filter(
        search_key__contains=term
    )
    if on_postgres():
        ids = ArraySubquery(periodicals.order_by().values("pk"))
        return works.filter(_EqualsAny(F("periodical_id"), ids))
    return works.filter(periodical__in=periodicals.values("pk"))


def _title_score(terms):
    """1 for each query word found in the title forms: the same on both databases."""
    score = Value(0, output_field=IntegerField())
    for term in terms:
        score = score + Case(
            When(title_key__contains=term, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return score


def ranked(queryset, query):
    """`queryset` (already searched for `query`) most relevant first, title then id on ties.

    A work whose title forms hold the words comes before one that holds them in a note,
    a publisher or a reference as printed.
    """
    terms = search_terms(query)
    if not terms:
        return queryset
    score = Cast(_title_score(terms), FloatField())
    if on_postgres():
        # Folded words for `simple`, the readable text for the stemming configurations.
        text = normalise(query)
        full_text = RawSQL(
            "ts_rank(catalogue_work.search_vector, "
            "websearch_to_tsquery('simple', %s) || websearch_to_tsquery('russian', %s)"
            " || websearch_to_tsquery('english', %s))",
            [" ".join(terms), text, text],
            output_field=FloatField(),
        )
        score = score + full_text
    return queryset.alias(relevance=score).order_by(F("relevance").desc(), "sort_title", "id")


_NEAR_MISS_SQL = """
    SELECT w.id FROM catalogue_work w WHERE %s <%% w.search_key
    UNION SELECT c.work_id FROM catalogue_contribution c
        JOIN catalogue_person p ON p.id = c.person_id WHERE %s <%% p.search_key
    UNION SELECT w.id FROM catalogue_work w
        JOIN catalogue_periodical j ON j.id = w.periodical_id WHERE %s <%% j.search_key
"""


def near_misses(queryset, query, limit=10):
    """Works whose keys hold a word like every query word (`Zhukof` finds Zhukov), best first.

    Offered when the search itself finds nothing. PostgreSQL only (pg_trgm's `<%`, word
    similarity above pg_trgm.word_similarity_threshold, 0.6 by default, served by the
    trigram indexes); an empty list on SQLite.
    """
    terms = search_terms(query)
    if not on_postgres() or not terms or len(terms) > NEAR_MISS_MAX_TERMS:
        return []
    for term in terms:
        queryset = queryset.filter(pk__in=RawSQL(_NEAR_MISS_SQL, [term, term, term]))
    key = " ".join(terms)
    similarity = RawSQL(
        "word_similarity(%s, catalogue_work.search_key)", [key], output_field=FloatField()
    )
    return list(queryset.alias(similarity=similarity).order_by("-similarity", "sort_title")[:limit])

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
On SQLite the rank is a plain score (how many query words are in the title forms) and
there are no near misses.

Broad words. A word found in a tenth of a million works (`khalkhin`, `gol`) makes the
index-driven search collect, rank and count every one of those works: seconds a page.
So on a large catalogue each query word is first tried on a fixed sample of works
(`broad_terms`). A broad word is then tested row by row on the works the narrow words
found (`WorkQuerySet.search`), which is cheap; and a query of broad words only is listed
in title order, where the first page needs only its first 25 matches, with a count
estimated from the sample (`estimated_matches`) instead of ranking and counting them all.

The vector column is not a model field: SQLite has no tsvector, and the trigger keeps it
in step with whatever writes the row (the admin, loaddata, bulk_update, raw SQL).
"""

import time
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import OperationalError, connection, transaction
from django.db.models import Case, Count, F, FloatField, IntegerField, Lookup, Q, Value, When
from django.db.models.expressions import RawSQL
from psycopg.errors import QueryCanceled

from .. import page_cache
from . import on_postgres
from .folding import normalise, search_terms
from .words import WORKS_MATCHING, search_condition

# Above this many query words the near-miss search is not tried: it would find anything.
NEAR_MISS_MAX_TERMS = 4


class _EqualsAny(Lookup):
    """`lhs = ANY(rhs)`, rhs an array: PostgreSQL only."""

    lookup_name = "equals_any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


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
    if not on_postgres():
        score = _title_score(terms)
        return queryset.alias(relevance=score).order_by(F("relevance").desc(), "sort_title", "id")
    # The same title score, and the full-text rank: folded words for `simple`, the
    # readable text for the stemming configurations. Written as SQL: built of ORM
    # expressions (a Case a word) it cost a search page more Python than its SQL.
    like = [f"%{connection.ops.prep_for_like_query(term)}%" for term in terms]
    text = normalise(query)
    score = RawSQL(
        "("
        + " + ".join(["(catalogue_work.title_key LIKE %s)::integer"] * len(terms))
        + ")::double precision + ts_rank(catalogue_work.search_vector, "
        "websearch_to_tsquery('simple', %s) || websearch_to_tsquery('russian', %s)"
        " || websearch_to_tsquery('english', %s))",
        [*like, " ".join(terms), text, text],
        output_field=FloatField(),
    )
    return queryset.order_by(score.desc(), "sort_title", "id")


_NEAR_MISS_SQL = """
    SELECT w.id FROM catalogue_work w WHERE %s <%% w.search_key
    UNION SELECT c.work_id FROM catalogue_contribution c
        JOIN catalogue_person p ON p.id = c.person_id WHERE %s <%% p.search_key
    UNION SELECT w.id FROM catalogue_work w
        JOIN catalogue_periodical j ON j.id = w.periodical_id WHERE %s <%% j.search_key
"""


def near_misses(queryset, query, limit=10):
    """Works whose keys hold a word like each query word that finds nothing (`Zhukof`
    finds Zhukov), and the query's other words as they are, best first.

    Offered when the search itself finds nothing. PostgreSQL only (pg_trgm's `<%`, word
    similarity above pg_trgm.word_similarity_threshold, 0.6 by default, served by the
    trigram indexes); an empty list on SQLite. None either when every word finds works
    by itself (no word is mistyped: they only never meet), or when a word that finds
    nothing is a number: file 39 is not a misspelt file 38, nor 1938 a misspelt 1939.
    (`Smith-99989`, a name on no work, looked for works like `smith` and like `99989`
    until it was given up, 200 ms later.)
    """
    terms = search_terms(query)
    if not on_postgres() or not terms or len(terms) > NEAR_MISS_MAX_TERMS:
        return []
    finding = _finding_works(terms)
    missing = [t for t in terms if not finding[t]]
    if not missing or any(t.isdigit() for t in missing):
        return []
    exact = [t for t in terms if finding[t]]
    if exact:
        queryset = queryset.search(" ".join(exact), broad_terms(exact))
    for term in missing:
        queryset = queryset.filter(pk__in=RawSQL(_NEAR_MISS_SQL, [term, term, term]))
    key = " ".join(terms)
    similarity = RawSQL(
        "word_similarity(%s, catalogue_work.search_key)", [key], output_field=FloatField()
    )
    best = queryset.alias(similarity=similarity).order_by("-similarity", "sort_title")[:limit]
    # A word like a tenth of the catalogue's words (`dorj` is like `istoriia`: 88,000 works
    # at a million) made the suggestions two seconds to find. They are a courtesy: past
    # OPIS_NEAR_MISS_MS none are offered, and the page says only that nothing matched.
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            (before,) = cursor.fetchone()
            cursor.execute(_SET_TIMEOUT, [f"{settings.OPIS_NEAR_MISS_MS}ms"])
            found = list(best)
            cursor.execute(_SET_TIMEOUT, [before])  # for the rest of an enclosing transaction
    except OperationalError as error:
        if not cancelled(error):
            raise
        return []
    return found


def cancelled(error):
    """Whether a database error is a statement cancelled by statement_timeout."""
    return isinstance(error.__cause__, QueryCanceled)


def limit_statements(limit):
    """Cancel the current transaction's statements after `limit` (`"3000ms"`), and return
    the limit it replaces (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true)",
            [limit],
        )
        return cursor.fetchone()[0]


def _finding_works(terms):
    """{term: whether it finds some work by itself}, in one statement. Each is an EXISTS
    over the search's own branches (words.WORKS_MATCHING), which stops at the first
    work found."""
    # UNION ALL: nothing to remove duplicates from when one row will do.
    matching = WORKS_MATCHING.replace(" UNION SELECT", " UNION ALL SELECT")
    params = []
    for term in terms:
        params += [f"%{connection.ops.prep_for_like_query(term)}%"] * matching.count("%s")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"EXISTS({matching})" for _ in terms),
            params,
        )
        return dict(zip(terms, cursor.fetchone(), strict=True))


# For the current transaction only (`SET LOCAL`, which takes no parameters).
_SET_TIMEOUT = "SELECT set_config('statement_timeout', %s, true)"


# The sample: this many works, in SAMPLE_RUNS runs of consecutive ids spread evenly over
# the table (a range scan of the primary key each, so the sample costs a few milliseconds,
# and the same sample every time, so a count does not change between pages).
SAMPLE_WORKS = 4000
SAMPLE_RUNS = 16


def _ranges(low, high):
    """Q selecting the sample's runs of ids between `low` and `high`."""
    run = SAMPLE_WORKS // SAMPLE_RUNS
    step = max(run, (high - low + 1) // SAMPLE_RUNS)
    sample = Q()
    for start in range(low, high + 1, step):
        sample |= Q(pk__range=(start, start + run - 1))
    return sample


def _sample_bounds(items):
    """{"works": (lowest id, highest id, works in the sample)}."""
    Work = apps.get_model("catalogue", "Work")
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM catalogue_work")
        low, high = cursor.fetchone()
    return {"works": (low, high, Work.objects.filter(_ranges(low, high)).count())}


# The catalogue's estimated size is read again by a process at most this often (seconds).
# ANALYZE changes it, not a write, so the catalogue's version cannot key it: a catalogue
# becomes large when ANALYZE says so, not at its next write (a bulk load's first searches
# would otherwise run unguarded). Read by every search, it cost each a statement.
SIZE_READ_EVERY = 5.0
_size_read = {}  # (database, threshold) -> (when read, estimate or None)


def _catalogue_size():
    from .facet_cells import estimated_count  # it imports the models, which import this module

    key = (connection.alias, connection.settings_dict["NAME"], settings.OPIS_ESTIMATE_COUNT_OVER)
    now = time.monotonic()
    read = _size_read.get(key)
    if read is None or now - read[0] >= SIZE_READ_EVERY:
        read = _size_read[key] = (now, estimated_count(apps.get_model("catalogue", "Work")))
    return read[1]


def _sample():
    """(Q selecting the sample, works in the catalogue, works in the sample), or None
    where the catalogue is small enough to search exactly, or not on PostgreSQL."""
    if not on_postgres():
        return None
    total = _catalogue_size()
    if total is None:
        return None
    # The bounds change only when works are added or removed: read once per version of
    # the catalogue, not by every search (twice: to judge its words, to estimate its count).
    low, high, size = page_cache.remembered("sample-bounds", ["works"], _sample_bounds)["works"]
    if low is None:  # no works left, whatever the estimate still says
        return None
    return _ranges(low, high), total, size


def broad_terms(terms):
    """The query words whose works, judged by the sample, number more than
    OPIS_BROAD_SEARCH_WORKS, and the common names beside them (below). Judged on the
    works' own keys (titles, notes, publisher): that is where a common word is common.
    Each word's judgement is kept under the catalogue's version (page_cache.remembered):
    the next search with it, or the next page of this one, asks only about words it has
    not met."""
    sampled = _sample()
    if sampled is None or not terms:
        return set()
    sample, total, size = sampled
    limit = settings.OPIS_BROAD_SEARCH_WORKS

    def judge(words):
        """{word: (works whose own keys hold it, exact or estimated; a name of many)}
        for words not met before. A rare word is told by the trigram index, in a
        fraction of a millisecond: its works' keys are counted up to a few, and a word in
        so few is narrow. Only the others ask the sample (a LIKE over its 4,000 keys:
        2 ms, and most new words of a catalogue's searches are rare ones: a name, a
        number)."""
        few = min(FEW_WORKS, limit)
        works, people, named = _counted(words, few + 1)
        judged = {t: (works[t], people[t] > named) for t in words if works[t] <= few}
        common = [t for t in words if t not in judged]
        if common:
            Work = apps.get_model("catalogue", "Work")
            counts = Work.objects.filter(sample).aggregate(
                **{
                    f"t{i}": Count("pk", filter=Q(search_key__contains=t))
                    for i, t in enumerate(common)
                }
            )
            judged |= {
                t: (round(counts[f"t{i}"] * total / (size or 1)), people[t] > named)
                for i, t in enumerate(common)
            }
        return judged

    judged = page_cache.remembered(f"search-word-{limit}", terms, judge)
    broad = {t for t in terms if judged[t][0] > limit}
    narrow = [t for t in terms if t not in broad]
    if len(terms) == 1 or len(narrow) > 1:
        # Alone, or beside a word that stays narrow. A query of broad words only is listed
        # in title order, which walks the whole index when its words seldom meet (`Namsrai
        # 622` took a second), where the common name's works by index take milliseconds.
        common = {t for t in narrow if judged[t][1]}
        if len(terms) == 1 or len(common) < len(narrow):
            broad |= common
    elif len(narrow) == 1 and broad and judged[narrow[0]][1]:
        # The one narrow word is a name of many beside words common in the works' own
        # keys (`Петров-984`: 3,353 Petrovs with 25,000 works, 984 in 3,400 works' keys).
        # Searched by the name, every Petrov's work was tested for 984: 1.8 seconds. The
        # word with fewer works leads instead, and the name is tested on its works.
        name, lead = narrow[0], min(broad, key=lambda t: (judged[t][0], t))
        if _names_more_works_than(name, judged[lead][0]):
            broad = broad - {lead} | {name}
    return broad


# A word whose works' keys number no more than this (or OPIS_BROAD_SEARCH_WORKS, if
# smaller) is judged narrow by the index, without the sample.
FEW_WORKS = 50

# How many people would have the parameter's number of works between them, at the
# catalogue's average of works a person (rows of contribution and of person, as ANALYZE
# last counted them). A name shared by more than OPIS_BROAD_SEARCH_WORKS' worth of people
# is a name of many.
_PEOPLE_NAMED = """
    SELECT greatest(floor(%s / greatest(
        (SELECT c.reltuples / greatest(p.reltuples, 1) FROM pg_class c, pg_class p
         WHERE c.oid = 'catalogue_contribution'::regclass
         AND p.oid = 'catalogue_person'::regclass), 1)), 0)::integer
"""
_WITH_NAMED = f"WITH named AS MATERIALIZED ({_PEOPLE_NAMED} AS named)"


def _names_more_works_than(name, works):
    """Whether the people whose keys hold `name` have more than `works` works between
    them, at the catalogue's average of works a person. Counted up to one past the
    number of people that would have as many."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{_WITH_NAMED} SELECT (SELECT count(*) FROM (SELECT 1 FROM catalogue_person"
            " WHERE search_key LIKE %s LIMIT (SELECT named + 1 FROM named)) AS people) > named"
            " FROM named",
            [works, f"%{connection.ops.prep_for_like_query(name)}%"],
        )
        return cursor.fetchone()[0]


def _counted(terms, cap):
    """({term: works whose own keys hold it, counted up to `cap`},
    {term: people whose keys hold it, counted one past a name of many},
    how many people make a name of many), in one statement for all the words.

    Capped, a count stops early on a common word (a word of a few letters in a tenth of
    the catalogue: under a millisecond at a million works), and a rare one is read from
    its trigram index. The people are counted because the sample cannot see a common
    surname (Смирнов, Atwood): it reads the works' own keys, and the people are another
    table. Searched by index, `Atwood 1937` collected the works of all 3,226 Atwoods
    (25,000 rows, 24 ms) to keep the few that 1937 found; as a broad word it is tested on
    those few."""
    counted = " UNION ALL ".join(
        f"SELECT {i}, (SELECT count(*) FROM (SELECT 1 FROM catalogue_work"
        " WHERE search_key LIKE %s LIMIT %s) AS works),"
        " (SELECT count(*) FROM (SELECT 1 FROM catalogue_person"
        " WHERE search_key LIKE %s LIMIT (SELECT named + 1 FROM named)) AS people)"
        for i in range(len(terms))
    )
    params = [settings.OPIS_BROAD_SEARCH_WORKS]
    for term in terms:
        like = f"%{connection.ops.prep_for_like_query(term)}%"
        params += [like, cap, like]
    with connection.cursor() as cursor:
        cursor.execute(
            f"{_WITH_NAMED} SELECT -1, named, 0 FROM named UNION ALL {counted}",
            params,
        )
        rows = {i: (works, people) for i, works, people in cursor.fetchall()}
    works = {term: rows[i][0] for i, term in enumerate(terms)}
    people = {term: rows[i][1] for i, term in enumerate(terms)}
    return works, people, rows[-1][0]


def estimated_matches(queryset):
    """How many works of `queryset` there are, judged by the sample: for a search of
    broad words, whose exact count would cost as much as listing them all."""
    sampled = _sample()
    if sampled is None:
        return queryset.count()
    sample, total, size = sampled
    return round(kept_count(queryset.filter(sample).order_by()) * total / size) if size else 0


def kept_count(queryset):
    """`queryset.count()`, kept under the catalogue's version (page_cache.remembered),
    keyed by the queryset's statement. A broad search's count (over the sample, or of the
    works it lists) depends on its words and filters, not on its page or its order, and
    cost each of its next pages the database's time again (some 7 ms over the sample at a
    million works). Callers pass it unordered (`order_by()`): one count, one key."""
    try:
        # The statement is the key (no public API gives a queryset's SQL with its
        # parameters apart; str(query) interpolates them unquoted).
        statement = repr(queryset.query.sql_with_params())
    except EmptyResultSet:  # a filter that no row can meet: nothing to count or keep
        return 0
    counted = page_cache.remembered("count", [statement], lambda _: {statement: queryset.count()})
    return counted[statement]


# A search that finds at most this many works is run once, for their ids: the count, the
# page and the facets then read those ids instead of running the search again each.
MATERIALISE_UP_TO = 5000


def matching_ids(query, broad):
    """The ids of the works `query` finds, or None if they are more than
    MATERIALISE_UP_TO (or not on PostgreSQL: SQLite catalogues are small)."""
    if not on_postgres():
        return None
    condition, params = search_condition(search_terms(query), broad)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM catalogue_work WHERE {condition} LIMIT %s",
            [*params, MATERIALISE_UP_TO + 1],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
    return ids if len(ids) <= MATERIALISE_UP_TO else None


def among(queryset, ids):
    """The works of `queryset` whose id is in `ids`: `id = ANY(array)`, one parameter."""
    return queryset.filter(_EqualsAny(F("pk"), list(ids)))


class Plan(NamedTuple):
    """How a query is searched, judged once: its broad words, whether every word is
    broad (then the list goes in title order with an estimated count), and the ids of
    the works it finds when they are few enough to fetch once (matching_ids)."""

    query: str
    broad: frozenset
    only_broad: bool
    ids: list | None

    def narrow(self, queryset):
        """The works of `queryset` that the query finds, in no particular order."""
        if self.ids is not None:
            return among(queryset, self.ids)
        return queryset.search(self.query, self.broad)


def plan(query):
    """The Plan for `query`: the works list and the admin search both follow it."""
    terms = search_terms(query)
    broad = frozenset(broad_terms(terms))
    only_broad = bool(terms) and broad == set(terms)
    return Plan(query, broad, only_broad, None if only_broad else matching_ids(query, broad))

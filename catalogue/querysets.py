"""Query logic for works: filters, search, facets and the prefetching each page needs.

Filters on many-valued relations (archives, languages, people) go through `pk IN
(subquery)` rather than joins, so a work held in two files of one archive is listed
once and no DISTINCT is needed over the whole list.
"""

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    F,
    Func,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.db.models.expressions import Col, RawSQL
from django.utils.translation import get_language

from . import search
from .folding import search_terms


def _model(name):
    # Models import this module, so they are looked up when a query is built.
    return apps.get_model("catalogue", name)


def _in_interface_language(rows):
    """Facet rows labelled in the interface language: each row's label_ru in Russian,
    where it is known, in place of its label."""
    russian = get_language() == "ru"
    for row in rows:
        label_ru = row.pop("label_ru")
        if russian and label_ru:
            row["label"] = label_ru
    return rows


def estimated_count(model):
    """PostgreSQL's estimate of a table's rows (pg_class.reltuples, kept by ANALYZE and
    autovacuum), or None where there is none or the table is small enough to count.

    COUNT(*) over a million works costs ~65 ms on every page (stack.md); the estimate
    costs one catalogue lookup. The page says "about N" when it shows one."""
    if not search.on_postgres():
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


class _WorkColumn(Expression):
    """A column of catalogue_work that is not a model field (the facet arrays of migration
    0006), resolved to the query's own alias for the works table, as a field would be, so
    that it stays right when the queryset becomes a subquery (`pk IN (...)`)."""

    def __init__(self, column):
        super().__init__()
        self.column = column

    def resolve_expression(self, query=None, *args, **kwargs):
        target = models.Field()
        target.column, target.model = self.column, query.model
        return Col(query.get_initial_alias(), target, output_field=target)


# The archives whose name, or a former name, holds a search word: matched against the
# works' archive arrays of 0006 by both forms of a word's search below.
_ARCHIVES_NAMED = (
    "ARRAY(SELECT id FROM catalogue_archive WHERE search_key LIKE %s"
    " UNION SELECT archive_id FROM catalogue_archivename WHERE search_key LIKE %s)"
)


class _WordInRow(Expression):
    """PostgreSQL: one word of a search, tested on each work row: the branches of
    _WORKS_MATCHING as conditions on the row, for a word too common to collect its works
    by index (search.broad_terms). Written once, like _WORKS_MATCHING: built of ORM
    subqueries it cost 0.7 ms of Python a word. The row's columns are the query's own
    (F, _WorkColumn), so the test stays right inside a subquery."""

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
        self.pattern = f"%{connection.ops.prep_for_like_query(term)}%"
        self.columns = [F("pk"), F("search_key"), F("periodical_id"), _WorkColumn("facet_archives")]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def as_sql(self, compiler, connection):
        work, key, periodical, archives = (compiler.compile(c)[0] for c in self.columns)
        sql = self.template.format(work=work, key=key, periodical=periodical, archives=archives)
        return sql, (self.pattern,) * sql.count("%s")


class _Overlaps(Func):
    """`array && array`, PostgreSQL's "has any of"."""

    arg_joiner = " && "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _has_any(column, model, key, values):
    """Works whose array `column` holds any of `values`: `model` rows, or their `key`s,
    looked up (PostgreSQL; the GIN index of 0006 or the browse index serves it).

    The ids go in as literals: the planner reads their frequencies from the column's
    statistics and walks the title order for a large archive but fetches a small one's
    works by the GIN index."""
    rows = [value for value in values if isinstance(value, models.Model)]
    keys = [value for value in values if not isinstance(value, models.Model)]
    ids = [row.pk for row in rows]
    if keys:
        ids += _model(model).objects.filter(**{f"{key}__in": keys}).values_list("pk", flat=True)
    return _Overlaps(_WorkColumn(column), RawSQL("%s::bigint[]", [ids]))


def related(instance, name):
    """`instance.<name>.all()`: the rows a prefetch left, else the related manager's query."""
    return getattr(instance, name).all()


def people_by_role(work):
    """{role: the work's people in that role, in their order}: the exports and the
    citations ask for up to four roles an item, each of which read the contributions
    again."""
    people = {}
    for contribution in related(work, "contributions"):
        people.setdefault(contribution.role, []).append(contribution.person)
    return people


# One word of a search on PostgreSQL: the works whose title forms, notes or reference
# as printed (search_key), journal, people, citations or archive (by the works' archive
# arrays of 0006 and their GIN index: no walk from each location up to its archive) hold
# it. WorkQuerySet.search builds the same branches with the ORM for SQLite; written out
# here, a search's SQL is not compiled anew for every word of every search (as ORM
# subqueries it was a fifth of a search page's Python). Each LIKE has a trigram index
# (0004). A journal's works are `periodical_id = ANY(ARRAY(subquery))`: the planner then
# expects a few works, not a share of the table, and keeps to indexes (as a join it
# guessed thousands of works and scanned the works table).
_WORKS_MATCHING = (
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


def search_condition(terms, broad):
    """PostgreSQL: (SQL, params) of the condition WorkQuerySet.search puts on
    catalogue_work for `terms`, written without the ORM: search.matching_ids runs it
    for every search, where building and compiling the queryset cost 0.5 ms of Python."""
    conditions, params = [], []
    for term in terms:
        if term in broad:
            sql = _WordInRow.template.format(
                work="catalogue_work.id",
                key="catalogue_work.search_key",
                periodical="catalogue_work.periodical_id",
                archives="catalogue_work.facet_archives",
            )
        else:
            sql = f"catalogue_work.id IN ({_WORKS_MATCHING})"
        conditions.append(sql)
        params += [f"%{connection.ops.prep_for_like_query(term)}%"] * sql.count("%s")
    return " AND ".join(conditions) or "TRUE", params


def _facet_arrays():
    """Whether the works carry the facet cells' arrays of their archives and languages
    (migration 0006): facet_cells decides, as it does for its counts."""
    from . import facet_cells  # it imports the models, which import this module

    return facet_cells.available()


class WorkQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)

    def citing(self):
        """Works with a reference list, each with its `reference_count`: an EXISTS, and a
        count for each work shown. Joined and grouped over every citation, the home page's
        ten took 3 s at a million works (a 503), against 13 ms."""
        references = _model("Citation").objects.filter(citing=OuterRef("pk")).order_by()
        return self.filter(Exists(references)).annotate(
            reference_count=Subquery(
                references.values("citing").annotate(n=Count("pk")).values("n"),
                output_field=models.IntegerField(),
            )
        )

    def in_archives(self, archives):
        """Works held in any of `archives`: Archive rows or slugs."""
        if _facet_arrays():
            return self.filter(_has_any("facet_archives", "Archive", "slug", archives))
        slugs = [getattr(archive, "slug", archive) for archive in archives]
        locations = _model("ArchivalLocation").objects.filter(
            file__inventory__fond__archive__slug__in=slugs
        )
        return self.filter(pk__in=locations.values("work_id"))

    def in_fond(self, fond):
        locations = _model("ArchivalLocation").objects.filter(file__inventory__fond=fond)
        return self.filter(pk__in=locations.values("work_id"))

    def in_languages(self, languages):
        """Works in any of `languages`: Language rows or codes."""
        if _facet_arrays():
            return self.filter(_has_any("facet_languages", "Language", "code", languages))
        codes = [getattr(language, "code", language) for language in languages]
        through = self.model.languages.through.objects.filter(language__code__in=codes)
        return self.filter(pk__in=through.values("work_id"))

    def by_people(self, slugs):
        contributions = _model("Contribution").objects.filter(person__slug__in=slugs)
        return self.filter(pk__in=contributions.values("work_id"))

    def search(self, query, broad=()):
        """Works whose every word of `query` appears in their title forms, notes, people,
        periodical, archive, or the reference as printed.

        Query words and stored keys go through the same fold(): case, homoglyphs and
        transliteration are folded, so `Žukov`, `Zhukov` and `Жуков` find the same works.

        Each word is one `pk IN (... UNION ...)` whose branches each test one key column,
        so that on PostgreSQL every `LIKE '%word%'` can use that column's trigram index
        (an OR across joined tables would make the planner scan the works table). The
        words of `broad` (search.broad_terms: found in too many works for that) are
        tested row by row instead, on the works the other words found.
        """
        queryset = self
        for term in search_terms(query):
            if term in broad:
                queryset = queryset.filter(self._row_matches(term))
                continue
            if search.on_postgres():
                pattern = f"%{connection.ops.prep_for_like_query(term)}%"
                queryset = queryset.filter(
                    pk__in=RawSQL(_WORKS_MATCHING, [pattern] * _WORKS_MATCHING.count("%s"))
                )
                continue
            # SQLite: the same branches, built by the ORM.
            Location = _model("ArchivalLocation")
            archive_names = _model("ArchiveName").objects.filter(search_key__contains=term)
            periodicals = _model("Periodical").objects.filter(search_key__contains=term)
            branches = [
                self.model.objects.filter(search_key__contains=term).values("pk"),
                self.model.objects.filter(periodical__in=periodicals.values("pk")).values("pk"),
                _model("Contribution")
                .objects.filter(person__search_key__contains=term)
                .values("work_id"),
                _model("Citation").objects.filter(search_key__contains=term).values("cited_id"),
                Location.objects.filter(
                    file__inventory__fond__archive__search_key__contains=term
                ).values("work_id"),
                Location.objects.filter(
                    file__inventory__fond__archive__in=archive_names.values("archive_id")
                ).values("work_id"),
            ]
            # No ORDER BY inside a UNION (SQLite refuses it; default orderings add one).
            branches = [branch.order_by() for branch in branches]
            queryset = queryset.filter(pk__in=branches[0].union(*branches[1:]))
        return queryset

    def _row_matches(self, term):
        """The search's test of one word as a condition on each work (PostgreSQL)."""
        return _WordInRow(term)

    def facet_columns(self):
        """PostgreSQL: what a facet counts of each work, read from the works' own rows:
        `kind`, `facet_archives`, `facet_languages` (migration 0006), one row a work.

        Selected straight from the filtered works: as `id IN (the filtered ids)`
        PostgreSQL joined the works table to itself, reading each of a search's 3,372 works
        twice (18 of its facets' 27 ms). The works list's filters never join a many-valued
        relation (they are `pk IN (subquery)`), so each work is one row; a queryset made
        DISTINCT (against such a join) is read by its ids, as DISTINCT over these columns
        would merge works that share a kind and arrays."""
        works = self.order_by()
        if works.query.distinct:
            works = self.model.objects.filter(pk__in=works.values("pk"))
        return works.values(
            "kind",
            facet_archives=_WorkColumn("facet_archives"),
            facet_languages=_WorkColumn("facet_languages"),
        )

    def ranked_search(self, query):
        """The search, most relevant first (catalogue/search.py knows each database)."""
        return search.ranked(self.search(query), query)

    # Keyset paging in title order (the works list's `after` and `before`): the works
    # next to one work, found from it by the browse index (sort_title, id) instead of by
    # counting every work before it (OFFSET), which at page 20,000 took 80 ms of SQL.
    # `sort_title >= title` is what lets PostgreSQL start the index scan at the work; the
    # exclusion drops the work itself and its namesakes up to it.

    def after(self, title, pk):
        """The works after the work (`title` its sort_title, `pk` its id) in title order."""
        return self.filter(sort_title__gte=title).exclude(sort_title=title, pk__lte=pk)

    def before(self, title, pk):
        """The works before it, nearest first (the reverse of title order)."""
        return (
            self.filter(sort_title__lte=title)
            .exclude(sort_title=title, pk__gte=pk)
            .order_by("-sort_title", "-id")
        )

    def in_order(self, ids):
        """The works of `ids` (one query, and the prefetches), in the order of `ids`."""
        ids = list(ids)
        works = self.in_bulk(ids)
        return [works[pk] for pk in ids if pk in works]

    def with_list_relations(self):
        """What a row of the works list shows: people, languages, periodical, archive."""
        Contribution, Location = _model("Contribution"), _model("ArchivalLocation")
        return self.select_related("periodical").prefetch_related(
            # Each prefetch orders one work's rows as Meta.ordering does; Meta's leading
            # "work" would order by the work's title, joining the works table to every row.
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("person").order_by("role", "position"),
            ),
            "languages",
            # A folder is shown by its number, under the file's own inventory: its own
            # inventory, fond and archive would be the same rows joined again.
            Prefetch(
                "locations",
                queryset=Location.objects.select_related(
                    "file__folder", "file__inventory__fond__archive"
                ).order_by("position"),
            ),
        )

    def with_detail_relations(self):
        """A work page: the list's relations, the whole it is part of, its reference list
        in the order of its notes, and the works that cite it, by title. Of a citation the
        page shows its number, the reference as printed and the editorial note, and of the
        work at its other end the title and year: only those are read (whole rows of both
        were half the page's SQL and model-making on an article with many references)."""
        Citation = _model("Citation")
        shown = ("citing", "cited", "number", "text_as_printed", "editorial_note")
        return (
            self.with_list_relations()
            .select_related("part_of")
            .prefetch_related(
                Prefetch(
                    "references",
                    queryset=Citation.objects.select_related("cited")
                    .only(*shown, "cited__title", "cited__year")
                    .order_by("number"),
                ),
                Prefetch(
                    "citations",
                    queryset=Citation.objects.select_related("citing")
                    .only(*shown, "citing__title", "citing__year")
                    .order_by("citing__sort_title", "citing_id"),
                ),
            )
        )

    # Facets: each counts works of this queryset by one property.

    def archive_facet(self):
        """Archives by abbreviation: РГАСПИ in Russian where it is recorded, ties in the
        order of the Latin ones (as facet_cells orders them)."""
        rows = list(
            _model("ArchivalLocation")
            .objects.filter(work__in=self.values("pk"))
            .values(
                slug=models.F("file__inventory__fond__archive__slug"),
                label=models.F("file__inventory__fond__archive__abbreviation"),
                label_ru=models.F("file__inventory__fond__archive__abbreviation_ru"),
            )
            .annotate(count=Count("work_id", distinct=True))
            .order_by("-count", "label")
        )
        return _in_interface_language(rows)

    def language_facet(self):
        """Languages named in the interface language: name_ru in Russian where it is known."""
        rows = list(
            self.model.languages.through.objects.filter(work__in=self.values("pk"))
            .values(
                slug=models.F("language__code"),
                label=models.F("language__name_en"),
                label_ru=models.F("language__name_ru"),
            )
            .annotate(count=Count("work_id", distinct=True))
            .order_by("-count", "label")
        )
        return _in_interface_language(rows)

    def kind_facet(self):
        labels = dict(self.model.Kind.choices)
        rows = self.order_by().values("kind").annotate(count=Count("pk")).order_by("-count", "kind")
        return [
            {
                "slug": row["kind"],
                "label": labels.get(row["kind"], row["kind"]),
                "count": row["count"],
            }
            for row in rows
        ]


class ArchivalFileQuerySet(models.QuerySet):
    def in_fond(self, fond):
        """A fond's files in the order of its page: inventory, folder, file."""
        return self.filter(inventory__fond=fond).order_by(
            "inventory__sort_key", "folder__sort_key", "sort_key", "pk"
        )

    def with_cited_documents(self):
        """Each file's folder, and the documents cited from it (`file.locations.all()`),
        each with its work's title only: a fond page shows no more of them."""
        Location = _model("ArchivalLocation")
        return self.select_related("folder").prefetch_related(
            Prefetch(
                "locations",
                queryset=Location.objects.select_related("work").only(
                    "file", "folios", "work__title"
                ),
            )
        )

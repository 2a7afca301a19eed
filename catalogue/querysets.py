"""Query logic for works: filters, search, facets and the prefetching each page needs.

Filters on many-valued relations (archives, languages, people) go through `pk IN
(subquery)` rather than joins, so a work held in two files of one archive is listed
once and no DISTINCT is needed over the whole list.
"""

from django.apps import apps
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.utils.translation import get_language

from .search import ranking, words
from .search.arrays import FacetArray, has_any
from .search.folding import search_terms


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


def _facet_arrays():
    """Whether the works carry the facet cells' arrays of their archives and languages
    (search/arrays.py): facet_cells decides, as it does for its counts."""
    from .search import facet_cells  # it imports the models, which import this module

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
            return self.filter(has_any("facet_archives", "Archive", "slug", archives))
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
            return self.filter(has_any("facet_languages", "Language", "code", languages))
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

        Each word is one condition of catalogue/search/words.py: its works collected by
        index, or, for the words of `broad` (ranking.broad_terms: found in too many works
        for that), tested row by row on the works the other words found.
        """
        queryset = self
        for term in search_terms(query):
            queryset = queryset.filter(words.in_row(term) if term in broad else words.holding(term))
        return queryset

    def facet_columns(self):
        """PostgreSQL: what a facet counts of each work, read from the works' own rows:
        `kind`, `facet_archives`, `facet_languages` (migration 0006), one row a work.

        Selected straight from the filtered works: as `id IN (the filtered ids)`
        PostgreSQL joined the works table to itself, reading each of a search's 3,372 works
        twice (18 of its facets' 27 ms). The works list's filters never join a many-valued
        relation (they are `pk IN (subquery)`), so each work is one row; the id is read
        too, so that a queryset made DISTINCT (against such a join) still gives one row a
        work, where DISTINCT over these columns alone would merge works that share a kind
        and arrays."""
        return self.order_by().values(
            "pk",
            "kind",
            "year",
            facet_archives=FacetArray("facet_archives"),
            facet_languages=FacetArray("facet_languages"),
        )

    def ranked_search(self, query):
        """The search, most relevant first (catalogue/search/ranking.py knows each database)."""
        return ranking.ranked(self.search(query), query)

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
        shown = ("citing", "cited", "number", "index", "text_as_printed", "editorial_note")
        return (
            self.with_list_relations()
            .select_related("part_of")
            .prefetch_related(
                Prefetch(
                    "references",
                    queryset=Citation.objects.select_related("cited")
                    .only(*shown, "cited__title", "cited__year")
                    .order_by("number", "index"),
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

    def year_facet(self):
        """The list's works by year, oldest first (the histogram's bars are summed from
        these); undated works are in no year."""
        rows = (
            self.order_by()
            .filter(year__isnull=False)
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("year")
        )
        return [
            {"slug": str(r["year"]), "label": str(r["year"]), "count": r["count"]} for r in rows
        ]

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

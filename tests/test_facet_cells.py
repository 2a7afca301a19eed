"""Facet cells (migration 0006, catalogue/facet_cells.py): on PostgreSQL the counts and
facets of /works/ come from cells that triggers keep. They must say exactly what counting
the works says, after any edit a cataloguer can make."""

from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.filters import WorkFilter
from catalogue.models import ArchivalFile, ArchivalLocation, Archive, Fond, Language, Work
from catalogue.search import facet_cells
from tests.conftest import SEED_FIXTURES

pytestmark = pytest.mark.usefixtures("seed")

# Filters the cells answer, alone and together.
FILTERS = [
    {},
    {"archive": ["rgaspi"]},
    {"archive": ["rgaspi", "rgva"]},
    {"language": ["ru"]},
    {"language": ["ru", "mn"]},
    {"kind": ["archival_document", "book"]},
    {"year_min": 1939, "year_max": 1999},
    {"year_min": 2010},
    {"year_max": 1960},
    {"archive": ["rgaspi"], "language": ["ru"], "year_max": 1990},
]


@pytest.fixture(autouse=True)
def postgresql(on_postgres):
    if not on_postgres:
        pytest.skip("facet cells are PostgreSQL's; SQLite counts the works")


def valid(params):
    filterset = WorkFilter(params, queryset=Work.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset


def counted_live(params):
    filterset = valid(params)
    facets = {
        name: getattr(filterset.queryset_without(name), f"{name}_facet")()
        for name in WorkFilter.FACETS
    }
    return filterset.qs.count(), facets


def counted_by_cells(params):
    filterset = valid(params)
    assert facet_cells.answers(filterset)
    cleaned = filterset.form.cleaned_data
    return facet_cells.count(cleaned), facet_cells.facets(list(WorkFilter.FACETS), cleaned)


def counted_from_rows(params):
    """The other PostgreSQL way (for lists the cells cannot answer): over works' arrays."""
    filterset = valid(params)
    facets = facet_cells.counted_from_rows(
        {name: filterset.queryset_without(name) for name in WorkFilter.FACETS}
    )
    return filterset.qs.count(), facets


def cells():
    """The cells by year and their sums over all years, as stored."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT archives, languages, kind, year, works FROM catalogue_facetcell "
            "WHERE works > 0 ORDER BY archives, languages, kind, year"
        )
        by_year = cursor.fetchall()
        cursor.execute(
            "SELECT archives, languages, kind, works FROM catalogue_facettotal "
            "WHERE works > 0 ORDER BY archives, languages, kind"
        )
        return by_year, cursor.fetchall()


def assert_cells_agree():
    for params in FILTERS:
        live = counted_live(params)
        assert counted_by_cells(params) == live, params
        assert counted_from_rows(params) == live, params
    # What the triggers kept is what a rebuild from scratch computes.
    kept = cells()
    facet_cells.rebuild()
    assert cells() == kept


def test_cells_count_what_counting_the_works_counts():
    assert counted_by_cells({})[0] == 26
    assert_cells_agree()


def test_cells_follow_each_edit_of_a_work_and_its_links():
    russian, mongolian = Language.objects.get(code="ru"), Language.objects.get(code="mn")
    # A new bilingual work counts once in the total and once under each language.
    work = Work.objects.create(key="bilingual", kind="book", title="Bilingual", year=1939)
    work.languages.add(russian, mongolian)
    total, facets = counted_by_cells({"language": ["ru", "mn"]})
    assert total == Work.objects.filter(languages__code__in=["ru", "mn"]).distinct().count()
    by_language = {row["slug"]: row["count"] for row in facets["language"]}
    assert by_language["mn"] == 3 and by_language["ru"] == 24  # the seed's 2 and 23, plus one
    assert_cells_agree()

    work.languages.remove(mongolian)
    assert_cells_agree()
    work.year, work.kind = None, "article"  # undated: outside every year range
    work.save()
    assert_cells_agree()

    document = Work.objects.filter(kind="archival_document", locations__isnull=False).first()
    location = document.locations.first()
    elsewhere = ArchivalFile.objects.exclude(
        inventory__fond__archive=location.file.inventory.fond.archive
    )[0]
    ArchivalLocation.objects.create(work=document, file=elsewhere, folios="1", position=2)
    assert_cells_agree()
    location.delete()
    assert_cells_agree()

    Work.objects.filter(pk=document.pk).update(year=1941)  # a bulk update, no save()
    assert_cells_agree()
    work.delete()
    document.citations.all().delete()  # a cited work is protected
    document.delete()
    assert counted_by_cells({})[0] == 25 == Work.objects.count()  # the seed's 26 less one
    assert_cells_agree()


def test_cells_follow_a_fond_or_a_file_that_moves_to_another_archive():
    fond = Fond.objects.get(archive__slug="rgaspi", number="17")
    before = counted_by_cells({"archive": ["rgva"]})[0]
    fond.archive = Archive.objects.get(slug="rgva")
    fond.save()
    assert counted_by_cells({"archive": ["rgva"]})[0] > before
    assert_cells_agree()

    file = ArchivalFile.objects.filter(inventory__fond__archive__slug="rgani").first()
    file.inventory, file.number = fond.inventories.first(), "9999"  # numbers are per inventory
    file.save()
    assert_cells_agree()


def test_emptying_the_tables_empties_the_cells(client):
    """`manage.py flush` and a test database between tests TRUNCATE the tables, which
    fires no row trigger."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE catalogue_work, catalogue_archivallocation CASCADE")
    assert cells() == ([], [])
    assert client.get("/works/", {"format": "json"}).json()["count"] == 0
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    assert counted_by_cells({})[0] == 26
    assert_cells_agree()


def years_on_disk():
    """The cells' years in the order their rows lie in the table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT year FROM catalogue_facetcell WHERE works > 0 ORDER BY ctid")
        return [year for (year,) in cursor.fetchall()]


@pytest.mark.parametrize("arrays", [True, False])
def test_a_rebuild_lays_the_cells_down_in_year_order(arrays):
    """A list filtered by years reads its years' cells by index: in year order they share
    a few pages, not every page of the table (migration 0009)."""
    years = sorted(years_on_disk())
    assert len(set(years)) > 5  # the seed's works span many years
    facet_cells.rebuild(arrays=arrays)
    assert years_on_disk() == years


def test_the_cells_keep_room_for_their_counts_to_change_in_place():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reloptions, i.indisclustered FROM pg_class c"
            " JOIN pg_index i ON i.indrelid = c.oid"
            " JOIN pg_class ix ON ix.oid = i.indexrelid"
            " WHERE c.relname = 'catalogue_facetcell' AND ix.relname = 'catalogue_facetcell_year_idx'"
        )
        options, clustered = cursor.fetchone()
    assert "fillfactor=90" in options
    assert clustered  # a CLUSTER without an index name restores the year order


def test_a_cell_edited_by_hand_is_repaired_by_the_command():
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalogue_facettotal SET works = works + 100")
    assert counted_by_cells({})[0] > 26
    out = StringIO()
    call_command("rebuild_facet_cells", stdout=out)
    assert "26 works counted" in out.getvalue()
    assert_cells_agree()
    # A rebuild of the cells alone (after a load that wrote the works' arrays) writes no
    # catalogue table, whose triggers would raise the version: the rebuild raises it, or
    # a count kept from the edited cells would outlive them.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalogue_facettotal SET works = works + 100")
    caches["pages"].clear()  # nothing kept from before the edit
    assert counted_by_cells({})[0] > 26
    facet_cells.rebuild(arrays=False)
    assert counted_by_cells({})[0] == 26


def test_the_works_list_counts_from_cells_and_keeps_every_facet(client, settings):
    settings.OPIS_FACET_MAX_WORKS = 5  # would skip facets over a list counted live
    with CaptureQueriesContext(connection) as captured:
        data = client.get("/works/", {"language": "ru", "format": "json"}).json()
    assert data["count"] == Work.objects.filter(languages__code="ru").count() == 23
    assert data["facets_skipped"] is False
    assert set(data["facets"]) == {"archive", "language", "kind"}
    by_archive = {row["slug"]: row["count"] for row in data["facets"]["archive"]}
    assert by_archive["rgaspi"] == Work.objects.in_archives(["rgaspi"]).count()
    # No query counts the works themselves.
    counting = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert counting == [], counting


def test_a_search_is_counted_live_not_from_cells(client):
    filterset = valid({"q": "Zhukov", "language": ["ru"]})
    assert not facet_cells.answers(filterset)
    data = client.get("/works/", {"q": "Zhukov", "format": "json"}).json()
    assert data["count"] == Work.objects.search("Zhukov").count() >= 1


@pytest.mark.parametrize(
    "params",
    [
        {"q": "mongolia"},
        {"q": "rgaspi", "language": ["ru"]},
        {"q": "mongolia", "archive": ["rgaspi", "rgva"], "kind": ["archival_document"]},
        {"author": ["stalin-i-v"]},
        {"author": ["kuzmin-yu-v", "luzyanin-s-g"], "kind": ["article"]},
        {"periodical": ["vostok"]},
    ],
)
def test_a_list_the_cells_cannot_count_is_counted_over_its_works_rows(params):
    """A search, an author or a journal: the facets are counted over the matching works'
    own arrays (one row a work), and say what counting the works live says."""
    assert not facet_cells.answers(valid(params))
    count, facets = counted_from_rows(params)
    assert (count, facets) == counted_live(params)
    assert count and any(facets.values()), params  # something to count


def test_the_facets_over_all_works_are_kept_until_the_catalogue_changes(client):
    """The unfiltered list and each archive's own list need the facets over all works: they
    are summed once, and summed again after any edit (the catalogue's version)."""

    def archives_facet(params):
        with CaptureQueriesContext(connection) as read:
            data = client.get("/works/", {**params, "format": "json"}).json()
        summed = [q for q in read.captured_queries if "SELECT 'archive'" in q["sql"]]
        return {row["slug"]: row["count"] for row in data["facets"]["archive"]}, summed

    first, summed = archives_facet({})
    assert summed and first["rgaspi"] == 3
    for params in [{"page": "2", "sort": "year"}, {"archive": "rgaspi"}]:
        again, summed = archives_facet(params)
        assert again == first and not summed, params  # taken from the cache

    document = Work.objects.filter(kind="archival_document", locations__isnull=False).first()
    rgva_file = ArchivalFile.objects.filter(inventory__fond__archive__slug="rgva")[0]
    ArchivalLocation.objects.create(work=document, file=rgva_file, folios="5", position=9)
    after, summed = archives_facet({"sort": "year"})
    assert summed and after["rgva"] == first["rgva"] + 1
    assert after == {row["slug"]: row["count"] for row in counted_live({})[1]["archive"]}


def test_a_lists_count_and_facets_serve_its_other_pages_until_the_catalogue_changes(
    client, settings
):
    """A list's count and facets depend on its filters, not its page or order: its next
    page and its other orders read them from the cache; after an edit, they are summed
    again and count it."""
    settings.OPIS_PAGE_SIZE = 5

    def read(params):
        with CaptureQueriesContext(connection) as captured:
            data = client.get("/works/", {**params, "format": "json"}).json()
        summed = [q["sql"] for q in captured if "catalogue_facet" in q["sql"]]
        return data, summed

    since_1990 = {"language": ["ru"], "year_min": 1990, "year_max": 2019}
    first, summed = read(since_1990)
    assert len(summed) == 2  # the count, then the three facets in one statement
    assert first["count"] == counted_live(since_1990)[0] > 5
    for other in [{"page": "2"}, {"sort": "year"}]:
        again, summed = read({**since_1990, **other})
        assert summed == [], other
        assert (again["count"], again["facets"]) == (first["count"], first["facets"])
        assert again["results"] != first["results"]  # another page, another order

    work = Work.objects.create(key="new-2001", kind="book", title="Another", year=2001)
    work.languages.add(Language.objects.get(code="ru"))
    after, summed = read({**since_1990, "page": "2"})
    assert summed and after["count"] == first["count"] + 1
    books = [
        {row["slug"]: row["count"] for row in data["facets"]["kind"]}.get("book", 0)
        for data in (first, after)
    ]
    assert books[1] == books[0] + 1


def test_a_distinct_list_counts_each_work_once():
    """A list made DISTINCT (against a join to a many-valued relation) is counted over the
    works' rows as any other: each work once, even where two works share a kind, their
    archives and their languages."""
    joined = Work.objects.filter(kind="book", languages__isnull=False).distinct()
    alike = {
        (
            frozenset(work.languages.values_list("pk", flat=True)),
            frozenset(work.locations.values_list("file__inventory__fond__archive", flat=True)),
        )
        for work in joined
    }
    assert len(alike) < joined.count()  # works that DISTINCT over what a facet reads would merge
    facets = facet_cells.counted_from_rows({name: joined for name in WorkFilter.FACETS})
    assert facets == {name: getattr(joined, f"{name}_facet")() for name in WorkFilter.FACETS}
    assert sum(row["count"] for row in facets["kind"]) == joined.count()

"""What keeps the pages fast at a million works: indexes, facets skipped over long searches,
and a works changelist whose cost does not grow with the catalogue. (Facet cells, the
counts of PostgreSQL, have their own tests in test_facet_cells.py.)"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Language, Work

pytestmark = pytest.mark.usefixtures("seed")


def queries(client, path, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params or {})
        assert response.status_code == 200, response.status_code
    return len(captured), response


def add_russian_books(n, first=0):
    works = Work.objects.bulk_create(
        Work(key=f"scale{i}", kind="book", title=f"Scale {i}", sort_title=f"scale {i}")
        for i in range(first, first + n)
    )
    Work.languages.through.objects.bulk_create(
        Work.languages.through(work=w, language=Language.objects.get(code="ru")) for w in works
    )


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("catalogue_work_languages", ["language_id", "work_id"]),
        ("catalogue_archivallocation", ["file_id", "work_id"]),
        ("catalogue_contribution", ["person_id", "work_id"]),
        ("catalogue_work", ["sort_title", "id"]),
    ],
)
def test_the_filters_and_the_default_order_have_their_indexes(table, columns):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    assert any(c["index"] and c["columns"] == columns for c in constraints.values()), constraints


def test_a_long_search_skips_the_facets_that_would_scan_it(client, settings):
    settings.OPIS_FACET_MAX_WORKS = 5
    matches = Work.objects.search("Mongol").count()
    assert matches > 5
    data = client.get("/works/", {"format": "json", "q": "Mongol"}).json()
    assert data["count"] == matches and data["facets_skipped"] is True
    # Every facet would count the matches of the search: all are skipped, and the page
    # says why.
    assert data["facets"] == {}
    html = client.get("/works/", {"q": "Mongol"}).content.decode()
    assert "narrow this one to see them" in html and 'id="facet-archive"' not in html
    short = client.get("/works/", {"format": "json", "q": "Zhukov"}).json()
    assert short["facets_skipped"] is False and set(short["facets"]) == {
        "archive",
        "language",
        "kind",
    }
    assert client.get("/works/", {"format": "json"}).json()["facets_skipped"] is False


def test_a_long_list_by_language_skips_facets_only_where_there_are_no_cells(
    client, settings, on_postgres
):
    settings.OPIS_FACET_MAX_WORKS = 5
    data = client.get("/works/", {"format": "json", "language": "ru"}).json()
    assert data["count"] == 23
    if on_postgres:  # counted from facet cells: every facet stays
        assert data["facets_skipped"] is False and len(data["facets"]) == 3
    else:  # the language facet counts the unfiltered catalogue; the others are skipped
        assert data["facets_skipped"] is True and set(data["facets"]) == {"language"}


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", None)
    client.force_login(user)
    return client


def test_the_works_changelist_costs_a_fixed_number_of_queries(editor):
    one_page, _ = queries(editor, "/admin/catalogue/work/")
    add_russian_books(150)  # more than one changelist page of 100
    two_pages, response = queries(editor, "/admin/catalogue/work/")
    add_russian_books(300, first=150)
    five_pages, _ = queries(editor, "/admin/catalogue/work/")
    # A list of several pages reads a page's ids first (IdsFirstPaginator), then
    # its rows: one query more than a list shown whole, and no more as the list grows.
    assert one_page + 1 == two_pages == five_pages <= 10, (one_page, two_pages, five_pages)
    # Page 4 of 5 costs no more than page 1 (less where its works name no one), and
    # holds works 301-400.
    deep, response_deep = queries(editor, "/admin/catalogue/work/", {"p": "4"})
    assert deep <= five_pages
    expected = list(Work.objects.order_by("sort_title", "id").values_list("pk", flat=True)[300:400])
    assert [w.pk for w in response_deep.context["cl"].result_list] == expected
    # No "N total" link: that would be a second COUNT(*) of the whole table.
    assert "total" not in response.content.decode().split('id="changelist"')[1][:3000].lower()


def test_the_works_changelist_counts_no_more_than_once(editor, on_postgres, settings):
    settings.OPIS_ESTIMATE_COUNT_OVER = 1
    if on_postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE catalogue_work")
    with CaptureQueriesContext(connection) as captured:
        editor.get("/admin/catalogue/work/")
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    # PostgreSQL: the unfiltered list takes the estimate, no COUNT at all; SQLite counts once.
    assert len(counts) == (0 if on_postgres else 1), counts


def test_a_work_change_form_costs_what_its_own_rows_cost_not_the_catalogue(editor):
    article = Work.objects.get(key="batunaev2019")  # 25 references, 1 author
    document = Work.objects.filter(kind="archival_document", references__isnull=True).first()
    editor.get(f"/admin/catalogue/work/{article.pk}/change/")  # warm once-a-process caches
    many, _ = queries(editor, f"/admin/catalogue/work/{article.pk}/change/")
    few, _ = queries(editor, f"/admin/catalogue/work/{document.pk}/change/")
    # Django's autocomplete widget looks up each row's chosen work: one query a reference,
    # and no more (the rows' titles come with select_related).
    assert many - few <= article.references.count() + 2, (many, few)
    add_russian_books(150)
    assert queries(editor, f"/admin/catalogue/work/{article.pk}/change/")[0] == many


@pytest.mark.django_db
def test_postgresql_sessions_skip_jit_and_parallel_workers(on_postgres):
    """A page's queries are short: compiling them (JIT) took 21 of a search's 27 ms at a
    million works, and parallel workers took the cores of other readers."""
    if not on_postgres:
        pytest.skip("PostgreSQL session settings")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
        # The catalogue is read from memory or SSD: an index costs what it costs there.
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


@pytest.mark.django_db
def test_a_lists_people_and_locations_are_read_without_joining_the_works(client):
    """Ordered as one work's rows (role and position, position), not by the work's title,
    which joined the works table to every person and location of the page."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/works/").status_code == 200
    prefetches = [
        q["sql"]
        for q in captured
        if q["sql"].startswith(
            ('SELECT "catalogue_contribution"', 'SELECT "catalogue_archivallocation"')
        )
    ]
    assert len(prefetches) == 2
    assert not [sql for sql in prefetches if 'JOIN "catalogue_work"' in sql]


def test_a_lists_prefetched_rows_answer_as_the_works_own_related_rows():
    """with_list_relations hands each work its people, languages and locations without a
    queryset built per work; what a page reads of them, and anything built on them, is
    what the work's own related managers say."""
    works = list(Work.objects.with_list_relations())
    with CaptureQueriesContext(connection) as captured:
        listed = {
            work.pk: (
                [(c.person.name, c.role) for c in work.contributions.all()],
                [language.code for language in work.languages.all()],
                [
                    (loc.file.inventory.fond.archive.slug, loc.folios)
                    for loc in work.locations.all()
                ],
                work.locations.exists(),
                work.languages.count(),
            )
            for work in works
        }
    assert not captured.captured_queries
    for work in Work.objects.all():
        assert listed[work.pk] == (
            [(c.person.name, c.role) for c in work.contributions.order_by("role", "position")],
            [language.code for language in work.languages.all()],
            [
                (loc.file.inventory.fond.archive.slug, loc.folios)
                for loc in work.locations.order_by("position")
            ],
            work.locations.exists(),
            work.languages.count(),
        ), work.key
    # Read in chunks (.iterator), the works come with the same rows, also without a query.
    chunked = list(Work.objects.with_list_relations().iterator(chunk_size=10))
    with CaptureQueriesContext(connection) as captured:
        assert {
            work.pk: [(c.person.name, c.role) for c in work.contributions.all()] for work in chunked
        } == {pk: rows[0] for pk, rows in listed.items()}
    assert not captured.captured_queries
    # Built upon, a prefetched manager's rows are still the work's own, not every row.
    two = next(work for work in works if len(work.contributions.all()) >= 2)
    first = two.contributions.all()[0]
    assert list(two.contributions.exclude(pk=first.pk)) == list(two.contributions.all())[1:]
    assert two.languages.filter(code="ru").count() == two.languages.all().filter(code="ru").count()
    assert {language.code for language in two.languages.filter(code__in=["ru", "en", "mn"])} <= {
        language.code for language in two.languages.all()
    }
    assert sum(w.contributions.filter(role="author").count() for w in works) == (
        Work.contributors.through.objects.filter(role="author").count()
    )


@pytest.mark.parametrize(
    "params",
    [
        {"archive": "rgaspi"},
        {"archive": "rgaspi", "kind__exact": "archival_document", "o": "2"},
        {"language": "ru", "p": "1"},
        {"language": "ru", "archive": "rgva"},
        {"language": "xx"},  # names no language: the list is empty, counted as such
    ],
)
def test_a_changelist_filtered_by_archive_language_or_kind_is_counted_from_cells(
    editor, on_postgres, params
):
    """Counting one large archive's works took 150 ms of the changelist at a million works;
    the facet cells know the number. The count the page shows is the works it lists."""
    with CaptureQueriesContext(connection) as captured:
        response = editor.get("/admin/catalogue/work/", params)
    assert response.status_code == 200
    works = Work.objects.all()
    if "archive" in params:
        works = works.in_archives([params["archive"]])
    if "language" in params:
        works = works.in_languages([params["language"]])
    if "kind__exact" in params:
        works = works.filter(kind=params["kind__exact"])
    assert response.context["cl"].result_count == works.count()
    counts = [
        q["sql"] for q in captured if 'COUNT(*) AS "__count" FROM "catalogue_work"' in q["sql"]
    ]
    known = params.get("language") != "xx"
    assert len(counts) == (0 if on_postgres and known else 1), counts

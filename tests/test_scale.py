"""What keeps the pages fast at a million works: indexes, estimated counts, cached facets,
and a works changelist whose cost does not grow with the catalogue."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Language, Work

pytestmark = pytest.mark.usefixtures("seed")


def queries(client, path, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params or {})
        assert response.status_code == 200, response.status_code
    return len(captured), response


def add_russian_books(n):
    works = Work.objects.bulk_create(
        Work(key=f"scale{i}", kind="book", title=f"Scale {i}", sort_title=f"scale {i}")
        for i in range(n)
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


def test_unfiltered_facets_are_cached_and_filtered_ones_are_not(client, settings):
    settings.OPIS_FACET_CACHE_SECONDS = 60
    cache.clear()
    first, response = queries(client, "/works/", {"format": "json"})
    assert {row["slug"]: row["count"] for row in response.json()["facets"]["language"]}["ru"] == 23
    add_russian_books(3)
    again, response = queries(client, "/works/", {"format": "json"})
    # The whole catalogue's facets come from the cache (stale for up to a minute)...
    assert again == first - 3
    assert {row["slug"]: row["count"] for row in response.json()["facets"]["language"]}["ru"] == 23
    assert response.json()["count"] == 29  # ...while the list itself is current
    # A filtered list counts its facets afresh.
    _, response = queries(client, "/works/", {"format": "json", "kind": "book"})
    facet = {row["slug"]: row["count"] for row in response.json()["facets"]["language"]}
    assert facet["ru"] == Work.objects.filter(kind="book", languages__code="ru").count()
    assert facet["ru"] >= 3
    cache.clear()


def test_a_long_filtered_list_skips_the_facets_that_would_scan_it(client, settings):
    settings.OPIS_FACET_MAX_WORKS = 5
    data = client.get("/works/", {"format": "json", "language": "ru"}).json()
    assert data["count"] == 23 and data["facets_skipped"] is True
    # The language facet counts the unfiltered catalogue (cheap, cached); the others would
    # count the 23 Russian works and are skipped.
    assert set(data["facets"]) == {"language"}
    html = client.get("/works/", {"language": "ru"}).content.decode()
    assert "narrow this one to see them" in html and 'id="facet-archive"' not in html
    short = client.get("/works/", {"format": "json", "language": "mn"}).json()
    assert short["facets_skipped"] is False and set(short["facets"]) == {
        "archive",
        "language",
        "kind",
    }
    assert client.get("/works/", {"format": "json"}).json()["facets_skipped"] is False


def test_the_unfiltered_list_says_about_n_works_on_postgresql(client, settings, on_postgres):
    if not on_postgres:
        pytest.skip("needs PostgreSQL: the estimate is pg_class.reltuples")
    settings.OPIS_ESTIMATE_COUNT_OVER = 1
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_work")
    html = client.get("/works/").content.decode()
    assert "about 26 works" in html
    data = client.get("/works/", {"format": "json"}).json()
    assert data["count"] == 26 and data["count_is_estimate"] is True
    # A filtered list is counted exactly.
    data = client.get("/works/", {"format": "json", "language": "mn"}).json()
    assert data["count"] == 2 and data["count_is_estimate"] is False
    assert "about" not in client.get("/works/", {"language": "mn"}).content.decode()


def test_small_catalogues_are_counted_exactly(client):
    data = client.get("/works/", {"format": "json"}).json()
    assert data["count"] == 26 and data["count_is_estimate"] is False


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", None)
    client.force_login(user)
    return client


def test_the_works_changelist_costs_a_fixed_number_of_queries(editor):
    small, _ = queries(editor, "/admin/catalogue/work/")
    add_russian_books(150)  # more than one changelist page of 100
    large, response = queries(editor, "/admin/catalogue/work/")
    assert small == large <= 10, (small, large)
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

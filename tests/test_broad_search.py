"""Searches for common words on a large catalogue (catalogue/search.py): a broad word is
tested row by row, and a query of broad words only is listed by title with an estimated
count. PostgreSQL only; here the seed's 26 works stand in for a million by lowering the
thresholds, and the sample (ranges of ids) covers the whole table, so estimates are exact."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import page_cache
from catalogue.models import Work
from catalogue.search import ranking
from catalogue.search.folding import search_terms

pytestmark = pytest.mark.usefixtures("seed")

# Words in titles, archives' names (and a former name), people, a journal's title.
QUERIES = [
    "Mongol",
    "Халхин",
    "Khalkhin Gol",
    "РГАСПИ",
    "RTsKhIDNI",
    "Zhukov",
    "Mongol 1939",
    "Rossiyskaya",
]


@pytest.fixture
def large(settings, on_postgres):
    """The thresholds of a million works: any catalogue is "large", and a word found in
    more than 3 works is broad."""
    if not on_postgres:
        pytest.skip("broad words are judged on PostgreSQL only")
    settings.OPIS_ESTIMATE_COUNT_OVER = 0
    settings.OPIS_BROAD_SEARCH_WORKS = 3
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_work")  # the table's estimated size


@pytest.mark.parametrize("query", QUERIES)
def test_testing_a_word_row_by_row_finds_what_the_index_search_finds(large, query):
    every_word_broad = set(search_terms(query))
    by_rows = set(Work.objects.search(query, broad=every_word_broad).values_list("pk", flat=True))
    by_index = set(Work.objects.search(query).values_list("pk", flat=True))
    assert by_rows == by_index
    assert by_index, query  # each query finds something in the seed


@pytest.mark.parametrize("query", [*QUERIES, "Zhukov qqqzzz", "!!!"])
def test_a_searchs_ids_are_the_works_the_querysets_search_finds(large, query):
    """ranking.matching_ids writes the search's SQL itself: the same works as
    WorkQuerySet.search, each word by index, row by row, or both."""
    terms = search_terms(query)
    for broad in ({*terms}, set(), {*terms[:1]}):
        expected = Work.objects.search(query, broad=broad).values_list("pk", flat=True)
        assert sorted(ranking.matching_ids(query, broad)) == sorted(expected), broad


def test_a_word_tested_row_by_row_holds_inside_a_subquery(large):
    """As `pk IN (...)` (a facet, the admin) the row test reads the subquery's own row."""
    by_rows = Work.objects.search("Zhukov", broad={"zhukov"})
    inside = set(Work.objects.filter(pk__in=by_rows.values("pk")).values_list("pk", flat=True))
    assert inside
    assert inside == set(Work.objects.search("Zhukov").values_list("pk", flat=True))


def test_a_query_of_broad_words_is_listed_by_title_with_an_estimate(large, client, settings):
    matches = Work.objects.search("Mongol")
    in_title_order = [w.pk for w in matches.order_by("sort_title", "id")]
    assert len(in_title_order) > 5
    settings.OPIS_BROAD_SEARCH_LISTED = 5  # only the first five are paged
    data = client.get("/works/", {"q": "Mongol", "format": "json"}).json()
    assert data["count_is_estimate"] is True
    assert data["count"] == len(in_title_order)  # the sample is the whole seed
    assert [w["id"] for w in data["results"]] == in_title_order[:5]
    assert data["next"] is None
    assert data["facets_skipped"] is True and data["facets"] == {}
    html = client.get("/works/", {"q": "Mongol"}).content.decode()
    assert f"About {len(in_title_order)} works match, too many to rank" in html


def test_a_broad_searchs_count_serves_its_other_orders_until_the_catalogue_changes(
    large, client, settings
):
    """The estimate over the sample depends on the words, not on the order or the page:
    counted once, then read from the cache, and counted again after an edit."""
    settings.OPIS_BROAD_SEARCH_LISTED = 5

    def read(params):
        with CaptureQueriesContext(connection) as captured:
            data = client.get("/works/", {"q": "Mongol", "format": "json", **params}).json()
        assert data["count_is_estimate"] is True
        return data, [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]

    first, counted = read({})
    assert counted and first["count"] == Work.objects.search("Mongol").count()
    again, counted = read({"sort": "year"})
    assert counted == [] and again["count"] == first["count"]
    assert again["results"] != first["results"]  # another order

    Work.objects.create(key="mongol-new", kind="book", title="Mongol chronicles", year=1999)
    with connection.cursor() as cursor:  # the catalogue's size, which scales the estimate
        cursor.execute("ANALYZE catalogue_work")
    ranking._size_read.clear()
    after, counted = read({"sort": "-year"})
    assert counted and after["count"] == first["count"] + 1


def test_fewer_matches_than_are_listed_are_counted_exactly(large, client):
    data = client.get("/works/", {"q": "Mongol", "format": "json"}).json()
    assert data["count_is_estimate"] is False
    assert data["count"] == Work.objects.search("Mongol").count()
    in_title_order = [w.pk for w in Work.objects.search("Mongol").order_by("sort_title", "id")]
    assert [w["id"] for w in data["results"]] == in_title_order


def test_a_narrow_word_keeps_relevance_order_and_an_exact_count(large, client):
    query = "Khalkhin Zhukov"
    broad = set(search_terms(query))
    data = client.get("/works/", {"q": query, "format": "json"}).json()
    assert data["count_is_estimate"] is False
    assert data["count"] == Work.objects.search(query).count()
    assert data["count"] == Work.objects.search(query, broad=broad).count()
    ranked = ranking.ranked(Work.objects.search(query), query).values_list("pk", flat=True)
    assert [w["id"] for w in data["results"]] == list(ranked)


def test_a_surname_shared_by_many_people_is_tested_row_by_row(large):
    """A common surname finds few works by their own keys (the sample misses it) but many
    through their people: it is judged broad too, and a narrow word finds the works."""
    from catalogue.models import Contribution, Person

    zhukov = list(Work.objects.search("Zhukov"))
    works = zhukov[:1] + list(Work.objects.exclude(pk=zhukov[0].pk).order_by("pk")[:4])
    for i, work in enumerate(works):
        person = Person.objects.create(slug=f"smirnov-{i}", name="Smirnov", given_names=f"{i}.")
        Contribution.objects.create(work=work, person=person, position=9)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_person")
        cursor.execute("ANALYZE catalogue_contribution")
    narrow = "Zhukov"  # one person: not broad
    plan = ranking.plan(f"Smirnov {narrow}")
    assert plan.broad == {"smirnov"} and not plan.only_broad
    found = set(plan.narrow(Work.objects.all()).values_list("pk", flat=True))
    assert found == set(Work.objects.search(f"Smirnov {narrow}").values_list("pk", flat=True))
    assert found == {works[0].pk}
    # Alone, it is listed by title; beside broad words only, it is searched by index (a
    # query of broad words only walks the title index until its words meet).
    assert ranking.plan("Smirnov").only_broad
    assert ranking.plan("Smirnov Mongol").broad == {"mongol"}


def test_a_name_of_many_beside_a_common_word_gives_way_to_the_word_with_fewer_works(large):
    """`Петров-984`: the name of 3,353 people (25,000 works) beside a number in 3,400
    works' keys. Led by the name, every Petrov's work was tested for the number (1.8 s at
    a million works); led by the number, only its works are tested for the name."""
    from catalogue.models import Contribution, Person

    mongol = Work.objects.filter(search_key__contains="mongol").count()
    assert mongol > 3  # broad by the works' own keys
    works = list(Work.objects.order_by("pk"))
    for i in range(4 * mongol):  # far more people than Mongol has works
        person = Person.objects.create(slug=f"smirnov-{i}", name="Smirnov", given_names=f"{i}.")
        Contribution.objects.create(work=works[i % len(works)], person=person, position=9)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_person")
        cursor.execute("ANALYZE catalogue_contribution")
    plan = ranking.plan("Smirnov Mongol")
    assert plan.broad == {"smirnov"} and not plan.only_broad
    found = set(plan.narrow(Work.objects.all()).values_list("pk", flat=True))
    assert found == set(Work.objects.search("Smirnov Mongol").values_list("pk", flat=True))
    assert found  # some of Mongol's works have a Smirnov now


def test_each_word_is_judged_once_until_the_catalogue_changes(large):
    from django.test.utils import CaptureQueriesContext

    def asked(query):
        """The sample's counts that judging `query` ran: one SQL text, or None."""
        with CaptureQueriesContext(connection) as captured:
            ranking.plan(query)
        judged = [q["sql"] for q in captured if "FILTER (WHERE" in q["sql"]]
        assert len(judged) <= 1
        return judged[0] if judged else None

    assert "mongol" in asked("Mongol Zhukov")
    assert asked("Zhukov Mongol") is None  # the same words, judged already
    new = asked("Mongol Khalkhin")
    assert "xalxin" in new and "mongol" not in new  # only the word not met (folded)
    Work.objects.filter(key="zhukov1974").update(title="Memoirs")  # the catalogue changes
    assert "mongol" in asked("Mongol Zhukov")


def test_the_samples_bounds_are_read_once_until_the_catalogue_changes(large, client):
    """Every search on a large catalogue judges its words on the sample and may estimate
    its count from it: the sample's bounds (the table's estimated size, its lowest and
    highest id, the works between them in the sample) are read once per version of the
    catalogue, not on every page."""
    from django.test.utils import CaptureQueriesContext

    def bounds_read(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/works/", {"q": query}).status_code == 200
        sql = [q["sql"] for q in captured]
        sized = [q for q in sql if "COUNT(" in q and "BETWEEN" in q and "LIKE" not in q]
        return sum("min(id), max(id)" in q for q in sql), len(sized)

    assert bounds_read("Mongol") == (1, 1)
    assert bounds_read("Khalkhin") == (0, 0)  # a broad word too: its count is estimated
    assert bounds_read("Zhukov") == (0, 0)
    added = Work.objects.create(key="added-work", title="Mongol added", kind="book")
    assert bounds_read("Mongol Zhukov") == (1, 1)  # a new work, perhaps a new highest id
    assert added.pk in Work.objects.filter(ranking._sample()[0]).values_list("pk", flat=True)


def test_a_catalogue_is_searched_as_large_within_seconds_of_the_analyze_that_says_so(
    large, client, settings, monkeypatch
):
    """After a bulk load the first searches may come before ANALYZE: the catalogue is
    judged small then (a common word's works are counted exactly), and large once its
    statistics say so, with no write to the catalogue in between: at the next reading of
    its size, SIZE_READ_EVERY seconds at most later. Between readings, a search asks
    nothing about the size."""
    now = [1000.0]
    monkeypatch.setattr(ranking.time, "monotonic", lambda: now[0])
    settings.OPIS_ESTIMATE_COUNT_OVER = 20  # the seed's 26 works, once analyzed
    settings.OPIS_PAGE_CACHE_SECONDS = 0  # each page built: the same URL asks again
    settings.OPIS_BROAD_SEARCH_LISTED = 5  # more matches than are listed: a large one estimates

    def estimated():
        data = client.get("/works/", {"q": "Mongol", "format": "json"}).json()
        return data["count_is_estimate"]

    with connection.cursor() as cursor:  # as a table looks before its first ANALYZE
        cursor.execute("UPDATE pg_class SET reltuples = -1 WHERE oid = 'catalogue_work'::regclass")
    assert estimated() is False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_work")
    now[0] += ranking.SIZE_READ_EVERY - 1
    with CaptureQueriesContext(connection) as captured:
        assert estimated() is False  # the size is not read again yet
    assert not any("reltuples" in q["sql"] for q in captured)
    now[0] += 1
    assert estimated() is True


def judged_works(term):
    """The works broad_terms keeps for `term`, counted or estimated (it must have judged it)."""
    return page_cache.remembered(
        "search-word-3", [term], lambda missing: pytest.fail(f"{missing} not judged")
    )[term][0]


@pytest.mark.parametrize("term", ["mongol", "xalxin", "rgaspi", "zhukov", "1939", "qqqzzz"])
def test_each_word_is_judged_as_its_works_number_says(large, term):
    """Rare words by the index, the others by the sample: the same number either way
    (here the sample is the whole table, so the estimate is exact), broad above 3."""
    broad = ranking.broad_terms([term])
    holding = Work.objects.filter(search_key__contains=term).count()
    assert judged_works(term) == holding
    assert (term in broad) == (holding > 3)


def test_a_rare_word_is_judged_without_reading_the_sample(large):
    def sample_read(term):
        with CaptureQueriesContext(connection) as captured:
            ranking.broad_terms([term])
        return any("FILTER (WHERE" in q["sql"] for q in captured)

    assert Work.objects.filter(search_key__contains="qqqzzz").count() == 0
    assert not sample_read("qqqzzz")
    assert Work.objects.filter(search_key__contains="mongol").count() > 3
    assert sample_read("mongol")


def test_new_words_are_judged_in_statements_that_do_not_grow_with_their_number(large):
    """Every word's works and people are counted in one statement: a name of three words
    costs the round trips of a name of one."""

    def judging(terms):
        with CaptureQueriesContext(connection) as captured:
            ranking.broad_terms(terms)
        sql = [q["sql"] for q in captured]
        return len(sql), sum("catalogue_person" in q for q in sql)

    judging(["warm"])  # the sample's bounds, read once per version of the catalogue
    assert judging(["qqqone"]) == judging(["qqqtwo", "qqqthree", "qqqfour"])
    assert judging(["qqqfive", "qqqsix"])[1] == 1

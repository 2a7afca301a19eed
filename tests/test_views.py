"""Pages as a reader sees them, their JSON twins, and what each costs in queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Contribution, Language, Person, Work

pytestmark = pytest.mark.usefixtures("seed")


def work_id(number):
    """The id of the work cited as `number` in the seed's reference list."""
    return Work.objects.get(citations__number=number).pk


def test_home_says_what_the_catalogue_holds(client):
    html = client.get("/").content.decode()
    assert "<strong>26</strong> works" in html
    assert "<strong>6</strong> archival documents" in html
    assert "<strong>4</strong> archives" in html
    assert "Khalkhin-Gol: Military and Political Cooperation" in html


def test_the_works_page_lists_filters_and_links(client):
    response = client.get("/works/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "26 works" in html
    # One way to filter: a search box, and links with counts for archives and languages.
    assert 'type="search" name="q"' in html
    assert 'href="/works/?archive=rgaspi"' in html and 'href="/works/?language=ru"' in html
    main = html.split("<main")[1]
    assert "<select" not in main.split('class="sort"')[0]  # no box of every archive
    assert 'rel="next"' in html  # 26 works, 25 a page


def test_an_archival_document_page_shows_its_location_as_a_breadcrumb(client):
    html = client.get(f"/works/{work_id(7)}/").content.decode()
    # AVP RF › f. 9 › op. 25 › p. 100 › d. 38 › ll. 73–74
    crumbs = [
        "AVP RF</a>",
        'href="/archives/avp-rf/fonds/9/">f. 9</a>',
        'href="/archives/avp-rf/fonds/9/inventories/25/">op. 25</a>',
        'href="/archives/avp-rf/fonds/9/inventories/25/folders/100/">p. 100</a>',
        'href="/archives/avp-rf/fonds/9/inventories/25/folders/100/files/38/">d. 38</a>',
        "<li>ll. 73–74</li>",
    ]
    positions = [html.index(crumb) for crumb in crumbs]
    assert positions == sorted(positions)
    assert (
        "As printed:" in html and "Foreign Policy Archive of the Russian Federation. F. 9." in html
    )


def test_a_work_page_shows_the_printed_reference_and_the_editorial_note(client):
    html = client.get(f"/works/{work_id(19)}/").content.decode()
    assert "Kwantung Army" in html  # the corrected record
    assert "Quantum Army" in html  # the print, kept as evidence
    assert "Editorial note:" in html


def test_a_work_page_links_its_authors_and_the_citing_article(client):
    html = client.get(f"/works/{work_id(6)}/").content.decode()
    assert 'href="/people/grajvoronskiy-v-v/"' in html and 'href="/people/luzyanin-s-g/"' in html
    assert "reference no. 6" in html


def test_the_article_page_lists_its_25_references_in_order(get_json):
    article = Work.objects.get(key="batunaev2019")
    data = get_json(f"/works/{article.pk}/")
    assert [ref["number"] for ref in data["references"]] == list(range(1, 26))
    assert data["doi"] == "10.21684/2411-197X-2019-5-3-173-184"
    assert data["cited_by"] == []


def test_a_work_json_twin_carries_the_archival_location(get_json):
    data = get_json(f"/works/{work_id(9)}/")
    assert data["locations"] == [
        {
            "archive": "rgaspi",
            "archive_abbreviation": "RGASPI",
            "fond": "17",
            "inventory": "162",
            "folder": None,
            "file": "18",
            "folios": "18-19",
            "first_folio": 18,
            "last_folio": 19,
            "fond_url": "/archives/rgaspi/fonds/17/",
        }
    ]
    assert data["cited_by"][0]["number"] == 9
    assert "E. 18. Pp. 18-19" in data["cited_by"][0]["text_as_printed"]


def test_the_list_json_has_the_documented_shape(get_json, client):
    data = get_json("/works/")
    assert set(data) >= {"count", "next", "previous", "results"}
    assert data["count"] == 26 and len(data["results"]) == 25 and data["previous"] is None
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 1 and "format=json" in second["previous"]
    ids = {row["id"] for row in data["results"]} | {row["id"] for row in second["results"]}
    assert len(ids) == 26
    assert {"id", "title", "url"} <= set(data["results"][0])


def test_json_keeps_cyrillic_readable(client):
    response = client.get("/people/zhukov-g-k/", {"format": "json"})
    assert "Жуков".encode() in response.content


def test_archive_page_lists_fonds_with_counts_of_cited_documents(get_json, client):
    data = get_json("/archives/rgaspi/")
    fonds = {row["number"]: row["documents"] for row in data["fonds"]["results"]}
    assert fonds == {"17": 2, "558": 1}
    assert "RTsKhIDNI" in {name["name"] for name in data["names"]}
    html = client.get("/archives/rgaspi/").content.decode()
    assert "Russian State Archive of Socio-Political History" in html and "RTsKhIDNI" in html


def test_archive_list_counts_documents(get_json):
    rows = {row["slug"]: row["documents"] for row in get_json("/archives/")["results"]}
    cited = {slug: n for slug, n in rows.items() if n}
    assert cited == {"avp-rf": 1, "rgani": 1, "rgaspi": 3, "rgva": 1}
    assert rows["garf"] == 0  # in the registry, no document cited yet


def test_people_list_counts_each_persons_works(get_json):
    rows = get_json("/people/")["results"]
    for row in rows:
        works = Work.objects.filter(contributions__person__slug=row["slug"]).distinct()
        assert row["works"] == works.count(), row["slug"]
    assert any(row["works"] > 1 for row in rows)


def test_fond_page_lists_inventories_files_and_the_documents_cited_from_them(get_json, client):
    data = get_json("/archives/rgaspi/fonds/17/")
    assert [inv["number"] for inv in data["inventories"]] == ["162"]
    files = data["files"]["results"]
    assert data["files"]["count"] == 2
    assert [f["number"] for f in files] == ["18", "20"]
    assert [doc["folios"] for f in files for doc in f["documents"]] == ["18-19", "162"]
    html = client.get("/archives/avp-rf/fonds/9/").content.decode()
    assert "p. 100" in html  # AVP RF uses folders


def test_a_fond_of_many_files_in_several_inventories_is_paged_by_their_count(get_json):
    from catalogue.models import ArchivalFile, Archive, Fond, Inventory

    fond = Fond.objects.create(archive=Archive.objects.get(slug="rgva"), number="33987")
    for number, files in (("1", 60), ("3", 50)):
        inventory = Inventory.objects.create(fond=fond, number=number)
        for i in range(files):
            ArchivalFile.objects.create(inventory=inventory, number=str(i + 1))
    first = get_json(fond.get_absolute_url())
    assert first["files"]["count"] == 110
    assert [inv["files"] for inv in first["inventories"]] == [60, 50]
    second = get_json(fond.get_absolute_url(), {"page": 2})["files"]
    assert [(f["inventory"], f["number"]) for f in second["results"]][:1] == [("3", "41")]
    assert len(second["results"]) == 10 and second["next"] is None
    get_json(fond.get_absolute_url(), {"page": 3}, status=404)


def test_person_page_lists_their_works(get_json):
    data = get_json("/people/luzyanin-s-g/")
    assert data["name_original"] == "Лузянин С. Г."
    assert data["works"]["count"] == 2


def test_unknown_records_are_styled_404s(client):
    for path in [
        "/works/999999/",
        "/archives/nowhere/",
        "/archives/rgaspi/fonds/99999/",
        "/people/nobody/",
        "/no/such/page/",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Page not found" in response.content.decode() and "<nav" in response.content.decode()


# The public time limit's own statements (catalogue/timeouts.py, PostgreSQL): one in
# production, where the page's transaction is its own; inside a test's transaction a
# savepoint, its release and the limit put back as well. They are not the page's.
_TIME_LIMIT = ("SAVEPOINT", "RELEASE SAVEPOINT", "SELECT current_setting('statement_timeout')")


def page_statements(captured):
    """How many of the `captured` statements are the page's own."""
    return sum(1 for query in captured if not query["sql"].startswith(_TIME_LIMIT))


def queries(client, path, params=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params or {}).status_code == 200
    return page_statements(captured)


def add_works(n):
    """n more works, each with an author and a language, like the seed's."""
    person = Person.objects.create(slug="extra", name="Extra")
    works = Work.objects.bulk_create(
        Work(key=f"extra{i}", kind="article", title=f"Extra {i}", sort_title=f"a extra {i}")
        for i in range(n)
    )
    Contribution.objects.bulk_create(Contribution(work=w, person=person) for w in works)
    russian = Language.objects.get(code="ru")
    for w in works:
        w.languages.add(russian)


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_the_works_page_costs_a_fixed_number_of_queries(client, settings, fmt):
    settings.OPIS_PAGE_SIZE = 5
    small = queries(client, "/works/", {"format": fmt})
    settings.OPIS_PAGE_SIZE = 25
    add_works(40)
    large = queries(client, "/works/", {"format": fmt})
    assert small == large
    assert large <= 12, large


def test_a_filtered_works_page_costs_a_fixed_number_of_queries(client):
    params = {"archive": "rgaspi", "language": "ru", "q": "Politburo"}
    assert queries(client, "/works/", params) <= 14


def test_a_work_page_costs_a_fixed_number_of_queries(client):
    article = Work.objects.get(key="batunaev2019")  # 24 references, cited by none
    document = work_id(7)  # no references, cited by the article
    # The catalogue's version, the work with its journal and whole, its people, languages
    # and locations, its references and the works citing it: the same on both databases.
    for fmt in ("html", "json"):
        assert queries(client, f"/works/{article.pk}/", {"format": fmt}) == 7
        assert queries(client, f"/works/{document}/", {"format": fmt}) == 7


def test_list_and_detail_pages_of_the_archive_tree_cost_fixed_queries(client):
    # Each first visit reads the catalogue's version (page_cache.py), then the page's own.
    assert queries(client, "/archives/") <= 4
    assert queries(client, "/archives/rgaspi/") <= 6
    assert queries(client, "/archives/rgaspi/fonds/17/") == 5  # its files counted by inventory
    assert queries(client, "/people/") <= 4
    assert queries(client, "/people/luzyanin-s-g/") <= 8


@pytest.mark.parametrize(
    "params",
    [
        {"q": "mongolia"},
        {"q": "Zhukov"},
        {"q": "rgaspi"},
        {"author": "stalin-i-v"},
        {"periodical": "vostok"},
        {"q": "mongolia", "year_min": "1950"},
    ],
)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_list_on_one_page_counts_its_facets_over_its_listed_works(client, params, language):
    """A search or an author whose works all fit on the first page: the facets are
    counted over the works read for the page, without a statement of their own, and say
    what counting the list in the database says (labels, order and counts)."""
    from django.http import QueryDict
    from django.utils import translation

    from catalogue import views
    from catalogue.filters import WorkFilter

    with CaptureQueriesContext(connection) as captured:
        data = client.get(
            "/works/", {**params, "format": "json"}, HTTP_ACCEPT_LANGUAGE=language
        ).json()
    assert 0 < data["count"] <= 25 and len(data["results"]) == data["count"]
    assert not any("GROUP BY" in q["sql"] for q in captured)  # every facet statement groups
    with translation.override(language):
        filterset = WorkFilter(
            QueryDict("&".join(f"{k}={v}" for k, v in params.items())),
            queryset=Work.objects.all(),
        )
        assert filterset.is_valid()
        counted = views.facet_counts(filterset, list(WorkFilter.FACETS))
    assert {
        name: [(r["slug"], r["label"], r["count"]) for r in rows]
        for name, rows in data["facets"].items()
    } == {
        name: [(r["slug"], r["label"], r["count"]) for r in rows] for name, rows in counted.items()
    }
    assert any(data["facets"].values())


def test_a_list_longer_than_its_page_or_filtered_by_a_facet_counts_in_the_database(
    client, settings
):
    settings.OPIS_PAGE_SIZE = 3
    for params in ({"q": "mongolia"}, {"q": "mongolia", "archive": "rgaspi"}):
        with CaptureQueriesContext(connection) as captured:
            data = client.get("/works/", {**params, "format": "json"}).json()
        assert data["count"] and any(data["facets"].values())
        assert any("GROUP BY" in q["sql"] for q in captured), params

"""Paging the works list by cursor: the `next` and `previous` links of a list in title order
name the work they continue from, so a deep page costs what the first does, and a reader
walking the pages meets every work once even when works are added on the way."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Work

pytestmark = pytest.mark.usefixtures("seed")


def ids(data):
    return [row["id"] for row in data["results"]]


def walk(client, url, link="next"):
    """Every page from `url` on, following `link`: a list of pages of ids."""
    pages = []
    while url:
        data = client.get(url).json()
        pages.append(ids(data))
        url = data[link]
    return pages


def add_namesakes(n, title="Doklad"):
    """Works with one title: only their ids tell them apart in title order."""
    return [Work.objects.create(key=f"namesake-{i}", kind="book", title=title) for i in range(n)]


@pytest.fixture
def small_pages(settings):
    settings.OPIS_PAGE_SIZE = 4


def test_next_links_visit_every_work_once_in_the_order_of_numbered_pages(client, small_pages):
    add_namesakes(6)  # ties on the title, some of them across a page boundary
    by_cursor = walk(client, "/works/?format=json")
    total = client.get("/works/?format=json").json()["count"]
    by_number = [
        ids(client.get(f"/works/?format=json&page={n}").json())
        for n in range(1, len(by_cursor) + 1)
    ]
    assert by_cursor == by_number
    flat = [pk for page in by_cursor for pk in page]
    assert len(flat) == len(set(flat)) == total == 32


def test_previous_links_walk_back_through_the_same_pages(client, small_pages):
    add_namesakes(6)
    forward = walk(client, "/works/?format=json&language=ru")
    last = client.get(f"/works/?format=json&language=ru&page={len(forward)}").json()
    last_url = last["previous"] and client.get(last["previous"]).json()["next"]
    backward = walk(client, last_url, link="previous")
    assert backward == forward[::-1]


def query(url):
    return dict(parse_qsl(urlsplit(url).query))


def test_the_links_carry_the_cursor_of_the_page_edges(get_json, small_pages):
    second = get_json("/works/", {"page": 2})
    assert query(second["next"]) == {
        "page": "3",
        "after": str(second["results"][-1]["id"]),
        "format": "json",
    }
    # The first page is the first page: no cursor is needed to find it.
    assert query(second["previous"]) == {"page": "1", "format": "json"}
    third = get_json("/works/", {"page": 3})
    assert query(third["previous"])["before"] == str(third["results"][0]["id"])


def test_a_page_found_by_cursor_does_not_count_the_works_before_it(client, small_pages):
    after = client.get("/works/?format=json&page=2").json()["results"][-1]["id"]
    with CaptureQueriesContext(connection) as by_cursor:
        client.get(f"/works/?page=3&after={after}")
    with CaptureQueriesContext(connection) as by_number:
        client.get("/works/?page=3")
    assert not [q for q in by_cursor if "OFFSET" in q["sql"]]
    assert [q for q in by_number if "OFFSET" in q["sql"]]  # so the test above means something


def test_a_work_added_between_pages_does_not_repeat_a_row(client, small_pages):
    first = client.get("/works/?format=json").json()
    Work.objects.create(key="early", kind="book", title="Aaa, an early title")
    second = client.get(first["next"]).json()
    assert not set(ids(first)) & set(ids(second))
    by_number = client.get("/works/?format=json&page=2").json()
    assert set(ids(first)) & set(ids(by_number))  # what counting would have shown


def test_other_orders_page_by_number(get_json, small_pages):
    data = get_json("/works/", {"sort": "-year"})
    assert "after" not in data["next"]
    # A cursor in such a list changes nothing: the page number decides.
    plain = get_json("/works/", {"sort": "-year", "page": 2})
    hinted = get_json("/works/", {"sort": "-year", "page": 2, "after": ids(data)[0]})
    assert ids(hinted) == ids(plain)


def test_a_cursor_to_a_deleted_work_falls_back_to_the_page_number(get_json, small_pages):
    gone = add_namesakes(1, title="Zzz")[0]
    gone_id = gone.pk
    gone.delete()
    assert ids(get_json("/works/", {"page": 2, "after": gone_id})) == ids(
        get_json("/works/", {"page": 2})
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": 2, "after": "abc"}, "“after” must be the id of a work, not “abc”"),
        ({"page": 2, "before": "-3"}, "“before” must be the id of a work"),
        ({"page": 2, "after": "1", "before": "2"}, "Give “after” or “before”, once."),
        ({"page": 2, "after": ["1", "2"]}, "Give “after” or “before”, once."),
    ],
)
def test_a_bad_cursor_is_a_clear_400(client, params, message):
    response = client.get("/works/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_links_to_another_list_drop_the_cursor(client, small_pages):
    """A facet toggle or an export from a page reached by cursor is another list: it
    starts at its first work, not after this page's."""
    second = client.get("/works/?format=json&language=ru").json()["next"]
    html = client.get(second.replace("format=json&", "").replace("&format=json", "")).content
    html = html.decode()
    assert "after=" in html  # this page's own next link keeps its cursor
    toggles = re.findall(r'<a href="([^"]*)" (?:aria-current|title)', html)
    exports = re.findall(r'<a href="([^"]*)" download>', html)
    assert toggles and exports
    for url in toggles + exports:
        assert "after=" not in url and "before=" not in url and "page=" not in url, url

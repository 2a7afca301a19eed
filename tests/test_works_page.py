"""The works page as a reader uses it: a search that says what it found, facets and a
year histogram whose links narrow the list, messages in the page's own words, hints
when nothing is found, and the Data menu's links (issue 26)."""

import re
from html import unescape

import pytest

from catalogue.models import Work

pytestmark = pytest.mark.usefixtures("seed")


def page(client, url, language="en"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code in (200, 400), response.content[:300]
    return response.content.decode()


def links(html, css_class):
    """[(text, href)] of the links inside the first element of `css_class`."""
    start = html.index(f'class="{css_class}"')
    block = html[start : html.index("</section>", start)]
    return [
        (re.sub(r"<[^>]+>|\s+", " ", text).strip(), unescape(href))
        for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', block, re.S)
    ]


def heading(html):
    found = re.search(r'<h2 id="results-heading" class="count">(.*?)</h2>', html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip()


def test_the_search_box_comes_before_the_filters_and_the_results(client):
    html = page(client, "/works/")
    main = html[html.index("<main") :]
    assert main.index('type="search" name="q"') < main.index('<details class="filters"')
    assert main.index('<details class="filters"') < main.index('<ol class="works"')


@pytest.mark.parametrize(
    "query, language, expected",
    [
        ("Khalkhin", "en", "works for «Khalkhin»"),
        ("Politburo", "en", "work for «Politburo»"),
        ("Khalkhin", "ru", "по запросу «Khalkhin»"),
    ],
)
def test_a_search_says_how_many_works_it_found_and_for_what(client, query, language, expected):
    count = client.get("/works/", {"q": query, "format": "json"}).json()["count"]
    assert count > 0
    said = heading(page(client, f"/works/?q={query}", language))
    assert said.startswith(f"{count} ") and expected in said
    if language == "ru":  # Russian has three forms of "works" for whole numbers
        form = {1: "труд", 2: "труда", 3: "труда", 4: "труда"}.get(count % 10, "трудов")
        if 11 <= count % 100 <= 14:
            form = "трудов"
        assert said.startswith(f"{count} {form} по запросу «{query}»")


def test_without_a_search_the_heading_counts_the_list(client):
    assert heading(page(client, "/works/")).startswith("26 works")
    assert heading(page(client, "/works/", "ru")).startswith("26 трудов")


def test_a_facet_link_adds_its_value_and_the_same_link_then_removes_it(client):
    html = page(client, "/works/")
    archive = dict(links(html, "facet"))
    rgaspi = next(href for text, href in archive.items() if text.startswith("RGASPI"))
    assert rgaspi == "/works/?archive=rgaspi"
    narrowed = page(client, rgaspi)
    assert heading(narrowed).startswith("3 works")
    back = [href for text, href in links(narrowed, "facet") if text.startswith("✓ RGASPI")]
    assert back == ["/works/"]


def year_bars(html):
    """[(first, last, count, href)] of the histogram's bars."""
    start = html.index('class="histogram"')
    block = html[start : html.index("</section>", start)]
    bars = []
    for item in re.findall(r"<li[^>]*>(.*?)</li>", block, re.S):
        span = re.search(r'class="span">(\d+)(?:–(\d+))?<', item)
        count = int(re.search(r'class="count">(\d+)<', item).group(1))
        href = re.search(r'href="([^"]*)"', item)
        first = int(span.group(1))
        last = int(span.group(2) or first)
        bars.append((first, last, count, unescape(href.group(1)) if href else None))
    return bars


def test_the_year_histogram_counts_the_list_by_decade_and_each_bar_selects_its_years(client):
    bars = year_bars(page(client, "/works/"))
    years = [w.year for w in Work.objects.exclude(year=None)]
    assert bars[0][0] == min(years) // 10 * 10 and bars[-1][1] == max(years) // 10 * 10 + 9
    for first, last, count, href in bars:
        assert last - first == 9
        assert count == sum(first <= year <= last for year in years)
        if not count:
            assert href is None  # an empty decade is drawn, not offered
            continue
        assert href == f"/works/?year_min={first}&year_max={last}"
        assert heading(page(client, href)).startswith(f"{count} work")


def test_a_bar_within_a_range_narrows_it_and_keeps_the_other_filters(client):
    html = page(client, "/works/?language=ru&year_min=1996&year_max=2009&page=1")
    bars = year_bars(html)
    assert bars and all(1996 <= first <= last <= 2009 for first, last, _, _ in bars)
    hrefs = [href for *_, href in bars if href]
    assert all(href.startswith("/works/?language=ru&year_min=") for href in hrefs)
    assert not any("page=" in href for href in hrefs)
    total = client.get(
        "/works/", {"language": "ru", "year_min": 1996, "year_max": 2009, "format": "json"}
    ).json()["count"]
    assert sum(count for _, _, count, _ in bars) == total


@pytest.mark.parametrize(
    "params",
    [
        {"language": "ru"},  # PostgreSQL: summed over the facet cells
        {"q": "Mongolia", "language": "ru"},  # counted over the works' rows
        {"q": "Mongolia"},  # counted over the works listed on the page
        {},
    ],
)
def test_the_json_twin_gives_the_years_the_histogram_is_drawn_from(client, params):
    data = client.get("/works/", {**params, "format": "json"}).json()
    ids = [row["id"] for row in data["results"]]
    if data["next"]:  # the whole list, however it is paged
        ids += [row["id"] for row in client.get(data["next"]).json()["results"]]
    years = list(Work.objects.filter(pk__in=ids).exclude(year=None).values_list("year", flat=True))
    assert years
    assert [row["year"] for row in data["years"]] == sorted(set(years))
    assert [row["count"] for row in data["years"]] == [
        years.count(year) for year in sorted(set(years))
    ]


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "<li>Year from: enter a year as a whole number, such as 1939.</li>"),
        ("ru", "<li>Год с: введите год целым числом, например 1939.</li>"),
    ],
)
def test_a_bad_year_is_named_as_the_form_labels_it(client, language, expected):
    response = client.get("/works/?year_min=abc", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert expected in response.content.decode()


def test_a_search_with_no_result_names_it_and_links_removing_each_filter(client):
    html = page(client, "/works/?q=qwxyzzyq&archive=rgaspi&language=mn")
    empty = html[html.index('<div class="empty">') :]
    empty = empty[: empty.index("</div>")]
    assert "No work found for «qwxyzzyq» with these filters." in empty
    assert "Check the spelling, or remove a filter:" in empty
    found = dict(links(empty + "</section>", "remove-filters"))
    assert found["Remove “Archive: RGASPI”"] == "/works/?q=qwxyzzyq&language=mn"
    assert found["Remove “Language: Mongolian”"] == "/works/?q=qwxyzzyq&archive=rgaspi"
    assert found["Search every work for «qwxyzzyq»"] == "/works/?q=qwxyzzyq"


def test_a_search_with_no_result_and_no_filter_suggests_checking_the_spelling(client):
    html = page(client, "/works/?q=qwxyzzyq")
    assert heading(html).startswith("0 works for «qwxyzzyq»")
    assert "No work found for «qwxyzzyq»." in html
    assert "Check the spelling, or try other words." in html
    russian = page(client, "/works/?q=qwxyzzyq", "ru")
    assert "Ничего не найдено по запросу «qwxyzzyq»." in russian


def test_a_reversed_year_range_is_said_and_the_swapped_range_offered(client):
    html = page(client, "/works/?year_min=2020&year_max=1900&language=ru")
    assert "The years are reversed: from 2020 to 1900, so no work can match." in html
    swapped = re.search(r'<a href="([^"]*)">Show the works from 1900 to 2020</a>', html)
    url = unescape(swapped.group(1))
    assert url == "/works/?year_min=1900&year_max=2020&language=ru"
    assert not heading(page(client, url)).startswith("0 ")


def test_the_data_menu_links_this_pages_json_with_its_query(client):
    url = "/works/?archive=rgaspi&sort=-year"
    html = page(client, url)
    menu = html[html.index('<details class="data-menu">') :]
    menu = menu[: menu.index("</details>")]
    json_url = unescape(re.search(r'<a href="([^"]*)" type="application/json">', menu).group(1))
    assert json_url == "?archive=rgaspi&sort=-year&format=json"  # this page's address, its query
    data = client.get("/works/" + json_url).json()
    assert data["count"] == 3 and [w["title"] for w in data["results"]]
    assert 'href="?archive=rgaspi&amp;sort=-year&amp;format=bibtex" download' in menu
    # The links live in the menu only, not in the page's body or its footer.
    body = html[html.index("<main") :]
    assert ">JSON</a>" not in body and "format=json" not in body


def test_every_page_offers_its_json_in_the_data_menu(client):
    work = Work.objects.order_by("pk").first()
    for path in ("/", "/archives/rgaspi/", f"/works/{work.pk}/", "/people/"):
        html = page(client, path)
        assert 'href="?format=json" type="application/json">This page as JSON</a>' in html, path
        assert "format=json" not in html[html.index("<main") :], path
        assert client.get(path, {"format": "json"})["Content-Type"].startswith("application/json")
    russian = page(client, "/archives/", "ru")
    assert "<summary>Данные</summary>" in russian

"""/works/ filters, alone and combined, and the facet counts beside them (through the JSON twin)."""

import re

import pytest

pytestmark = pytest.mark.usefixtures("seed")


def titles(data):
    return [row["title"] for row in data["results"]]


def count(get_json, **params):
    return get_json("/works/", params)["count"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, 26),
        ({"archive": "rgaspi"}, 3),
        ({"archive": "rgva"}, 1),
        ({"archive": "avp-rf"}, 1),
        ({"archive": "rgani"}, 1),
        ({"archive": "garf"}, 0),
        ({"archive": ["rgaspi", "rgva"]}, 4),
        ({"archive": ["rgaspi", "rgva", "avp-rf", "rgani"]}, 6),
        ({"language": "ru"}, 23),
        ({"language": "mn"}, 2),
        ({"language": "en"}, 1),
        ({"language": ["mn", "en"]}, 3),
        ({"archive": "rgaspi", "language": "ru"}, 3),
        ({"archive": "rgaspi", "language": "mn"}, 0),
        ({"kind": "archival_document"}, 6),
        ({"kind": ["book", "memoir"]}, 5),
        (
            {"kind": "article", "language": "ru"},
            9,
        ),  # the seed article and Nos. 1-3, 5, 6, 14, 15, 22
        ({"year_min": "2010"}, 7),
        ({"year_max": "1960"}, 3),
        ({"year_min": "1990", "year_max": "1999"}, 3),
        ({"year_min": "1974", "year_max": "1974"}, 1),
        ({"author": "luzyanin-s-g"}, 2),
        ({"author": ["luzyanin-s-g", "zhukov-g-k"]}, 3),
        ({"author": "rybakov-r-b"}, 1),  # editors count as contributors
        ({"periodical": "problemy-dalnego-vostoka"}, 2),
        ({"periodical": "problemy-dalnego-vostoka", "year_min": "2000"}, 1),
    ],
)
def test_filter_counts(get_json, params, expected):
    assert count(get_json, **params) == expected


@pytest.mark.parametrize(
    "q, expected_title",
    [
        ("Memories", "Memories and Reflections"),
        ("memories reflections", "Memories and Reflections"),
        ("Жуков", "Memories and Reflections"),  # the person's name in Cyrillic
        ("zhukov", "Memories and Reflections"),
        ("Vostok", "Meetings of Stalin with the Mongol leaders in 1932-1937"),  # the journal
        ("Tashanta", None),  # a word of an archival document's title
        ("Quantum", None),  # only in the reference as printed
        ("RTsKhIDNI", None),  # RGASPI's former name
        ("РГАСПИ", None),
    ],
)
def test_free_text_finds_titles_people_journals_archives_and_printed_text(
    get_json, q, expected_title
):
    data = get_json("/works/", {"q": q})
    assert data["count"] >= 1
    if expected_title:
        assert expected_title in titles(data)


def test_free_text_by_archive_name_finds_its_documents(get_json):
    assert count(get_json, q="RTsKhIDNI") == 3
    assert count(get_json, q="РГАСПИ") == 3
    assert count(get_json, q="TsKhSD") == 1


def test_free_text_is_not_fooled_by_a_cyrillic_letter_in_a_latin_word(get_json):
    # The seed prints "Belov Е." with a Cyrillic Е; either spelling finds it.
    assert count(get_json, q="Belov E.") == 1
    assert count(get_json, q="Belov \u0415.") == 1
    # "Мoscow" with a Cyrillic М is found by the plain word.
    assert "Memories and Reflections" in titles(get_json("/works/", {"q": "moscow"}))


def test_free_text_words_must_all_match(get_json):
    assert count(get_json, q="Zhukov Memories") == 1
    assert count(get_json, q="Zhukov Vostok") == 0


def test_sorting_by_year_puts_undated_documents_last_and_keeps_filters(get_json):
    rows = get_json("/works/", {"sort": "year", "language": "ru"})["results"]
    years = [row["year"] for row in rows if row["year"] is not None]
    assert years == sorted(years) and years[0] == 1946
    assert rows[-1]["year"] is None  # archival documents without a year come last
    newest = get_json("/works/", {"sort": "-year"})["results"]
    assert newest[0]["year"] == 2019
    assert newest[-1]["year"] is None


def test_default_order_is_by_title_ignoring_quotes_and_case(get_json):
    data = get_json("/works/", {"kind": "article"})
    keys = [t.lower() for t in titles(data)]
    assert keys == sorted(keys)


def test_facets_count_within_the_other_filters(get_json):
    data = get_json("/works/", {"language": "ru"})
    archives = {row["slug"]: row["count"] for row in data["facets"]["archive"]}
    assert archives == {"rgaspi": 3, "rgva": 1, "avp-rf": 1, "rgani": 1}
    languages = {row["slug"]: row["count"] for row in data["facets"]["language"]}
    # The language facet ignores the language filter itself, so other languages stay offered.
    assert languages == {"ru": 23, "mn": 2, "en": 1}
    assert [row["selected"] for row in data["facets"]["language"] if row["slug"] == "ru"] == [True]

    data = get_json("/works/", {"archive": "rgaspi"})
    assert {row["slug"]: row["count"] for row in data["facets"]["language"]} == {"ru": 3}
    assert {row["slug"]: row["count"] for row in data["facets"]["kind"]} == {"archival_document": 3}


def test_a_facet_link_toggles_its_value(client):
    html = client.get("/works/", {"archive": "rgaspi"}).content.decode()
    # The selected archive links to the list without it; another archive adds itself.
    assert '<a href="/works/" aria-current="true"' in html
    assert 'href="/works/?archive=rgaspi&amp;archive=rgva"' in html


def test_a_facet_link_keeps_the_other_filters_in_their_place(client):
    """A reader's URL changes only by the value toggled: the other parameters stay in the
    order the reader gave them (a bookmark, a citation of the list), the page goes."""
    query = "q=%D0%A1%D1%82%D0%B0%D0%BB%D0%B8%D0%BD"  # Сталин, as a browser sends it
    html = client.get(
        f"/works/?{query}&archive=rgaspi&kind=archival_document&page=1"
    ).content.decode()
    toggles = re.findall(r'<a href="([^"]*)" (?:aria-current|title)', html)
    # The selected archive: the list without it, the search and the kind where they were.
    assert f"/works/?{query}&amp;kind=archival_document" in toggles
    # The selected kind likewise; a language, not yet in the URL, goes at its end.
    assert f"/works/?{query}&amp;archive=rgaspi" in toggles
    assert f"/works/?{query}&amp;archive=rgaspi&amp;kind=archival_document&amp;language=ru" in (
        toggles
    )
    assert not [url for url in toggles if "page=" in url]


def test_filters_and_pages_are_bookmarkable(get_json, settings):
    settings.OPIS_PAGE_SIZE = 10
    first = get_json("/works/", {"language": "ru"})
    assert first["count"] == 23 and len(first["results"]) == 10
    assert "language=ru" in first["next"] and "format=json" in first["next"]
    assert "page=2" in first["next"]


@pytest.mark.django_db
def test_a_searchs_facets_count_the_works_it_finds(seed, client, settings):
    """With a search alone, each facet counts the works the search finds, by archive,
    language and kind; the list is longer than its page, so the facets cannot have been
    counted over the works shown."""
    from catalogue.models import Work

    settings.OPIS_PAGE_SIZE = 2
    page = client.get("/works/?q=mongolia&format=json").json()
    found = Work.objects.search("mongolia")
    assert page["count"] == found.count() > 2
    for name in ("archive", "language", "kind"):
        shown = {row["slug"]: row["count"] for row in page["facets"][name]}
        counted = {row["slug"]: row["count"] for row in getattr(found, f"{name}_facet")()}
        assert shown == counted, name
    assert page["facets"]["archive"] and page["facets"]["language"]  # something was counted


def test_chosen_archives_and_languages_are_checked_without_a_query_until_the_catalogue_changes(
    client, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import Archive

    settings.OPIS_PAGE_CACHE_SECONDS = 0  # every page built anew: only the choices are kept

    def row_reads(params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/works/", {**params, "format": "json"})
        reads = [
            q["sql"]
            for q in captured
            if q["sql"].startswith(
                ('SELECT "catalogue_archive"."id"', 'SELECT "catalogue_language"."id"')
            )
        ]
        return len(reads), response

    reads, response = row_reads({"archive": ["rgva", "rgaspi"], "language": "ru"})
    assert reads == 2 and response.json()["count"] == 4  # read once, for every page after
    reads, response = row_reads({"archive": "rgaspi", "language": ["mn", "ru"]})
    assert reads == 0 and response.json()["count"] == 3
    reads, response = row_reads({"archive": "cgamo"})
    assert reads == 0 and response.status_code == 400
    assert "cgamo is not one of the available choices" in response.json()["errors"]["archive"][0]
    Archive.objects.create(slug="cgamo", abbreviation="CGAMO", name_en="Central Archive")
    reads, response = row_reads({"archive": "cgamo"})
    assert reads == 1 and response.status_code == 200 and response.json()["count"] == 0


def test_the_filter_form_is_declared_once_and_each_request_gets_its_own_fields(client):
    from catalogue.filters import WorkFilter

    first, second = WorkFilter({"q": "a"}).form, WorkFilter({"q": "b"}).form
    assert type(first) is type(second)
    assert first.fields["language"] is not second.fields["language"]
    # A Russian page's language names do not stay in the form for the next reader.
    russian = client.get("/works/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    english = client.get("/works/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'title="Add this filter">Russian</a>' in english
    assert 'title="Добавить этот фильтр">русский</a>' in russian
    assert 'title="Add this filter">Russian</a>' not in russian


def test_two_lists_filtered_at_once_each_find_their_own_works():
    """Two FilterSets alive at once (two requests of one worker) each search with their own
    words and filters, and a third made after them is not changed by either: no filter,
    or its method, is shared between them."""
    from django.http import QueryDict

    from catalogue.filters import WorkFilter
    from catalogue.models import Work

    zhukov = WorkFilter(QueryDict("q=Zhukov&archive=rgaspi"), queryset=Work.objects.all())
    mongol = WorkFilter(QueryDict("q=Mongol"), queryset=Work.objects.all())
    # Evaluated only once both exist: a shared filter would answer with the other's words.
    assert set(zhukov.qs) == set(Work.objects.search("Zhukov").in_archives(["rgaspi"]))
    assert set(mongol.qs) == set(Work.objects.search("Mongol")) != set(zhukov.qs)
    unfiltered = WorkFilter(QueryDict(""), queryset=Work.objects.all())
    assert unfiltered.qs.count() == Work.objects.count() > mongol.qs.count() > 0

"""Bad input gets a clear message about the parameter, or a 400/404; never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("seed")


@pytest.mark.parametrize(
    "params, parameter, label, words",
    [
        ({"archive": "no-such-archive"}, "archive", "Archive", "no-such-archive"),
        ({"language": "xx"}, "language", "Language", "xx"),
        ({"kind": "pamphlet"}, "kind", "Kind", "pamphlet"),
        ({"year_min": "abc"}, "year_min", "Year from", "enter a year as a whole number"),
        ({"year_max": "99999999999999999999999"}, "year_max", "Year to", "a year up to 2100"),
        (
            {"author": "nobody-at-all"},
            "author",
            "Author or editor",
            "No person with the key nobody-at-all",
        ),
        ({"author": "<script>"}, "author", "Author or editor", "slug"),
        ({"periodical": "no-journal"}, "periodical", "Journal", "No journal"),
        ({"sort": "password"}, "sort", "Sort by", "password"),
        ({"q": "x" * 5000}, "q", "Search", "at most 200 characters"),
        ({"q": "\x00"}, "q", "Search", "Null characters"),
        ({"q": ["a", "b"]}, "q", "Search", "once"),
        ({"year_min": ["1990", "2000"]}, "year_min", "Year from", "once"),
    ],
)
def test_a_bad_filter_is_answered_with_a_message_about_that_parameter(
    client, params, parameter, label, words
):
    response = client.get("/works/", params)
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('<div class="errors"') :]
    errors = errors[: errors.index("</div>")]
    # The field as the page labels it ("Year from"), not the URL's parameter (year_min).
    assert f"<li>{label}: " in errors and words in errors
    assert f"{parameter}:" not in errors and "<code>" not in errors
    assert 'role="search"' in html  # the page, with its forms, so the reader can fix it

    data = client.get("/works/", {**params, "format": "json"}).json()
    assert parameter in data["errors"] and data["results"] == []


def test_of_several_keys_the_missing_ones_are_named(client):
    """The keys are checked against the table: those found pass, the others are named,
    in order."""
    from catalogue.models import Periodical, Person

    person = Person.objects.order_by("pk").first()
    response = client.get("/works/", {"author": ["ghost-b", person.slug, "ghost-a"]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "No person with the key ghost-a, ghost-b." in html  # the person was found
    journal = Periodical.objects.order_by("pk").first()
    for slugs in ([person.slug], [person.slug, person.slug]):
        assert client.get("/works/", {"author": slugs}).status_code == 200
    assert client.get("/works/", {"periodical": journal.slug}).status_code == 200
    response = client.get("/works/", {"periodical": [journal.slug, person.slug]})
    assert response.status_code == 400  # a person's key is no journal's
    assert f"No journal with the key {person.slug}." in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "9" * 30, "²", "١٢"])
def test_a_malformed_page_number_is_a_400_that_says_so(client, page):
    response = client.get("/works/", {"page": page})
    assert response.status_code == 400
    assert "page" in response.content.decode() and "whole number" in response.content.decode()


def test_a_page_past_the_end_is_a_404_that_says_how_many_there_are(client, get_json):
    response = client.get("/works/", {"page": "99999"})
    assert response.status_code == 404
    assert "this list has 2 pages" in response.content.decode()
    data = get_json("/works/", {"page": "99999"}, status=404)
    assert "2 pages" in data["error"]


def test_an_unknown_format_names_the_ones_there_are(client):
    response = client.get("/works/", {"format": "nonsense"})
    assert response.status_code == 400
    assert "Unknown format" in response.content.decode() and "json" in response.content.decode()


def test_a_huge_id_is_a_404_not_an_overflow(client):
    assert client.get("/works/" + "9" * 30 + "/").status_code == 404
    assert client.get("/works/9223372036854775807/").status_code == 404


def test_unknown_parameters_lead_to_the_page_without_them(client):
    """A link shared with ?utm_source=... still opens the page (page_cache.cached)."""
    response = client.get("/works/", {"utm_source": "mail"}, follow=True)
    assert response.status_code == 200 and response.redirect_chain == [("/works/", 302)]


PUBLIC_PATHS = [
    "/",
    "/works/",
    "/archives/",
    "/archives/rgaspi/",
    "/archives/rgaspi/fonds/17/",
    "/people/",
    "/people/zhukov-g-k/",
]
PARAMETERS = [
    "q",
    "archive",
    "language",
    "kind",
    "year_min",
    "year_max",
    "author",
    "periodical",
    "sort",
    "page",
    "format",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(PUBLIC_PATHS),
    params=st.lists(st.tuples(st.sampled_from(PARAMETERS), st.text(max_size=60)), max_size=4),
)
def test_no_query_string_makes_a_500(client, path, params):
    query = {}
    for key, value in params:
        query.setdefault(key, []).append(value)
    # A parameter the page does not read is a redirect to the URL without it: one step.
    response = client.get(path, query, follow=True)
    assert len(response.redirect_chain) <= 1, response.redirect_chain
    assert response.status_code in {200, 400, 404}, (path, query, response.status_code)

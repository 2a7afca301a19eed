"""Hostile input: random and malicious query strings never make a 500, and hostile records
render escaped and intact, in HTML and in JSON.

The property test runs OPIS_HOSTILE_EXAMPLES examples for each of 16 targets (8 public
URLs, HTML and JSON): 30 by default, 480 requests, a few seconds of `make test`; CI
(.ci/run) runs 130, 2,080 requests, which is where a rare query string gets found.
"""

import os
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.models import Archive, Fond, Language, Person, Work
from tests.test_bad_input import PARAMETERS as FILTER_PARAMETERS

pytestmark = pytest.mark.usefixtures("seed")

EXAMPLES = int(os.environ.get("OPIS_HOSTILE_EXAMPLES", "30"))

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "1; DROP TABLE catalogue_work; --",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "\u202e\u200fevil\u200e",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${jndi:ldap://127.0.0.1/a}",
    "9" * 400,
    "-9223372036854775809",
    "1e309",
    "NaN",
    "Infinity",
    "0x7fffffff",
    "рга\u0301спи",
    "Мoscow",
    "\ufeff",
    "\r\nSet-Cookie: x=1",
    "a" * 5000,
    "",
    " ",
    "null",
    "[]",
    "{}",
    "true",
]
PARAMETERS = [
    *FILTER_PARAMETERS,  # every parameter the pages read, and some they do not
    "id",
    "next",
    "__proto__",
]

values = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=80))
names = st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=12))
# A query string as a client might send it, percent-escapes and all, broken ones included.
raw_queries = st.lists(
    st.sampled_from([*list("%&=;+?#[]abcXYZ019-_.~ "), "%ff", "%00", "%e2%80%ae", "%"]),
    max_size=40,
).map("".join)


def targets():
    """The public URLs, with records that exist, and one of each that does not."""
    work = Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).order_by("pk").first()
    return {
        "home": "/",
        "works": "/works/",
        "work": work.get_absolute_url(),
        "archives": "/archives/",
        "archive": "/archives/rgaspi/",
        "fond": "/archives/rgaspi/fonds/17/",
        "people": "/people/",
        "person": "/people/zhukov-g-k/",
    }


@pytest.mark.parametrize("fmt", ["html", "json"])
@pytest.mark.parametrize(
    "target", ["home", "works", "work", "archives", "archive", "fond", "people", "person"]
)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(
    params=st.lists(st.tuples(names, values), max_size=5),
    raw=st.one_of(st.none(), raw_queries),
)
def test_no_query_string_makes_a_500(client, target, fmt, params, raw):
    path = targets()[target]
    pairs = [*params, ("format", "json")] if fmt == "json" else params
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    if raw is not None:
        query = f"{query}&{raw}" if query else raw
    # A parameter the page does not read is a redirect to the URL without it: one step.
    response = client.get(f"{path}?{query}" if query else path, follow=True)
    assert len(response.redirect_chain) <= 1, (path, query, response.redirect_chain)
    assert response.status_code in {200, 400, 404}, (path, query, response.status_code)
    if response.status_code != 200:
        # An answer a reader can act on, never a traceback.
        body = response.content.decode()
        assert "Traceback (most recent call last)" not in body
        assert django_settings.SECRET_KEY not in body


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(
    archive=st.text(min_size=1, max_size=60),
    fond=st.text(min_size=1, max_size=40),
    work_id=st.integers(min_value=-(10**20), max_value=10**20),
)
def test_no_made_up_address_makes_a_500(client, archive, fond, work_id):
    for path in (
        f"/archives/{quote(archive, safe='')}/",
        f"/archives/rgaspi/fonds/{quote(fond, safe='')}/",
        f"/archives/{quote(archive, safe='')}/fonds/{quote(fond, safe='')}/?format=json",
        f"/works/{work_id}/",
        f"/people/{quote(archive, safe='')}/?format=json",
    ):
        assert client.get(path).status_code in {200, 400, 404}, path


@pytest.mark.parametrize("number", ["%00", "17%00", "%1f", "%7f"])
def test_a_control_character_in_a_fond_number_is_a_404(client, number):
    # Found by the property test above: a NUL reached PostgreSQL, which refused it (a 500).
    response = client.get(f"/archives/rgaspi/fonds/{number}/")
    assert response.status_code == 404
    assert "There is nothing at this address" in response.content.decode()


HOSTILE_TITLE = (
    '<script>alert("title")</script> & <b>bold</b> \u200fمرحبا\u200f \u202eevil\u202c '
    + "Долгое название " * 50
)
HOSTILE_NAME = "<img src=x onerror=alert(1)>O'Brien"


@pytest.fixture
def hostile_records():
    archive = Archive.objects.create(
        slug="hostile", abbreviation="<i>HA</i>", name_en="</title><script>x()</script>"
    )
    fond = Fond.objects.create(archive=archive, number="<1>", title="<script>fond()</script>")
    person = Person.objects.create(slug="hostile-person", name=HOSTILE_NAME)
    work = Work.objects.create(
        key="hostile", kind=Work.Kind.BOOK, title=HOSTILE_TITLE, note="</script><!-- -->"
    )
    work.languages.add(Language.objects.get(code="en"))
    work.contributions.create(person=person)
    return archive, fond, person, work


def test_hostile_records_render_escaped_and_intact(client, hostile_records):
    archive, fond, person, work = hostile_records
    pages = {
        work.get_absolute_url(): ["&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;"],
        "/works/?q=Долгое": ["&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;"],
        person.get_absolute_url(): ["&lt;img src=x onerror=alert(1)&gt;O&#x27;Brien"],
        archive.get_absolute_url(): ["&lt;i&gt;HA&lt;/i&gt;"],
        "/archives/": ["&lt;i&gt;HA&lt;/i&gt;"],
        fond.get_absolute_url(): ["&lt;script&gt;fond()&lt;/script&gt;"],
    }
    for path, escaped in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        for text in escaped:
            assert text in html, (path, text)
        assert "<script>" not in html and "onerror=alert" not in html.replace(
            "&lt;img src=x onerror=alert(1)&gt;", ""
        ), path
    detail = client.get(work.get_absolute_url()).content.decode()
    # Right-to-left marks and the long title arrive as they were written.
    assert "\u200fمرحبا\u200f \u202eevil\u202c" in detail
    assert ("Долгое название " * 50).strip() in detail


def test_hostile_records_round_trip_through_json(client, hostile_records):
    archive, _fond, person, work = hostile_records
    data = client.get(work.get_absolute_url(), {"format": "json"}).json()
    assert data["title"] == HOSTILE_TITLE
    found = client.get("/works/", {"q": "Долгое", "format": "json"}).json()["results"]
    assert [r["title"] for r in found] == [HOSTILE_TITLE]
    assert (
        client.get(person.get_absolute_url(), {"format": "json"})
        .json()["name"]
        .startswith(HOSTILE_NAME)
    )
    response = client.get(archive.get_absolute_url(), {"format": "json"})
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["abbreviation"] == "<i>HA</i>"

"""Public pages are cached whole, and never shown after the catalogue changes
(catalogue/page_cache.py, migration 0007)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalogue.models import Language, Work

pytestmark = pytest.mark.usefixtures("seed")


@pytest.fixture(autouse=True)
def cache_header(settings):
    """X-Opis-Cache is off by default (it tells anyone what others asked for); these tests
    read it, as an operator would."""
    settings.OPIS_PAGE_CACHE_HEADER = True


ZHUKOV = "zhukov1974"  # the key of the Zhukov memoir


def get(client, path, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    return response, len(captured)


def test_a_page_seen_twice_costs_one_query_the_second_time(client):
    first, cold = get(client, "/works/")
    second, warm = get(client, "/works/")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert cold > 5 and warm == 1  # the catalogue's version, nothing else
    assert first["X-Opis-Cache"] == "miss" and second["X-Opis-Cache"] == "hit"


@pytest.mark.parametrize(
    "edit",
    [
        "save",
        "update",
        "raw_sql",
        "language_added",
        "delete",
    ],
)
def test_any_change_to_the_catalogue_is_seen_at_once(client, edit):
    work = Work.objects.get(key=ZHUKOV)
    path = "/works/?q=Zhukov&format=json"
    before = client.get(path).json()
    assert [w["id"] for w in before["results"]] == [work.pk]
    if edit == "save":
        work.title = "Vospominaniya (a new edition)"
        work.save()
        expected = "Vospominaniya (a new edition)"
    elif edit == "update":  # no save(), no signal
        Work.objects.filter(pk=work.pk).update(title="Memoirs")
        expected = "Memoirs"
    elif edit == "raw_sql":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE catalogue_work SET title = %s WHERE id = %s", ["Raw", work.pk])
        expected = "Raw"
    elif edit == "language_added":
        work.languages.add(Language.objects.get(code="mn"))
        after = client.get(path).json()
        assert "mn" in {row["slug"] for row in after["facets"]["language"]}
        return
    else:
        work.contributions.all().delete()
        work.citations.all().delete()
        work.delete()
        assert client.get(path).json()["count"] == 0
        return
    assert client.get(path).json()["results"][0]["title"] == expected


def test_each_language_and_each_format_is_its_own_page(client):
    english = client.get("/works/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    russian = client.get("/works/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Works" in english and "Труды" in russian and "Труды" not in english
    assert client.get("/works/", HTTP_ACCEPT_LANGUAGE="en").content.decode() == english
    json_page = client.get("/works/", {"format": "json"})
    assert json_page["Content-Type"].startswith("application/json")


def test_a_stored_export_keeps_its_type_and_file_name(client):
    work = Work.objects.get(key=ZHUKOV)
    path = f"/works/{work.pk}/?format=ris"
    first = client.get(path)
    second, queries = get(client, path)
    assert queries == 1
    for header in ("Content-Type", "Content-Disposition"):
        assert second[header] == first[header]
    assert second.content == first.content


def test_errors_are_not_stored(client):
    assert client.get("/works/987654/").status_code == 404
    Work.objects.create(pk=987654, key="late", kind="book", title="Catalogued late")
    assert client.get("/works/987654/").status_code == 200
    assert client.get("/works/", {"page": "x"}).status_code == 400


def test_the_cache_can_be_turned_off(client, settings):
    settings.OPIS_PAGE_CACHE_SECONDS = 0
    get(client, "/works/")
    _, queries = get(client, "/works/")
    assert queries > 1


def test_the_language_switch_needs_no_token_so_pages_carry_none():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/works/").content.decode()
    assert "csrfmiddlewaretoken" not in page
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/works/"})
    assert response.status_code == 302 and response["Location"] == "/works/"
    assert "Труды" in client.get("/works/").content.decode()


def redis_or_skip():
    """The local Redis (.ci/run starts it), or a skip where it is down."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


REDIS_URL = "redis://127.0.0.1:6379/0"


def test_with_redis_the_workers_share_pages_and_still_never_see_a_stale_one(client, settings):
    """OPIS_PAGE_CACHE_URL: Django's RedisCache, one store for all of a server's workers."""
    import uuid

    from django.core.cache import caches

    redis = redis_or_skip()
    prefix = f"opis-test-{uuid.uuid4().hex}"  # never FLUSHDB: the Redis may serve others
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    try:
        first, _ = get(client, "/works/?format=json")
        assert redis.keys(f"{prefix}:*")  # stored in Redis
        caches["pages"].close()  # another worker: its own connection, the same store
        again, queries = get(client, "/works/?format=json")
        assert queries == 1 and again.content == first.content
        Work.objects.filter(key=ZHUKOV).update(title="Memoirs")
        titles = [w["title"] for w in client.get("/works/?format=json").json()["results"]]
        assert "Memoirs" in titles
    finally:
        for name in redis.scan_iter(f"{prefix}:*"):
            redis.delete(name)


def test_without_the_page_cache_a_page_reads_the_version_once_and_sees_changes(client, settings):
    settings.OPIS_PAGE_CACHE_SECONDS = 0
    client.get("/works/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/works/")
    # The filter form's choices (and on PostgreSQL the facets) are kept under it.
    assert sum("catalogue_version" in q["sql"] for q in captured) == 1
    Work.objects.filter(key=ZHUKOV).update(title="Memoirs")
    titles = [w["title"] for w in client.get("/works/?format=json").json()["results"]]
    assert "Memoirs" in titles


def test_a_remembered_value_is_computed_once_a_version():
    """What `remembered` keeps under a version is the same until the version moves: computed
    once, then read from the store (which Redis shares between workers); a change to the
    catalogue computes it again, so no value is older than the data it comes from."""
    from catalogue import page_cache

    computed = []

    def compute(items):
        computed.append(items)
        return {item: Work.objects.count() for item in items}

    assert page_cache.remembered("test", ["works"], compute) == {"works": 26}
    assert page_cache.remembered("test", ["works"], compute) == {"works": 26}
    assert computed == [["works"]]

    Work.objects.create(key="new", kind="book", title="A new book")
    assert page_cache.remembered("test", ["works"], compute) == {"works": 27}
    assert len(computed) == 2
    # Only what is not kept is computed: of two items, the new one.
    assert page_cache.remembered("test", ["works", "again"], compute) == {
        "works": 27,
        "again": 27,
    }
    assert computed[-1] == ["again"]


def test_a_page_built_for_an_editor_shows_anonymous_readers_nothing_of_the_editor(
    client, django_user_model
):
    """A cached page is served to everyone: what a staff user's request built must be what
    an anonymous reader's would, with no link to the record's change form."""
    work = Work.objects.get(key=ZHUKOV)
    change = f"/admin/catalogue/work/{work.pk}/change/"
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    staff = Client()
    staff.force_login(editor)
    built_for_staff = staff.get(work.get_absolute_url()).content.decode()
    served_to_anonymous = client.get(work.get_absolute_url()).content.decode()
    assert change not in served_to_anonymous
    caches_clear()
    built_for_anonymous = client.get(work.get_absolute_url()).content.decode()
    assert built_for_staff == served_to_anonymous == built_for_anonymous
    assert change not in staff.get(work.get_absolute_url()).content.decode()


def caches_clear():
    from django.core.cache import caches

    caches["pages"].clear()


def test_the_cache_header_is_off_unless_an_operator_turns_it_on(client, settings):
    """X-Opis-Cache would tell anyone whether someone else searched a phrase since the
    catalogue last changed."""
    settings.OPIS_PAGE_CACHE_HEADER = False
    client.get("/works/?q=Zhukov")
    assert "X-Opis-Cache" not in client.get("/works/?q=Zhukov")


def test_made_up_parameters_lead_to_the_page_and_store_it_once(client):
    """Forty URLs with a made-up parameter (a 3.5 MB export each took a worker from 124 to
    469 MB): each leads to the one URL the page knows, which is built and stored once."""
    path = "/works/?kind=archival_document&format=bibtex"
    answers = []
    for n in range(40):
        response = client.get(f"{path}&x={n}")
        assert response.status_code == 302 and response["Location"] == path
        answers.append(client.get(response["Location"])["X-Opis-Cache"])
    assert answers == ["miss"] + ["hit"] * 39


def test_a_link_shared_with_tracking_parameters_still_opens_the_page(client):
    response = client.get(
        "/works/",
        {"archive": "rgaspi", "utm_source": "mail", "fbclid": "IwAR0x", "language": "ru"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain == [("/works/?archive=rgaspi&language=ru", 302)]
    assert "РГАСПИ" in response.content.decode() or "RGASPI" in response.content.decode()
    json_page = client.get("/works/?format=json&ref=newsletter", follow=True)
    assert json_page.status_code == 200 and json_page.json()["count"] == 26


def test_a_page_over_the_size_limit_is_served_but_never_stored(client, settings):
    """The store holds at most entries x OPIS_PAGE_CACHE_MAX_BYTES: a long export is
    built for each request, a short page still stored."""
    settings.OPIS_PAGE_CACHE_MAX_BYTES = 4000
    export = "/works/?format=bibtex"
    first, _ = get(client, export)
    second, queries = get(client, export)
    assert first.status_code == second.status_code == 200
    assert len(second.content) > 4000 and second.content == first.content
    assert queries > 1 and second["X-Opis-Cache"] == "too large to store"
    small = Work.objects.get(key=ZHUKOV).get_absolute_url() + "?format=ris"
    client.get(small)
    assert client.get(small)["X-Opis-Cache"] == "hit"


@pytest.mark.parametrize(
    "path", ["/", "/works/", "/works/?format=json", "/archives/", "/people/", "work", "export"]
)
def test_vary_is_the_same_on_a_hit_and_a_miss(client, path):
    """The page depends on the interface language, from Accept-Language or the switch's
    cookie: any cache between Opis and the reader must be told so, hit or miss."""
    work = Work.objects.get(key=ZHUKOV)
    path = {"work": work.get_absolute_url(), "export": f"{work.get_absolute_url()}?format=ris"}.get(
        path, path
    )
    miss = client.get(path)
    hit = client.get(path)
    assert (miss["X-Opis-Cache"], hit["X-Opis-Cache"]) == ("miss", "hit")
    assert miss["Vary"] == hit["Vary"]
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in hit["Vary"].split(",")}


def test_a_shared_store_that_is_down_costs_speed_not_pages(client, settings):
    """Redis stopped (nothing listens at its address): every page is still built."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    for path in ("/works/", "/works/?q=Zhukov&format=json", "/archives/rgaspi/"):
        assert client.get(path).status_code == 200, path


JSON_ACCEPT = {"HTTP_ACCEPT": "application/json"}
BROWSER_ACCEPT = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize(
    "path", ["/works/", "/works/?q=Zhukov", "/archives/", "/archives/rgaspi/", "/people/"]
)
def test_a_script_that_accepts_json_gets_json_and_a_browser_html_from_one_cached_url(client, path):
    """`Accept: application/json` answers as ?format=json does, at the same URL; the page
    cache keeps the two answers apart, whichever comes first, and says it varies by Accept."""
    as_json = client.get(path, **JSON_ACCEPT)
    as_html = client.get(path, **BROWSER_ACCEPT)
    again = client.get(path, **JSON_ACCEPT)
    assert as_json["Content-Type"] == again["Content-Type"] == "application/json"
    assert as_json.json() == again.json()
    by_parameter = client.get(path + ("&" if "?" in path else "?") + "format=json").json()
    # The same answer; its links to other pages carry no ?format=, as the script asks by header.
    assert {k: v for k, v in as_json.json().items() if k not in ("next", "previous")} == {
        k: v for k, v in by_parameter.items() if k not in ("next", "previous")
    }
    assert as_html["Content-Type"].startswith("text/html") and b"<html" in as_html.content
    assert "Accept" in as_html["Vary"] and "Accept" in as_json["Vary"]
    assert again["X-Opis-Cache"] == "hit"


def test_a_work_and_a_missing_page_answer_json_to_a_script(client):
    work = Work.objects.get(key=ZHUKOV)
    record = client.get(work.get_absolute_url(), **JSON_ACCEPT)
    assert record.json()["title"] == work.title
    missing = client.get("/works/99999999/", **JSON_ACCEPT)
    assert missing.status_code == 404 and missing.json()["status"] == 404
    # ?format= names the answer whatever the Accept header says.
    page = client.get(work.get_absolute_url(), {"format": "html"}, **JSON_ACCEPT)
    assert page["Content-Type"].startswith("text/html")

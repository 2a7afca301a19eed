"""What Zotero itself makes of Opis: its own translation-server (../shared/zotero), asked as
the browser connector asks when a reader clicks "Save to Zotero" (`/web`) and as Zotero's
file import reads an export (`/import`).

Started once a session (about a minute the first time: `npm ci`); skipped, with the reason,
where ../shared/zotero or node is missing. In CI it runs (.ci/run installs node and npm).
Select these tests alone with `-m zotero`.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from catalogue.citing import exports
from catalogue.models import Contribution, Person, Work

SERVE = Path(__file__).resolve().parents[2] / "shared" / "zotero" / "serve"

pytestmark = [pytest.mark.zotero, pytest.mark.django_db(transaction=True)]

DOCUMENTS = {
    # key: (archive, archive location) as Zotero must keep them
    "avp-rf-9-25-100-38": (
        "Foreign Policy Archive of the Russian Federation",
        "f. 9, op. 25, p. 100, d. 38, ll. 73–74",
    ),
    "rgaspi-17-162-18": (
        "Russian State Archive of Socio-Political History",
        "f. 17, op. 162, d. 18, ll. 18–19",
    ),
    "rgaspi-17-162-20": (
        "Russian State Archive of Socio-Political History",
        "f. 17, op. 162, d. 20, l. 162",
    ),
    "rgaspi-558-11-352": (
        "Russian State Archive of Socio-Political History",
        "f. 558, op. 11, d. 352, ll. 1–9",
    ),
    "rgani-89-63-20": (
        "Russian State Archive of Contemporary History",
        "f. 89, op. 63, d. 20, ll. 1–5",
    ),
    "rgva-32113-1-4": ("Russian State Military Archive", "f. 32113, op. 1, d. 4, ll. 5–7"),
}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def zotero():
    """The base URL of a translation-server of this session's own."""
    if not SERVE.exists():
        pytest.skip(f"{SERVE} is missing: Zotero's translation-server is not on this machine")
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are not installed: Zotero's translation-server needs them")
    port = _free_port()
    # A copy of its own: the default one in /tmp is shared by whoever else runs it.
    home = f"/tmp/opis-zotero-{os.getuid()}-{Path(__file__).resolve().parents[1].name}"
    started = subprocess.run(
        [str(SERVE), str(port)],
        env={**os.environ, "ZOTERO_HOME": home},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    pid = int(started.stdout.split()[-1])
    yield f"http://127.0.0.1:{port}"
    os.kill(pid, signal.SIGTERM)


def _post(url, body, content_type="text/plain"):
    request = urllib.request.Request(
        url, data=body.encode("utf-8"), headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def save_page(zotero, url):
    """The items Zotero's connector saves from the page at `url`; on a list, every item."""
    status, answer = _post(f"{zotero}/web", url)
    if status == 300:  # a list: Zotero offers its works, and the reader picks all of them
        status, answer = _post(f"{zotero}/web", json.dumps(answer), "application/json")
    assert status == 200, answer
    return answer


def import_file(zotero, text):
    status, answer = _post(f"{zotero}/import", text)
    assert status == 200, answer
    # Child notes come as items of their own, after their parent.
    return [item for item in answer if item["itemType"] != "note"], answer


@pytest.fixture
def catalogue():
    """The seed, and a chapter of a catalogued book (the seed's one chapter has no book)."""
    call_command("loaddata", "archives", "languages", "seed", verbosity=0)
    book = Work.objects.create(
        key="zotero-test-book", kind="book", title="A Test Book", year=2001, place="Moscow"
    )
    chapter = Work.objects.create(
        key="zotero-test-chapter",
        kind="chapter",
        title="A Test Chapter",
        part_of=book,
        year=2001,
        pages="45-67",
    )
    Contribution.objects.create(work=chapter, person=Person.objects.get(slug="belov-e-a"))
    return {w.key: w for w in Work.objects.all()}


def _by_title(items):
    return {item["title"]: item for item in items}


def _creators(item):
    return [(c["lastName"], c["firstName"], c["creatorType"]) for c in item["creators"]]


def test_each_page_saves_into_zotero_as_the_right_item(zotero, live_server, catalogue, settings):
    # The translation-server takes only URLs with a dot in their host: not `localhost`.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    site = live_server.url.replace("localhost", "127.0.0.1")
    page = lambda key: site + catalogue[key].get_absolute_url()  # noqa: E731
    notes = {}

    [document] = save_page(zotero, page("rgaspi-17-162-20"))
    assert document["itemType"] == "manuscript"
    assert document["title"] == catalogue["rgaspi-17-162-20"].title
    assert (document["archive"], document["archiveLocation"]) == DOCUMENTS["rgaspi-17-162-20"]
    assert document["language"] == "ru"
    assert document["extra"] == "archive-place: Moscow"
    assert "place" not in document  # the archive's city is not where it was written
    notes["archival document"] = document

    [article] = save_page(zotero, page("batunaev2019"))
    assert article["itemType"] == "journalArticle"
    assert article["publicationTitle"] == (
        "Tyumen State University Herald. Humanities Research. Humanitates"
    )
    assert (article["volume"], article["issue"], article["pages"]) == ("5", "3 (19)", "173-184")
    assert article["DOI"] == "10.21684/2411-197X-2019-5-3-173-184"
    assert _creators(article) == [("Батунаев", "Э. В.", "author")]
    assert "journalAbbreviation" not in article
    notes["article"] = article

    [book] = save_page(zotero, page("zhukov1974"))
    assert book["itemType"] == "book"
    assert (book["title"], book["volume"], book["date"]) == (
        "Memories and Reflections",
        "1",
        "1974",
    )
    assert (book["place"], book["publisher"]) == ("Moscow", "Agentstvo pechati Novosti")
    assert book["extra"] == "original-title: Воспоминания и размышления"
    assert _creators(book) == [("Жуков", "Г. К.", "author")]
    notes["book"] = book

    [chapter] = save_page(zotero, page("zotero-test-chapter"))
    assert chapter["itemType"] == "bookSection"
    assert (chapter["bookTitle"], chapter["pages"]) == ("A Test Book", "45-67")
    notes["chapter"] = chapter

    [edited] = save_page(zotero, page("rybakov-yaskina2007"))
    assert edited["itemType"] == "book"
    assert [c[2] for c in _creators(edited)] == ["editor", "editor"]
    [documents] = save_page(zotero, page("woodward1955"))  # a document collection
    assert (documents["itemType"], documents["series"], documents["volume"]) == (
        "book",
        "3rd series",
        "9",
    )
    assert _creators(documents) == [("Woodward", "E. L.", "editor")]
    [collection] = save_page(zotero, page("stalin1997"))
    assert collection["itemType"] == "book"
    assert "numPages" not in collection and collection["extra"] == "page: 103-112"

    listed = save_page(zotero, site + "/works/?archive=rgaspi&archive=rgva")
    assert sorted(item["archiveLocation"] for item in listed) == sorted(
        DOCUMENTS[key][1] for key in DOCUMENTS if key.startswith(("rgaspi", "rgva"))
    )
    assert {item["itemType"] for item in listed} == {"manuscript"}
    notes["list page"] = listed
    print(json.dumps(notes, ensure_ascii=False, indent=1))  # the items, for a report (-s)


@pytest.mark.parametrize("fmt", ["ris", "csl-json", "bibtex"])
def test_the_seed_exports_import_into_zotero_whole(zotero, catalogue, fmt):
    works = exports.exported(
        Work.objects.filter(key__in=[k for k in catalogue if "zotero-test" not in k]).values_list(
            "pk", flat=True
        )
    )
    text = exports.WRITERS[fmt](works)
    items, everything = import_file(zotero, text)
    assert len(items) == 26
    by_title = _by_title(items)
    for key, (archive, location) in DOCUMENTS.items():
        item = by_title[catalogue[key].title]
        assert item["itemType"] == "manuscript", key
        assert "place" not in item, key
        if fmt == "bibtex":
            # Zotero's BibTeX import has no field for them: the whole location is a note.
            note = next(n["note"] for n in everything if n.get("parentItem") == item["key"])
            assert location in note and "Moscow" in note
        else:
            assert (item["archive"], item["archiveLocation"]) == (archive, location), key
            assert item["extra"] == "archive-place: Moscow"
    article = by_title[catalogue["batunaev2019"].title]
    assert article["itemType"] == "journalArticle"
    assert article["publicationTitle"] == (
        "Tyumen State University Herald. Humanities Research. Humanitates"
    )
    assert "journalAbbreviation" not in article
    assert article["pages"].replace("–", "-") == "173-184"
    assert article["DOI"] == "10.21684/2411-197X-2019-5-3-173-184"
    assert _creators(article) == [("Батунаев", "Э. В.", "author")]
    chapter = by_title[catalogue["gombosuren1998"].title]
    assert chapter["itemType"] == "bookSection"
    zhukov = by_title["Memories and Reflections"]
    stalin = by_title["Writings"]
    if fmt != "bibtex":
        assert zhukov["extra"] == "original-title: Воспоминания и размышления"
        assert "numPages" not in stalin and stalin["extra"] == "page: 103-112"
    woodward = by_title[catalogue["woodward1955"].title]
    assert _creators(woodward) == [("Woodward", "E. L.", "editor")]

"""Exports for reference managers: content, downloads, limits, and a round trip through
independent parsers (citeproc-py, bibtexparser, rispy) that keeps archives and locations."""

import json

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pybtex.database import parse_string as pybtex_parse

from catalogue.citing import exports
from catalogue.models import Work

pytestmark = pytest.mark.usefixtures("seed")

# The six archival documents of the seed: key → (archive name, location).
LOCATIONS = {
    "avp-rf-9-25-100-38": (
        "Foreign Policy Archive of the Russian Federation",
        "AVP RF",
        "f. 9, op. 25, p. 100, d. 38, ll. 73–74",
    ),
    "rgaspi-17-162-18": (
        "Russian State Archive of Socio-Political History",
        "RGASPI",
        "f. 17, op. 162, d. 18, ll. 18–19",
    ),
    "rgaspi-17-162-20": (
        "Russian State Archive of Socio-Political History",
        "RGASPI",
        "f. 17, op. 162, d. 20, l. 162",
    ),
    "rgaspi-558-11-352": (
        "Russian State Archive of Socio-Political History",
        "RGASPI",
        "f. 558, op. 11, d. 352, ll. 1–9",
    ),
    "rgani-89-63-20": (
        "Russian State Archive of Contemporary History",
        "RGANI",
        "f. 89, op. 63, d. 20, ll. 1–5",
    ),
    "rgva-32113-1-4": ("Russian State Military Archive", "RGVA", "f. 32113, op. 1, d. 4, ll. 5–7"),
}

# A minimal CSL style that prints what a bibliography style of an archive-citing
# journal prints: title, archive and location.
ARCHIVE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>Archive test</title><id>archive-test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <group delimiter=" | ">
        <text variable="title"/>
        <text variable="archive"/>
        <text variable="archive_location"/>
      </group>
    </layout>
  </bibliography>
</style>
"""


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response, response.content.decode("utf-8")


@pytest.mark.parametrize(
    ("fmt", "content_type", "filename"),
    [
        ("csl-json", "application/vnd.citationstyles.csl+json", "opis-works.json"),
        ("bibtex", "application/x-bibtex", "opis-works.bib"),
        ("ris", "application/x-research-info-systems", "opis-works.ris"),
    ],
)
def test_the_works_list_downloads_in_each_format(client, fmt, content_type, filename):
    response, _ = download(client, f"/works/?format={fmt}")
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


@pytest.mark.parametrize(
    ("fmt", "extension"), [("csl-json", "json"), ("bibtex", "bib"), ("ris", "ris")]
)
def test_a_work_downloads_under_its_key(client, fmt, extension):
    pk = Work.objects.get(key="zhukov1974").pk
    response, body = download(client, f"/works/{pk}/?format={fmt}")
    assert response["Content-Disposition"] == f'attachment; filename="zhukov1974.{extension}"'
    assert "Воспоминания и размышления" in body  # Cyrillic as it is, in UTF-8


def test_the_export_holds_the_whole_filtered_list_not_one_page(client, settings):
    settings.OPIS_PAGE_SIZE = 5
    data = json.loads(download(client, "/works/?format=csl-json")[1])
    assert len(data) == 26
    data = json.loads(download(client, "/works/?format=csl-json&archive=rgaspi")[1])
    assert sorted(item["id"] for item in data) == [
        "rgaspi-17-162-18",
        "rgaspi-17-162-20",
        "rgaspi-558-11-352",
    ]


def test_csl_json_is_an_item_a_line_so_a_reader_can_find_a_work_in_it(client):
    body = download(client, "/works/?format=csl-json&archive=rgaspi")[1]
    lines = body.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and body.endswith("\n")
    items = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert items == json.loads(body) and len(items) == 3
    # Nothing found: still a JSON array.
    assert json.loads(download(client, "/works/?format=csl-json&q=qqqzzzxxy")[1]) == []


def test_an_export_over_the_limit_is_refused_with_a_reason(client, settings):
    settings.OPIS_EXPORT_LIMIT = 10
    response = client.get("/works/?format=ris")
    assert response.status_code == 400
    assert "holds 26 works; an export holds at most 10" in response.content.decode()
    assert client.get("/works/?format=ris&archive=rgaspi").status_code == 200


def test_an_export_with_a_bad_filter_is_refused(client):
    response = client.get("/works/?format=bibtex&archive=nowhere")
    assert response.status_code == 400
    assert "Archive: " in response.content.decode() and "nowhere" in response.content.decode()


def test_an_unknown_format_names_the_export_choices(client):
    response = client.get("/works/?format=endnote-xml&format=json")
    assert response.status_code == 400
    response = client.get("/archives/?format=bibtex")  # exports are for works only
    assert response.status_code == 400


def test_the_export_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        download(client, "/works/?format=csl-json")


def queries(read):
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def test_parts_of_a_whole_are_exported_with_its_title_in_one_query_for_all():
    books = [Work.objects.create(key=f"whole-{i}", kind="book", title=f"Whole {i}") for i in (1, 2)]
    parts = [
        Work.objects.create(key=f"part-{i}", kind="chapter", title=f"Part {i}", part_of=book)
        for i, book in enumerate(books + books)
    ]
    alone = Work.objects.get(key="zhukov1974")
    ids = [alone.pk, *(w.pk for w in parts)]
    # The works as a list reads them (the works with their journals, then their people,
    # languages and locations), and one query for all their wholes.
    assert queries(lambda: exports.exported(ids)) == 4 + 1
    works = exports.exported(ids)
    with CaptureQueriesContext(connection) as captured:
        listed = json.loads(exports.csl_json(works))
    assert not captured.captured_queries
    assert [item.get("container-title") for item in listed[1:]] == [
        "Whole 1",
        "Whole 2",
        "Whole 1",
        "Whole 2",
    ]
    # Works that are no part of anything ask for no whole at all.
    one = [alone.pk]
    assert queries(lambda: exports.exported(one)) == 4


# citeproc-py skips the romanised names (citeproc-js's `multi`), saying so.
@pytest.mark.filterwarnings("ignore:The following arguments for Name are unsupported")
def test_csl_json_reads_back_through_citeproc_with_archive_and_location(tmp_path):
    works = list(exports.exported(Work.objects.values_list("pk", flat=True)))
    items = json.loads(exports.csl_json(works))
    assert len(items) == 26
    style_file = tmp_path / "archive.csl"
    style_file.write_text(ARCHIVE_STYLE, encoding="utf-8")
    style = CitationStylesStyle(str(style_file), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), citeproc_formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = {str(entry) for entry in bibliography.bibliography()}
    for key, (name, _, location) in LOCATIONS.items():
        title = Work.objects.get(key=key).title
        assert f"{title} | {name} | {location}" in rendered, key
    by_id = {item["id"]: item for item in items}
    assert by_id["rgaspi-17-162-20"]["type"] == "manuscript"
    assert by_id["avp-rf-9-25-100-38"]["archive-place"] == "Moscow"
    assert by_id["zhukov1974"]["original-title"] == "Воспоминания и размышления"
    assert by_id["batunaev2019"]["DOI"] == "10.21684/2411-197X-2019-5-3-173-184"


def test_bibtex_reads_back_through_bibtexparser_with_archive_and_location():
    works = list(exports.exported(Work.objects.values_list("pk", flat=True)))
    library = bibtexparser.parse_string(exports.bibtex(works))
    assert library.failed_blocks == []
    assert len(library.entries) == 26
    entries = library.entries_dict
    for key, (name, abbreviation, location) in LOCATIONS.items():
        entry = entries[key]
        assert entry.entry_type == "unpublished"
        assert entry.fields_dict["note"].value == f"{abbreviation}, {location}, Moscow"
        assert entry.fields_dict["archive"].value == name
        assert entry.fields_dict["archive_location"].value == location
        # Not `location`: biblatex and Zotero read it as a place of publication.
        assert "location" not in entry.fields_dict
    article = entries["batunaev2019"]
    assert article.entry_type == "article"
    assert article.fields_dict["pages"].value == "173--184"
    # A Russian article's author in Cyrillic, as the catalogue holds it.
    assert article.fields_dict["author"].value == "Батунаев, Э. В."
    assert entries["zhukov1974"].fields_dict["origtitle"].value == "Воспоминания и размышления"
    assert entries["rybakov-yaskina2007"].fields_dict["editor"].value == (
        "Рыбаков, Р. Б. and Яскина, Г. С."
    )
    # Names the catalogue holds only in Latin script stay so.
    assert entries["woodward1955"].fields_dict["editor"].value == "Woodward, E. L."
    assert entries["gombosuren1998"].entry_type == "incollection"


def test_ris_reads_back_through_rispy_with_archive_and_location():
    works = list(exports.exported(Work.objects.values_list("pk", flat=True)))
    entries = {entry["id"]: entry for entry in rispy.loads(exports.ris(works))}
    assert len(entries) == 26
    for key, (name, _, location) in LOCATIONS.items():
        entry = entries[key]
        assert entry["type_of_reference"] == "MANSCPT"
        assert entry["name_of_database"] == name  # DB, Zotero's "archive"
        assert entry["accession_number"] == location  # AN, Zotero's "archiveLocation"
    article = entries["batunaev2019"]
    assert article["type_of_reference"] == "JOUR"
    assert (article["start_page"], article["end_page"]) == ("173", "184")
    assert article["doi"] == "10.21684/2411-197X-2019-5-3-173-184"
    assert "journal_name" not in article  # no JO: Zotero would take it for an abbreviation
    assert article["authors"] == ["Батунаев, Э. В."]
    zhukov = entries["zhukov1974"]
    assert zhukov["type_of_reference"] == "BOOK"
    # M2 (rispy does not know it) is Zotero's Extra; no CY for a document's archive.
    assert "original-title: Воспоминания и размышления" in zhukov["unknown_tag"]["M2"]
    assert entries["stalin1997"]["unknown_tag"]["M2"] == ["page: 103-112"]
    assert "start_page" not in entries["stalin1997"]
    assert entries["rgaspi-17-162-20"]["unknown_tag"]["M2"] == ["archive-place: Moscow"]
    assert "place_published" not in entries["rgaspi-17-162-20"]


def test_bibtex_escapes_what_would_break_an_entry():
    Work.objects.filter(key="belov2003").update(title="Profit & loss: 100% {odd} #1 $5 a_b")
    works = list(
        exports.exported(Work.objects.filter(key="belov2003").values_list("pk", flat=True))
    )
    text = exports.bibtex(works)
    assert (
        r"title = {Profit \& loss: 100\% \textbraceleft{}odd\textbraceright{} \#1 \$5 a\_b},"
        in text
    )
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and len(library.entries) == 1


INJECTION = (
    'Harmless title} @misc(injected, title = "Injected entry", '
    'url = "https://evil.example") @comment{'
)


def _read_with_both_readers(text):
    """The entries as pybtex and bibtexparser read them: {key: {field: value}} each."""
    pybtex_entries = pybtex_parse(text, "bibtex").entries
    by_pybtex = {
        key: {**dict(entry.fields), **{r: [str(p) for p in ps] for r, ps in entry.persons.items()}}
        for key, entry in pybtex_entries.items()
    }
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    by_bibtexparser = {e.key: {f.key: f.value for f in e.fields} for e in library.entries}
    return by_pybtex, by_bibtexparser


@pytest.mark.parametrize(
    "title", [INJECTION, "Closing early}}}, url = {https://evil.example}", "A \\ { lone brace"]
)
def test_a_title_cannot_close_its_bibtex_entry_or_add_another(title):
    """Issue 23, item 8: pybtex read a second entry with the attacker's URL."""
    Work.objects.filter(key="belov2003").update(title=title)
    works = exports.exported(Work.objects.filter(key="belov2003").values_list("pk", flat=True))
    for entries in _read_with_both_readers(exports.bibtex(works)):
        assert list(entries) == ["belov2003"]
        fields = {name.lower(): value for name, value in entries["belov2003"].items()}
        assert "url" not in fields
        assert fields["year"] == "2003"  # the fields after the title are still the entry's
        assert fields["title"].startswith(title.split()[0])


def test_a_name_holding_and_stays_one_author_in_bibtex():
    work = Work.objects.get(key="belov2003")
    person = work.contributions.get(role="author").person
    person.name = "Smith and Jones"
    person.given_names = "Anna, Maria"
    person.name_original = ""  # the Latin name is the one exported
    person.save()
    works = exports.exported([work.pk])
    for entries in _read_with_both_readers(exports.bibtex(works)):
        authors = entries["belov2003"]["author"]
        # pybtex gives a list of people; bibtexparser the raw field, one name without a
        # top-level " and " to split on.
        if isinstance(authors, list):
            assert len(authors) == 1 and "Smith and Jones" in authors[0]
        else:
            assert authors.count(" and ") == 1 and authors.startswith("{Smith and Jones}")


def test_the_export_links_keep_the_current_filters_and_drop_the_page(rf):
    from django.template.loader import render_to_string

    request = rf.get("/works/", {"archive": ["rgaspi", "rgva"], "language": "ru", "page": "2"})
    html = render_to_string("catalogue/_export_links.html", {"request": request}, request=request)
    for fmt in ("csl-json", "bibtex", "ris"):
        assert f'href="?archive=rgaspi&amp;archive=rgva&amp;language=ru&amp;format={fmt}"' in html
    assert "page=" not in html


@pytest.mark.parametrize("params", ["sort=-year", "q=khalkhin", "language=ru"])
def test_an_export_lists_the_works_in_the_order_of_the_list(client, settings, params):
    """What a reader saw, top to bottom, is what the file holds."""
    settings.OPIS_PAGE_SIZE = 100  # the whole list on one page
    listed = [w["title"] for w in client.get(f"/works/?{params}&format=json").json()["results"]]
    _, body = download(client, f"/works/?{params}&format=csl-json")
    assert len(listed) > 1
    assert [item["title"] for item in json.loads(body)] == listed

"""Import from a reference manager: CSL-JSON and RIS create or update works, keep the
archive and location of archival documents, and never blank what an editor wrote."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.citing import exports
from catalogue.importing import files, writing
from catalogue.models import (
    ArchivalFile,
    ArchivalLocation,
    Citation,
    Folder,
    Fond,
    Inventory,
    Periodical,
    Person,
    Work,
)

# The design's table of the seed's archival documents.
SEED_LOCATIONS = {
    ("avp-rf", "9", "25", "100", "38", "73-74"),
    ("rgaspi", "17", "162", None, "18", "18-19"),
    ("rgaspi", "17", "162", None, "20", "162"),
    ("rgaspi", "558", "11", None, "352", "1-9"),
    ("rgani", "89", "63", None, "20", "1-5"),
    ("rgva", "32113", "1", None, "4", "5-7"),
}


def locations():
    return {
        (
            loc.file.inventory.fond.archive.slug,
            loc.file.inventory.fond.number,
            loc.file.inventory.number,
            loc.file.folder.number if loc.file.folder_id else None,
            loc.file.number,
            loc.folios,
        )
        for loc in ArchivalLocation.objects.select_related(
            "file__folder", "file__inventory__fond__archive"
        )
    }


def exported(fmt):
    """The whole seed catalogue exported in `fmt`, then emptied down to archives and languages."""
    works = list(exports.exported(Work.objects.values_list("pk", flat=True)))
    text = {"csl-json": exports.csl_json, "ris": exports.ris}[fmt](works)
    # Down to archives and languages: the import must rebuild fonds, files and people.
    for model in (Citation, Work, ArchivalFile, Folder, Inventory, Fond, Person, Periodical):
        model.objects.all().delete()
    return text


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("fmt", ["csl-json", "ris"])
def test_an_exported_catalogue_imports_back_with_its_archival_locations(fmt):
    text = exported(fmt)
    assert Work.objects.count() == 0
    result = writing.import_text(text)
    assert result.problems == []
    assert len(result.created) == 26
    assert locations() == SEED_LOCATIONS
    documents = Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT)
    assert documents.count() == 6
    uritsky = Work.objects.get(title__startswith="Report from the Chief")
    # The exports name a Russian document's people in Cyrillic; CSL-JSON carries their
    # romanised form beside it (citeproc-js's `multi`), RIS has no room for it.
    [person] = [c.person for c in uritsky.contributions.all()]
    if fmt == "csl-json":
        assert (str(person), person.name_original) == ("Uritsky S. P.", "Урицкий С. П.")
    else:
        assert str(person) == "Урицкий С. П."
    # RIS carries the original title as Zotero keeps it, in an Extra line (M2).
    memoir = Work.objects.get(title="Memories and Reflections")
    assert memoir.title_original == "Воспоминания и размышления"
    article = Work.objects.get(doi="10.21684/2411-197X-2019-5-3-173-184")
    assert (article.kind, article.periodical.title, article.pages) == (
        "article",
        "Tyumen State University Herald. Humanities Research. Humanitates",
        "173-184",
    )
    assert list(article.languages.values_list("code", flat=True)) == ["ru"]

    again = writing.import_text(text)  # the same file twice changes nothing
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 26)
    assert Work.objects.count() == 26


@pytest.mark.usefixtures("seed")
def test_a_doi_matches_whatever_the_title_says():
    text = """[{"id": "x", "type": "article-journal", "title": "Another title entirely",
      "DOI": "https://doi.org/10.21684/2411-197X-2019-5-3-173-184", "ISBN": "978-5-00000-000-0"}]"""
    result = writing.import_text(text)
    assert result.created == [] and len(result.updated) == 1
    work = Work.objects.get(key="batunaev2019")
    assert work.isbn == "978-5-00000-000-0"
    assert work.title.startswith("Khalkhin-Gol")  # the catalogue's title is kept


@pytest.mark.usefixtures("seed")
def test_title_year_and_first_author_match_despite_a_homoglyph():
    # "Bеlov" with a Cyrillic е, as the seed prints it.
    ris = (
        "TY  - JOUR\r\nAU  - B\u0435lov, E. A.\r\n"
        "TI  - The decisive period of the struggle for independence\r\n"
        "PY  - 2003\r\nVL  - 48\r\nER  - \r\n"
    )
    result = writing.import_text(ris)
    assert result.created == [] and [w.key for w in result.updated] == ["belov2003"]
    work = Work.objects.get(key="belov2003")
    assert (work.volume, work.issue, work.pages) == ("48", "11", "45-49")  # nothing blanked
    assert Work.objects.count() == 26


@pytest.mark.usefixtures("seed")
def test_another_year_or_author_is_another_work():
    ris = (
        "TY  - JOUR\r\nAU  - Belov, E. A.\r\n"
        "TI  - The decisive period of the struggle for independence\r\nPY  - 2004\r\nER  - \r\n"
        "TY  - JOUR\r\nAU  - Popov, E. A.\r\n"
        "TI  - The decisive period of the struggle for independence\r\nPY  - 2003\r\nER  - \r\n"
    )
    result = writing.import_text(ris)
    assert len(result.created) == 2
    assert Work.objects.count() == 28


@pytest.mark.usefixtures("seed")
def test_a_gost_location_in_cyrillic_finds_the_archive_by_its_russian_abbreviation():
    text = """[{"id": "new-doc", "type": "manuscript", "title": "A protocol of the Politburo",
      "archive": "РГАСПИ", "archive_location": "Ф. 17. Оп. 162. Д. 21. Лл. 1–15 об."}]"""
    result = writing.import_text(text)
    assert result.problems == []
    [work] = result.created
    assert work.kind == "archival_document" and work.key == "new-doc"
    [location] = work.locations.select_related("file__inventory__fond__archive")
    assert location.file.inventory.fond.archive.slug == "rgaspi"
    assert (location.file.inventory.fond.number, location.file.number) == ("17", "21")
    assert (location.first_folio, location.last_folio) == (1, 15)
    assert location.folios_russian == "Лл. 1–15 об."
    # Fond 17 and inventory 162 were reused, not duplicated.
    assert location.file.inventory.files.count() == 3


@pytest.mark.usefixtures("seed")
def test_an_unknown_archive_is_reported_not_invented():
    text = """[{"type": "manuscript", "title": "A letter", "archive": "Archive of Nowhere in Particular",
      "archive_location": "f. 1, op. 1, d. 1"}]"""
    result = writing.import_text(text)
    assert len(result.created) == 1
    assert "Archive of Nowhere in Particular" in result.problems[0]
    assert not result.created[0].locations.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "f. 9, op. 25, p. 100, d. 38, ll. 73–74",
            {"fond": "9", "inventory": "25", "folder": "100", "file": "38", "folios": "73-74"},
        ),
        (
            "RGASPI. F. 17. Op. 162. D. 20. L. 162.",
            {"archive": "RGASPI", "fond": "17", "inventory": "162", "file": "20", "folios": "162"},
        ),
        (
            "Ф. Р-9401. Оп. 1а. Д. 112а. Л. 5 об.",
            {"fond": "Р-9401", "inventory": "1а", "file": "112а", "folios": "5 об"},
        ),
        (
            "f. 06, op. 2, d. 3, ll. 1–15v.",
            {"fond": "06", "inventory": "2", "file": "3", "folios": "1-15 об."},
        ),
        ("somewhere in Moscow", None),
        ("f. 17, d. 20", None),
    ],
)
def test_locations_are_read_as_archivists_write_them(text, expected):
    assert writing.parse_location(text) == expected


@pytest.mark.parametrize("text", ["", "plain words", "{not json", "TY  - JOUR\r\nTI  - no end\r\n"])
def test_files_that_are_not_references_are_refused_or_empty(text, db):
    try:
        records = files.read(text)
    except files.ImportFormatError:
        return
    assert records == []


# The admin page.

RIS_ONE = "TY  - BOOK\r\nAU  - Ivanov, I. I.\r\nTI  - A new book\r\nPY  - 2020\r\nER  - \r\n"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_work", "change_work", "view_work"])
    )
    return user


@pytest.mark.usefixtures("seed")
def test_an_editor_imports_a_file_in_the_admin(client, editor):
    client.force_login(editor)
    changelist = client.get("/admin/catalogue/work/")
    assert 'href="/admin/catalogue/work/import-references/"' in changelist.content.decode()
    assert client.get("/admin/catalogue/work/import-references/?tab=file").status_code == 200
    upload = SimpleUploadedFile(
        "refs.ris", RIS_ONE.encode("utf-8"), "application/x-research-info-systems"
    )
    response = client.post(
        "/admin/catalogue/work/import-references/?tab=file", {"file": upload, "format": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Created: 1, updated: 0, unchanged: 0, problems: 0." in page
    assert "A new book" in page
    assert Work.objects.filter(title="A new book", year=2020).exists()


@pytest.mark.usefixtures("seed")
def test_a_broken_upload_is_a_message_not_an_error(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("refs.json", b"\xff\xfe not utf-8", "application/json")
    response = client.post("/admin/catalogue/work/import-references/?tab=file", {"file": upload})
    assert response.status_code == 200
    assert "not UTF-8" in response.content.decode()
    assert Work.objects.count() == 26


def test_only_editors_who_may_add_and_change_works_can_import(client, db):
    assert (
        client.get("/admin/catalogue/work/import-references/?tab=file").status_code == 302
    )  # to the login
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(viewer)
    assert client.get("/admin/catalogue/work/import-references/?tab=file").status_code == 403

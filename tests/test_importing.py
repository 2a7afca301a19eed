"""Importing a reference list: the seed's list rebuilds the seed fixture's archival
hierarchy and counts; a re-import adds nothing; a failure writes nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from catalogue.citations import ArchiveRegistry, parse_text
from catalogue.importing.reference_list import ImportFailed, import_references
from catalogue.models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    Citation,
    Contribution,
    Folder,
    Fond,
    Inventory,
    Language,
    Periodical,
    Person,
    Work,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "fixtures" / "sources" / "batunaev-2019.txt"
MODELS = (
    Archive, Fond, Inventory, Folder, ArchivalFile, ArchivalLocation, Work, Person,
    Periodical, Contribution, Citation,
)  # fmt: skip


@pytest.fixture
def article(archives_and_languages):
    """A database with only the archive registry and languages, plus the citing article."""
    work = Work.objects.create(
        key="batunaev2019",
        kind=Work.Kind.ARTICLE,
        title="Khalkhin-Gol: Military and Political Cooperation of the USSR and the MNR (1939-1945)",
        year=2019,
    )
    work.languages.add(Language.objects.get(code="ru"))
    return work


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def run_import(*args):
    out = StringIO()
    call_command("import_references", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def seed_fixture_hierarchy():
    """The archival rows of fixtures/seed.json, as natural keys."""
    objects = json.loads((ROOT / "fixtures" / "seed.json").read_text(encoding="utf-8"))
    rows = {name: set() for name in ("fond", "inventory", "folder", "archivalfile", "location")}
    for obj in objects:
        fields, model = obj["fields"], obj["model"].split(".")[1]
        if model == "fond":
            rows["fond"].add((*fields["archive"], fields["number"]))
        elif model == "inventory":
            rows["inventory"].add((*fields["fond"], fields["number"]))
        elif model == "folder":
            rows["folder"].add((*fields["inventory"], fields["number"]))
        elif model == "archivalfile":
            folder = fields["folder"][-1] if fields["folder"] else ""
            rows["archivalfile"].add((*fields["inventory"], folder, fields["number"]))
        elif model == "archivallocation":
            rows["location"].add((tuple(fields["file"]), fields["folios"]))
    return rows


def db_hierarchy():
    return {
        "fond": {f.natural_key() for f in Fond.objects.all()},
        "inventory": {i.natural_key() for i in Inventory.objects.all()},
        "folder": {f.natural_key() for f in Folder.objects.all()},
        "archivalfile": {f.natural_key() for f in ArchivalFile.objects.all()},
        "location": {
            (location.file.natural_key(), location.folios)
            for location in ArchivalLocation.objects.select_related("file")
        },
    }


def test_importing_the_seed_list_rebuilds_the_seed_fixture(article):
    run_import(str(SEED_TEXT), "--cited-by", "batunaev2019")

    assert db_hierarchy() == seed_fixture_hierarchy()
    assert Work.objects.count() == 26
    assert Citation.objects.filter(citing=article).count() == 25
    assert sorted(Citation.objects.values_list("number", flat=True)) == list(range(1, 26))
    documents = Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT)
    assert documents.count() == 6
    held_in = Archive.objects.filter(fonds__inventories__files__locations__isnull=False)
    assert set(held_in.values_list("slug", flat=True)) == {"avp-rf", "rgaspi", "rgani", "rgva"}
    assert all(document.year is None for document in documents)
    seed_documents = {
        obj["fields"]["key"]
        for obj in json.loads((ROOT / "fixtures" / "seed.json").read_text(encoding="utf-8"))
        if obj["model"] == "catalogue.work" and obj["fields"]["kind"] == "archival_document"
    }
    assert set(documents.values_list("key", flat=True)) == seed_documents
    # The seed's people and journals, less the article's own author and journal.
    assert (Person.objects.count(), Periodical.objects.count(), Contribution.objects.count()) == (
        16,
        7,
        17,
    )
    languages = {code: Work.objects.in_languages([code]).count() for code in ("ru", "mn", "en")}
    assert languages == {"ru": 23, "mn": 2, "en": 1}
    # The reference as printed, garbles included, whitespace normalised: as in seed.json.
    printed = {
        obj["fields"]["number"]: obj["fields"]["text_as_printed"]
        for obj in json.loads((ROOT / "fixtures" / "seed.json").read_text(encoding="utf-8"))
        if obj["model"] == "catalogue.citation"
    }
    assert dict(Citation.objects.values_list("number", "text_as_printed")) == printed
    no9 = Citation.objects.get(citing=article, number=9)
    assert "F. 17. 162. E. 18. Pp. 18-19." in no9.text_as_printed
    assert "\xa0" not in no9.text_as_printed
    assert "inventory" in no9.editorial_note  # the repair is on record
    zhukov = Work.objects.get(citations__number=8)
    assert (zhukov.place, zhukov.publisher, zhukov.year) == (
        "Moscow",
        "Agentstvo pechati Novosti",
        1974,
    )
    assert Person.objects.get(slug="kuzmin-yu-v").given_names == "Yu. V."


def test_a_second_import_creates_nothing(article):
    run_import(str(SEED_TEXT), "--cited-by", "batunaev2019")
    before = counts()
    output = run_import(str(SEED_TEXT), "--cited-by", "batunaev2019")
    assert counts() == before
    assert "Created: nothing." in output


def test_importing_into_the_seed_fixture_creates_nothing(seed):
    before = counts()
    output = run_import(str(SEED_TEXT), "--cited-by", "batunaev2019")
    assert counts() == before
    assert "Created: nothing." in output


def test_a_dry_run_prints_what_would_be_created_and_writes_nothing(article):
    before = counts()
    output = run_import(str(SEED_TEXT), "--cited-by", "batunaev2019", "--dry-run")
    assert counts() == before
    assert "would create archival document" not in output  # verbose names, not kinds
    assert "would create work: Memories and Reflections (1974)" in output
    assert "would create fond: AVP RF f. 9" in output
    assert "Would create:" in output and "25 citation" in output


def test_a_failure_writes_nothing_and_names_the_line(article, tmp_path):
    source = tmp_path / "refs.txt"
    source.write_text(
        "1. RGASPI. F. 17. Op. 162. D. 20. L. 162.\n"
        "2. Ivanov I. I. 2001. A book. Moscow: Nauka. [In Russian]\n"
        "3. RGASPI. F. 17. D. 5. L. 3.\n",  # no inventory: cannot be filed
        encoding="utf-8",
    )
    before = counts()
    with pytest.raises(CommandError, match=r"line 3 \(reference 3\).*inventory"):
        run_import(str(source), "--cited-by", "batunaev2019")
    assert counts() == before


def test_a_changed_reference_under_an_existing_number_is_refused(article, tmp_path):
    source = tmp_path / "refs.txt"
    source.write_text("1. RGASPI. F. 17. Op. 162. D. 20. L. 162.\n", encoding="utf-8")
    run_import(str(source), "--cited-by", "batunaev2019")
    source.write_text("1. RGVA. F. 1. Op. 1. D. 1. L. 1.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="already has a reference 1"):
        run_import(str(source), "--cited-by", "batunaev2019")


def test_an_unknown_archive_is_created_from_its_abbreviation(article, tmp_path):
    source = tmp_path / "refs.txt"
    source.write_text(
        "1. Letter of the regional committee. ГАНО. Ф. Р-1. Оп. 2. Д. 3. Л. 4.\n", encoding="utf-8"
    )
    run_import(str(source), "--cited-by", "batunaev2019")
    archive = Archive.objects.get(slug="gano")
    assert archive.abbreviation == "ГАНО"
    assert ArchivalFile.objects.get(inventory__fond__archive=archive).natural_key() == (
        "gano",
        "Р-1",
        "2",
        "",
        "3",
    )


def test_the_same_document_cited_by_two_articles_is_one_work(article, tmp_path):
    other = Work.objects.create(key="other2020", kind=Work.Kind.ARTICLE, title="Another article")
    source = tmp_path / "refs.txt"
    source.write_text("1. “Order”. RGVA. F. 32113. Op. 1. D. 4. L. 5-7.\n", encoding="utf-8")
    run_import(str(source), "--cited-by", "batunaev2019")
    run_import(str(source), "--cited-by", "other2020")
    assert Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).count() == 1
    assert Citation.objects.filter(cited__key="rgva-32113-1-4").count() == 2
    assert other.references.count() == 1


def test_an_unknown_citing_work_is_a_clear_error(article):
    with pytest.raises(CommandError, match="No work has the key 'nobody1999'"):
        run_import(str(SEED_TEXT), "--cited-by", "nobody1999")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\xff" * 300, "binary"), (b"References\n\n", "No reference")],
)
def test_bad_input_is_refused_before_anything_is_written(article, tmp_path, content, message):
    source = tmp_path / "refs.txt"
    source.write_bytes(content)
    before = counts()
    with pytest.raises(CommandError, match=message):
        run_import(str(source), "--cited-by", "batunaev2019")
    assert counts() == before


def test_import_references_function_is_atomic(article):
    registry = ArchiveRegistry.from_db()
    parsed = parse_text(
        "1. RGVA. F. 1. Op. 1. D. 1. L. 1.\n2. RGVA. F. 1. Op. 1. D. 2.\n", registry
    )
    parsed[1].fond = ""  # an editor emptied it
    before = counts()
    with pytest.raises(ImportFailed, match=r"line 2.*fond is missing"):
        import_references(parsed, article)
    assert counts() == before


def test_a_long_unknown_archive_name_fits_the_slug(article, tmp_path):
    source = tmp_path / "refs.txt"
    source.write_text("1. ЩЩЩЩ ЩЩЩЩ ЩЩЩЩ ЩЩЩЩ. Ф. 1. Оп. 2. Д. 3. Л. 4.\n", encoding="utf-8")
    run_import(str(source), "--cited-by", "batunaev2019")
    archive = Archive.objects.get(fonds__number="1")
    assert len(archive.slug) <= 50


def test_the_same_title_and_year_by_another_author_is_another_work(article, tmp_path):
    source = tmp_path / "refs.txt"
    source.write_text(
        "1. Ivanov I. I. 2001. History of Mongolia. Moscow: Nauka. [In Russian]\n"
        "2. Petrov P. P. 2001. History of Mongolia. Moscow: Nauka. [In Russian]\n",
        encoding="utf-8",
    )
    run_import(str(source), "--cited-by", "batunaev2019")
    assert Work.objects.filter(title="History of Mongolia").count() == 2
    before = counts()
    run_import(str(source), "--cited-by", "batunaev2019")
    assert counts() == before


def test_each_reference_of_a_note_becomes_its_own_citation_under_the_notes_number(article):
    text = (
        "1. Ivan Sedov, “Ice on the Yenisei,” Krasnoyarsk Worker, March 3, 1934; "
        "Olga Frolova, Ports of the Yenisei (Tomsk: Tomsk University Press, 2009), 12.\n"
        "2. Nora Lind, The Northern Roads (Utrecht: Spectrum, 2004), 88.\n"
    )
    registry = ArchiveRegistry.from_db()
    references = [p for p in parse_text(text, registry) if p.is_reference]
    import_references(references, article)
    cited = [
        (c.number, c.index, c.cited.title)
        for c in Citation.objects.filter(citing=article).select_related("cited")
    ]
    assert cited == [
        (1, 1, "Ice on the Yenisei"),
        (1, 2, "Ports of the Yenisei"),
        (2, 1, "The Northern Roads"),
    ]
    assert str(Citation.objects.get(citing=article, number=1, index=2)).startswith(
        "batunaev2019 [1.2]"
    )
    before = counts()
    import_references(references, article)  # pasted again: each is found, none added
    assert counts() == before


def test_one_place_in_a_note_holds_one_citation(article):
    cited = Work.objects.create(key="lind2004", kind=Work.Kind.BOOK, title="The Northern Roads")
    Citation.objects.create(citing=article, cited=cited, number=4, index=2, text_as_printed="x")
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            Citation.objects.create(
                citing=article, cited=cited, number=4, index=2, text_as_printed="y"
            )
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            Citation.objects.create(
                citing=article, cited=cited, number=5, index=0, text_as_printed="z"
            )


def test_editors_standing_for_a_missing_author_are_saved_as_editors(article):
    text = "1. M. E. Petrova and K. L. Orlov (eds.) Sibirskaia ssylka 1905–1917, Tomsk, 2011, 41.\n"
    references = [p for p in parse_text(text, ArchiveRegistry.from_db()) if p.is_reference]
    assert references[0].as_dict()["authors"] == ["M. E. Petrova", "K. L. Orlov"]
    import_references(references, article)
    book = Citation.objects.get(citing=article).cited
    roles = [(c.person.name, c.role) for c in book.contributions.order_by("role", "position")]
    assert roles == [("Petrova", Contribution.Role.EDITOR), ("Orlov", Contribution.Role.EDITOR)]

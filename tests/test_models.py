"""Integrity rules, on both paths: the database refuses, and the editor's form explains."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalogue.archival import natural_key, parse_folios
from catalogue.models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    Citation,
    Folder,
    Fond,
    Inventory,
    Person,
    Work,
)
from catalogue.search.folding import fold, search_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def inventory():
    archive = Archive.objects.create(slug="avp-rf", abbreviation="AVP RF", uses_folders=True)
    fond = Fond.objects.create(archive=archive, number="06")
    return Inventory.objects.create(fond=fond, number="1а")


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_fond_number_is_unique_within_its_archive_only():
    rgaspi = Archive.objects.create(slug="rgaspi", abbreviation="RGASPI")
    rgva = Archive.objects.create(slug="rgva", abbreviation="RGVA")
    Fond.objects.create(archive=rgaspi, number="17")
    Fond.objects.create(archive=rgva, number="17")
    refused(lambda: Fond.objects.create(archive=rgaspi, number="17"))
    with pytest.raises(ValidationError):
        Fond(archive=rgaspi, number="17").full_clean()


def test_leading_zeros_make_a_different_fond():
    archive = Archive.objects.create(slug="avp-rf", abbreviation="AVP RF")
    Fond.objects.create(archive=archive, number="06")
    Fond.objects.create(archive=archive, number="6")
    assert Fond.objects.filter(archive=archive).count() == 2


def test_a_file_number_is_unique_in_its_inventory_or_folder(inventory):
    ArchivalFile.objects.create(inventory=inventory, number="38")
    refused(lambda: ArchivalFile.objects.create(inventory=inventory, number="38"))
    with pytest.raises(ValidationError, match="already has a file 38"):
        ArchivalFile(inventory=inventory, number="38").full_clean()

    folder = Folder.objects.create(inventory=inventory, number="100")
    ArchivalFile.objects.create(inventory=inventory, folder=folder, number="38")
    refused(lambda: ArchivalFile.objects.create(inventory=inventory, folder=folder, number="38"))


def test_a_file_folder_must_be_in_the_same_inventory(inventory):
    other = Inventory.objects.create(fond=inventory.fond, number="2")
    folder = Folder.objects.create(inventory=other, number="100")
    with pytest.raises(ValidationError, match="belongs to"):
        ArchivalFile(inventory=inventory, folder=folder, number="1").full_clean()


def test_empty_archival_numbers_are_refused(inventory):
    refused(lambda: Inventory.objects.create(fond=inventory.fond, number=""))
    refused(lambda: ArchivalFile.objects.create(inventory=inventory, number=""))


def test_a_reference_number_is_unique_in_a_list_and_a_work_cannot_cite_itself():
    article = Work.objects.create(key="a", kind="article", title="Article")
    book = Work.objects.create(key="b", kind="book", title="Book")
    Citation.objects.create(citing=article, cited=book, number=1, text_as_printed="Book.")
    refused(
        lambda: Citation.objects.create(citing=article, cited=book, number=1, text_as_printed="x")
    )
    refused(
        lambda: Citation.objects.create(
            citing=article, cited=article, number=2, text_as_printed="x"
        )
    )
    refused(
        lambda: Citation.objects.create(citing=article, cited=book, number=0, text_as_printed="x")
    )
    with pytest.raises(ValidationError, match="cannot cite itself"):
        Citation(citing=article, cited=article, number=3, text_as_printed="x").full_clean()


def test_years_must_be_plausible_and_dois_unique():
    refused(lambda: Work.objects.create(key="x", kind="book", title="Book", year=3000))
    Work.objects.create(key="a", kind="article", title="A", doi="10.1/abc")
    Work.objects.create(key="b", kind="book", title="B")  # many works have no DOI
    Work.objects.create(key="c", kind="book", title="C")
    refused(lambda: Work.objects.create(key="d", kind="article", title="D", doi="10.1/abc"))
    with pytest.raises(ValidationError, match="already has the DOI"):
        Work(key="e", kind="article", title="E", doi="https://doi.org/10.1/ABC").full_clean()


def test_folios_are_parsed_verso_aware_and_refused_when_unreadable(inventory):
    work = Work.objects.create(key="doc", kind="archival_document", title="Report")
    file = ArchivalFile.objects.create(inventory=inventory, number="38")
    location = ArchivalLocation.objects.create(work=work, file=file, folios="1-15 об.")
    assert (location.first_folio, location.last_folio) == (1, 15)
    assert location.folios_russian == "Лл. 1–15 об."
    assert location.folios_english == "ll. 1–15v."
    with pytest.raises(ValidationError, match="Cannot read"):
        ArchivalLocation(work=work, file=file, folios="see above", position=2).full_clean()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("162", (162, 162, False, False)),
        ("73-74", (73, 74, False, False)),
        ("73–74", (73, 74, False, False)),
        ("5 об.", (5, 5, True, True)),
        ("5ob.-6", (5, 6, True, False)),
        ("1-15 об.", (1, 15, False, True)),
        ("12v.", (12, 12, True, True)),
    ],
)
def test_folio_expressions(text, expected):
    folios = parse_folios(text)
    assert (folios.first, folios.last, folios.first_verso, folios.last_verso) == expected


@pytest.mark.parametrize("text", ["", "abc", "74-73", "1-2-3"])
def test_unreadable_folios(text):
    assert parse_folios(text) is None


def test_archival_numbers_sort_naturally():
    numbers = ["10", "2", "Р-9401", "1а", "1", "06", "112а", "112"]
    assert sorted(numbers, key=natural_key) == ["1", "1а", "2", "06", "10", "112", "112а", "Р-9401"]


def test_fonds_come_back_in_natural_order():
    archive = Archive.objects.create(slug="garf", abbreviation="GARF")
    for number in ["10", "2", "1"]:
        Fond.objects.create(archive=archive, number=number)
    assert list(archive.fonds.values_list("number", flat=True)) == ["1", "2", "10"]


def test_folding_reads_homoglyphs_as_the_script_around_them():
    # The seed prints "Belov Е." with a Cyrillic Е and "Мoscow" with a Cyrillic М.
    assert fold("Belov \u0415. A.") == fold("Belov E. A.")
    assert fold("\u041coscow") == fold("Moscow")
    # Case folds, and a Cyrillic name meets its romanisation.
    assert fold("ЖУКОВ Г. К.") == fold("жуков г. к.") == fold("Zhukov G. K.")
    assert search_terms("  Жуков   «Воспоминания» ") == [fold("Жуков"), fold("Воспоминания")]


def test_search_keys_follow_edits():
    person = Person.objects.create(slug="zhukov-g-k", name="Zhukov", given_names="G. K.")
    person.name_original = "Жуков Г. К."
    person.save()
    person.name = "Zhoukov"  # a French romanisation, corrected later
    person.save()
    assert fold("Zhoukov") in Person.objects.get(pk=person.pk).search_key


def test_every_model_reads_as_a_historian_would_cite(inventory):
    folder = Folder.objects.create(inventory=inventory, number="100")
    file = ArchivalFile.objects.create(inventory=inventory, folder=folder, number="38")
    assert str(file) == "AVP RF f. 06 op. 1а p. 100 d. 38"

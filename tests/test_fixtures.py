"""The shipped fixtures hold the facts of design.md, read against the seed text itself."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from catalogue.models import ArchivalLocation, Citation, Work

from .conftest import SEED_FIXTURES

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "sources" / "batunaev-2019.txt"

# design.md, "The facts the fixtures must hold": ref -> archive, fond, inventory, folder, file, folios
ARCHIVAL = {
    7: ("avp-rf", "9", "25", "100", "38", "73-74"),
    9: ("rgaspi", "17", "162", None, "18", "18-19"),
    10: ("rgaspi", "17", "162", None, "20", "162"),
    13: ("rgaspi", "558", "11", None, "352", "1-9"),
    18: ("rgani", "89", "63", None, "20", "1-5"),
    19: ("rgva", "32113", "1", None, "4", "5-7"),
}

pytestmark = pytest.mark.usefixtures("seed")


def seed_reference_lines():
    lines = {}
    for line in SEED.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s+(\d+)\.\s+(.+)$", line)
        if match:
            lines[int(match.group(1))] = " ".join(match.group(2).split())
    return lines


def test_it_holds_the_article_and_its_25_references():
    article = Work.objects.get(doi="10.21684/2411-197X-2019-5-3-173-184")
    assert Work.objects.count() == 26
    assert sorted(article.references.values_list("number", flat=True)) == list(range(1, 26))
    assert article.year == 2019 and article.volume == "5" and article.pages == "173-184"
    author = article.contributions.get()
    assert author.person.orcid == "0000-0001-6641-4124"


def test_every_reference_is_kept_as_printed():
    printed = seed_reference_lines()
    assert len(printed) == 25
    for citation in Citation.objects.all():
        assert citation.text_as_printed == printed[citation.number], citation.number
    # The garbles survive in the printed text: a Cyrillic Е in "Belov", "E. 18. Pp. 18-19".
    assert "Belov \u0415. A." in Citation.objects.get(number=2).text_as_printed
    assert "F. 17. 162. E. 18. Pp. 18-19" in Citation.objects.get(number=9).text_as_printed


def test_the_six_archival_documents_sit_where_design_md_says():
    found = {}
    for location in ArchivalLocation.objects.select_related(
        "work", "file__folder", "file__inventory__fond__archive"
    ):
        number = location.work.citations.get().number
        file = location.file
        found[number] = (
            file.inventory.fond.archive.slug,
            file.inventory.fond.number,
            file.inventory.number,
            file.folder.number if file.folder else None,
            file.number,
            location.folios,
        )
    assert found == ARCHIVAL
    assert Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).count() == 6


def test_archival_documents_have_no_year_the_seed_does_not_give():
    assert not Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT, year__isnull=False).exists()


def test_languages_are_23_russian_2_mongolian_1_english():
    assert Work.objects.in_languages(["ru"]).count() == 23
    assert Work.objects.in_languages(["mn"]).count() == 2
    assert Work.objects.in_languages(["en"]).count() == 1
    numbers = lambda code: sorted(  # noqa: E731
        Citation.objects.filter(cited__languages__code=code).values_list("number", flat=True)
    )
    assert numbers("mn") == [23, 24]
    assert numbers("en") == [25]


def test_each_correction_of_design_md_has_an_editorial_note():
    notes = dict(Citation.objects.values_list("number", "editorial_note"))
    for number in (2, 8, 9, 10, 13, 18, 19):
        assert notes[number], f"reference {number} has no editorial note"
    assert "Kwantung" in Work.objects.get(citations__number=19).title
    assert "Ministry of Natural Resources" not in Work.objects.get(citations__number=10).title
    assert "Belarus" not in Work.objects.get(citations__number=18).title


def test_editors_are_not_authors():
    for number in (12, 25):
        work = Work.objects.get(citations__number=number)
        assert set(work.contributions.values_list("role", flat=True)) == {"editor"}


def test_loading_twice_changes_nothing():
    def snapshot():
        return {
            model._meta.label: sorted(map(repr, model._default_manager.values_list()))
            for model in apps.get_app_config("catalogue").get_models()
        }

    before = snapshot()
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    assert snapshot() == before

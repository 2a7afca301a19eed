"""Newspaper articles, web pages and theses are kinds of their own: the paste importer
saves a parsed one as that kind, GOST and Chicago print each in its own form, and the
exports write the type a reference manager reads back as the same kind. The records
below are made up for the tests."""

import pytest

from catalogue.citations import ArchiveRegistry, parse_text
from catalogue.citing import exports, formatting
from catalogue.importing import writing
from catalogue.importing.reference_list import import_references
from catalogue.models import Contribution, Language, Periodical, Person, Work
from tests.exports_support import work

NO_ARCHIVES = ArchiveRegistry([], [])


def _work(key, kind, language="en", *, author=None, **fields):
    made = Work.objects.create(key=key, kind=kind, **fields)
    made.languages.add(Language.objects.get(code=language))
    if author:
        Contribution.objects.create(work=made, person=author, position=1)
    return work(key)


@pytest.fixture
def three(archives_and_languages):
    """A newspaper article, a web page and a thesis, by one author."""
    author = Person.objects.create(slug="lind-n", name="Lind", given_names="Nora")
    paper = Periodical.objects.create(slug="northern-courier", title="Northern Courier")
    return {
        "newspaper": _work(
            "lind1931", Work.Kind.NEWSPAPER, author=author, title="Floods on the Lower Ob",
            periodical=paper, year=1931, date="1931-05-04", issue="102",
        ),
        "webpage": _work(
            "lind2015", Work.Kind.WEBPAGE, author=author, title="The Ob Ferry Records",
            container_title="River Archive Online", year=2015,
            url="https://example.org/ob-ferry",
        ),
        "thesis": _work(
            "lind2004", Work.Kind.THESIS, author=author, title="Ferries of the Ob, 1890–1930",
            publisher="University of Tromsø", place="Tromsø", year=2004,
        ),
    }  # fmt: skip


def test_gost_prints_the_day_of_a_newspaper_the_link_of_a_page_and_the_thesis_mark(three):
    assert formatting.gost(three["newspaper"]) == (
        "Lind N. Floods on the Lower Ob // Northern Courier. 1931. May 4. no. 102."
    )
    assert formatting.gost(three["webpage"]) == (
        "Lind N. The Ob Ferry Records [Electronic resource] // River Archive Online. 2015. "
        "URL: https://example.org/ob-ferry."
    )
    assert formatting.gost(three["thesis"]) == (
        "Lind N. Ferries of the Ob, 1890–1930 : thesis. Tromsø: University of Tromsø, 2004."
    )


def test_a_russian_newspaper_issue_is_dated_as_gost_abbreviates_the_month(archives_and_languages):
    paper = Periodical.objects.create(slug="sib-pravda", title="Сибирская правда")
    article = _work(
        "ob1931", Work.Kind.NEWSPAPER, "ru", title="Разлив Оби", periodical=paper,
        year=1931, date="1931-08-25", issue="201", pages="3",
    )  # fmt: skip
    assert formatting.gost(article) == "Разлив Оби // Сибирская правда. 1931. 25 авг. № 201. С. 3."


def test_chicago_gives_the_newspaper_and_day_the_site_and_the_university(three):
    assert formatting.chicago(three["newspaper"]) == (
        "Lind, Nora. “Floods on the Lower Ob.” Northern Courier, May 4, 1931."
    )
    assert formatting.chicago_note(three["webpage"]) == (
        "Nora Lind, “The Ob Ferry Records,” River Archive Online, 2015, "
        "https://example.org/ob-ferry."
    )
    assert formatting.chicago(three["thesis"]) == (
        "Lind, Nora. “Ferries of the Ob, 1890–1930.” Thesis, University of Tromsø, 2004."
    )
    assert formatting.chicago_note(three["thesis"]) == (
        "Nora Lind, “Ferries of the Ob, 1890–1930” (Thesis, University of Tromsø, 2004)."
    )


def test_the_exports_write_each_kinds_own_type(three):
    works = list(exports.exported([w.pk for w in three.values()]))
    csl = exports.csl_json(works)
    for csl_type in ('"article-newspaper"', '"webpage"', '"thesis"'):
        assert f'"type": {csl_type}' in csl
    ris = exports.ris(works)
    for ris_type in ("TY  - NEWS", "TY  - ELEC", "TY  - THES"):
        assert ris_type in ris
    bibtex = exports.bibtex(works)
    assert "@article{lind1931," in bibtex and "journal = {Northern Courier}" in bibtex
    assert "@misc{lind2015," in bibtex
    assert "@phdthesis{lind2004," in bibtex and "school = {University of Tromsø}" in bibtex


@pytest.mark.parametrize("fmt", ["csl-json", "ris"])
def test_an_exported_newspaper_page_and_thesis_import_back_as_the_same_kinds(three, fmt):
    works = list(exports.exported([w.pk for w in three.values()]))
    text = {"csl-json": exports.csl_json, "ris": exports.ris}[fmt](works)
    Work.objects.all().delete()
    Periodical.objects.all().delete()
    result = writing.import_text(text)
    assert result.problems == []
    kinds = dict(Work.objects.values_list("title", "kind"))
    assert kinds == {
        "Floods on the Lower Ob": "newspaper",
        "The Ob Ferry Records": "webpage",
        "Ferries of the Ob, 1890–1930": "thesis",
    }
    newspaper = Work.objects.get(kind="newspaper")
    assert newspaper.periodical.title == "Northern Courier"
    assert Work.objects.get(kind="thesis").publisher == "University of Tromsø"


def test_a_pasted_newspaper_page_and_thesis_are_saved_as_those_kinds(archives_and_languages):
    citing = Work.objects.create(key="citing2020", kind=Work.Kind.ARTICLE, title="Citing")
    text = (
        "1. Ivan Sedov, “Ice on the Yenisei,” Krasnoyarsk Worker, March 3, 1934.\n"
        "2. “Yenisei Shipping,” River Fleet Wiki, accessed May 2, 2021, "
        "https://example.org/yenisei-shipping.\n"
        "3. Olga Frolova, “Ports of the Yenisei” (PhD diss., University of Tomsk, 2009), 12.\n"
    )
    references = [p for p in parse_text(text, NO_ARCHIVES) if p.is_reference]
    import_references(references, citing)
    cited = {c.number: c.cited for c in citing.references.select_related("cited")}
    assert [cited[n].kind for n in (1, 2, 3)] == ["newspaper", "webpage", "thesis"]
    assert cited[1].periodical.title == "Krasnoyarsk Worker"
    assert cited[3].publisher == "University of Tomsk"

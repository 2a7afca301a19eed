"""Match before creating (issue 22): a reference already in the catalogue is linked, not
duplicated, whether it is pasted (importing.py) or uploaded (reference_import.py).

The pasted references here are built by hand, so these tests do not depend on how well
the parser reads a line; tests/test_admin_import.py has the end-to-end Kuromiya test.
"""

import json

import pytest

from catalogue.citations import ParsedReference
from catalogue.importing import writing
from catalogue.importing.matching import Name, find_or_create_periodical, find_or_create_person
from catalogue.importing.reference_list import ImportFailed, import_references
from catalogue.models import Citation, Contribution, Periodical, Person, Work

KUROMIYA = "Hiroaki Kuromiya, “The Mystery of Nomonhan, 1939”, Journal of Slavic Military Studies 24, no. 4 (2011): 659–677."


def kuromiya(number=1, **changes):
    parsed = ParsedReference(
        citation=KUROMIYA,
        number=number,
        line=number,
        kind="article",
        title="The Mystery of Nomonhan, 1939",
        authors=["Hiroaki Kuromiya"],
        year=2011,
        periodical="Journal of Slavic Military Studies",
        volume="24",
        issue="4",
        pages="659–677",
    )
    for name, value in changes.items():
        setattr(parsed, name, value)  # `doi` and `url` before the parser has them
    return parsed


@pytest.fixture
def citing(db):
    def make(key):
        return Work.objects.create(key=key, kind=Work.Kind.ARTICLE, title=f"Citing {key}")

    return make


def test_a_journal_article_keeps_what_the_parser_read(citing):
    parsed = kuromiya(doi="10.1080/13518046.2011.624736", url="https://example.org/nomonhan")
    import_references([parsed], citing("a"))
    work = Work.objects.get(title="The Mystery of Nomonhan, 1939")
    assert work.kind == Work.Kind.ARTICLE
    assert (work.year, work.volume, work.issue, work.pages) == (2011, "24", "4", "659–677")
    assert work.periodical.title == "Journal of Slavic Military Studies"
    assert work.doi == "10.1080/13518046.2011.624736"
    assert work.url == "https://example.org/nomonhan"
    author = work.contributions.get().person
    assert (author.name, author.given_names) == ("Kuromiya", "Hiroaki")


def test_the_same_reference_pasted_for_two_works_is_one_work(citing):
    import_references([kuromiya()], citing("a"))
    import_references([kuromiya(number=7)], citing("b"))
    assert Work.objects.filter(kind=Work.Kind.ARTICLE, year=2011).count() == 1
    assert Citation.objects.filter(cited__year=2011).count() == 2
    assert Person.objects.count() == 1 and Periodical.objects.count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "The mystery of Nomonhan, 1939."},  # case and a closing full stop
        {"title": "The Mystеry of Nomonhan, 1939"},  # a Cyrillic е
        {"authors": ["Kuromiya H."]},  # the family name first, initials only
        {"authors": ["Куромия Х."]},  # in Cyrillic
        {"title": "Another title altogether", "doi": "10.1080/13518046.2011.624736"},
    ],
)
def test_a_reference_written_differently_still_matches(citing, changes):
    import_references([kuromiya(doi="10.1080/13518046.2011.624736")], citing("a"))
    import_references([kuromiya(**changes)], citing("b"))
    assert Work.objects.filter(year=2011).count() == 1


@pytest.mark.parametrize(
    "changes",
    [{"year": 2012}, {"authors": ["Alvin D. Coox"]}, {"title": "The Mystery of Khalkhin Gol"}],
)
def test_another_year_or_author_is_another_work(citing, changes):
    import_references([kuromiya()], citing("a"))
    import_references([kuromiya(**changes)], citing("b"))
    assert Work.objects.exclude(key__in=["a", "b"]).count() == 2


def test_the_editor_can_link_another_work_or_force_a_new_one(citing):
    import_references([kuromiya()], citing("a"))
    found = Work.objects.get(year=2011)
    other = Work.objects.create(key="other", kind=Work.Kind.BOOK, title="Nomonhan")
    b = citing("b")
    import_references([kuromiya(1), kuromiya(2, title="x")], b, links={1: other, 2: None})
    assert Citation.objects.get(citing=b, number=1).cited == other
    assert Citation.objects.get(citing=b, number=2).cited not in (other, found)


def test_a_new_work_with_a_catalogued_doi_is_refused_with_a_message(citing):
    import_references([kuromiya(doi="10.1/x")], citing("a"))
    with pytest.raises(ImportFailed, match=r"the DOI 10\.1/x belongs to a catalogued work"):
        import_references([kuromiya(doi="10.1/x")], citing("b"), links={1: None})
    assert Work.objects.filter(year=2011).count() == 1


def test_a_chapter_is_not_its_book_because_they_share_an_isbn(citing):
    Work.objects.create(key="book", kind=Work.Kind.BOOK, title="Nomonhan", isbn="9780804711609")
    chapter = kuromiya(kind="chapter", title="Prelude", periodical=None, isbn="978-0-8047-1160-9")
    import_references([chapter], citing("a"))
    assert Work.objects.filter(kind=Work.Kind.CHAPTER).count() == 1
    book = kuromiya(kind="book", title="Nomonhan: Japan against Russia", isbn="9780804711609")
    import_references([book], citing("b"))
    assert Work.objects.filter(kind=Work.Kind.BOOK).count() == 1


def test_people_given_by_initials_or_in_full_are_one_person(db):
    zhukov, created = find_or_create_person(Name("Zhukov", "G. K."))
    assert created
    assert find_or_create_person(Name("Жуков", "Г. К.")) == (zhukov, False)
    assert find_or_create_person(Name("Zhukov", "Georgii Konstantinovich"))[0] == zhukov
    assert find_or_create_person(Name("Zhukov", "A. K."))[0] != zhukov
    assert find_or_create_person(Name("Zhukov"))[0] != zhukov


def test_a_journal_cited_in_either_script_is_one_journal(db):
    journal, _ = find_or_create_periodical("Voprosy istorii")
    assert find_or_create_periodical("Вопросы истории") == (journal, False)
    assert find_or_create_periodical("VOPROSY  ISTORII")[0] == journal
    assert find_or_create_periodical("Voprosy istorii estestvoznaniia")[0] != journal


def csl(**changes):
    record = {
        "id": "kuromiya2011",
        "type": "article-journal",
        "title": "The Mystery of Nomonhan, 1939",
        "author": [{"family": "Kuromiya", "given": "Hiroaki"}],
        "container-title": "Journal of Slavic Military Studies",
        "issued": {"date-parts": [[2011]]},
        "volume": "24",
        "issue": "4",
        "page": "659-677",
    }
    return json.dumps([{**record, **changes}])


def test_a_pasted_reference_and_an_uploaded_one_meet_the_same_work(citing):
    import_references([kuromiya()], citing("a"))
    result = writing.import_text(csl(DOI="10.1/nomonhan"))
    assert result.created == [] and len(result.updated) == 1
    work = Work.objects.get(year=2011)
    assert work.doi == "10.1/nomonhan"
    assert Person.objects.count() == 1 and Periodical.objects.count() == 1


def test_an_uploaded_work_is_linked_by_a_later_paste(citing):
    writing.import_text(csl())
    import_references([kuromiya()], citing("a"))
    assert Work.objects.filter(year=2011).count() == 1
    assert Contribution.objects.count() == 1
    assert Periodical.objects.count() == 1


def test_a_name_in_its_own_script_is_catalogued_in_latin_with_the_original(db):
    name = Name("Гомбосурэн", "Д.", romanised=Name("Gombosuren", "D."))
    person, created = find_or_create_person(name)
    assert created
    assert (person.name, person.given_names, person.name_original) == (
        "Gombosuren",
        "D.",
        "Гомбосурэн Д.",
    )
    assert find_or_create_person(Name("Gombosuren", "D.")) == (person, False)
    assert find_or_create_person(name) == (person, False)

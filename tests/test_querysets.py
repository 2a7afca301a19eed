"""What the pages prefetch (`with_list_relations`, `with_detail_relations`,
`with_cited_documents`): a reader sees each work's people, languages, journal and
archival locations, a work's citations both ways, a fond's files and the documents cited
from them, as the database holds them, at a fixed number of queries however much there is."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from catalogue.models import (
    ArchivalFile,
    ArchivalLocation,
    Contribution,
    Fond,
    Language,
    Person,
    Work,
)

pytestmark = pytest.mark.usefixtures("seed")


@pytest.fixture(autouse=True)
def what_the_seed_lacks(seed):
    """The seed's works are each in one language, their people all authors, and no file
    holds two documents: here a parallel text, a translator beside an author, and a file
    citing two documents."""
    work = Work.objects.filter(languages__code="ru").first()
    work.languages.add(*Language.objects.exclude(code="ru")[:1])
    authored = Contribution.objects.order_by("pk").first().work
    Contribution.objects.create(
        work=authored,
        person=Person.objects.exclude(contributions__work=authored).first(),
        role=Contribution.Role.TRANSLATOR,
        position=1,
    )
    first = ArchivalLocation.objects.order_by("pk").first()
    other = Work.objects.exclude(pk=first.work_id).order_by("-pk").first()
    ArchivalLocation.objects.create(work=other, file=first.file, folios="12-13", position=99)


def as_held(work):
    """What a row shows of `work`, read afresh, relation by relation, in each one's order."""
    return {
        "contributors": [
            {"name": str(c.person), "role": c.role}
            for c in work.contributions.order_by("role", "position")
        ],
        "languages": [language.code for language in work.languages.all()],
        "periodical": work.periodical.title if work.periodical_id else None,
        "locations": [
            {
                "archive": loc.file.inventory.fond.archive.slug,
                "fond": loc.file.inventory.fond.number,
                "inventory": loc.file.inventory.number,
                "folder": loc.file.folder.number if loc.file.folder_id else None,
                "file": loc.file.number,
                "folios": loc.folios or None,
            }
            for loc in work.locations.order_by("position")
        ],
    }


def as_shown(row):
    """The same of a row of the works list's JSON."""
    return {
        "contributors": [{"name": c["name"], "role": c["role"]} for c in row["contributors"]],
        "languages": row["languages"],
        "periodical": row["periodical"],
        "locations": [
            {k: loc[k] for k in ("archive", "fond", "inventory", "folder", "file", "folios")}
            for loc in row["locations"]
        ],
    }


def test_the_works_list_shows_each_works_people_languages_journal_and_locations(get_json, settings):
    settings.OPIS_PAGE_SIZE = 100  # the whole seed on one page
    rows = get_json("/works/")["results"]
    assert len(rows) == Work.objects.count()
    shown = {row["id"]: as_shown(row) for row in rows}
    assert shown == {work.pk: as_held(work) for work in Work.objects.all()}
    # The seed has what a row must show: journals and none, files in folders and not,
    # several people of several roles, several languages.
    values = list(shown.values())
    assert {bool(v["periodical"]) for v in values} == {True, False}
    assert {loc["folder"] is None for v in values for loc in v["locations"]} == {True, False}
    assert any(len(v["contributors"]) > 1 for v in values)
    assert any(len({c["role"] for c in v["contributors"]}) > 1 for v in values)
    assert any(len(v["languages"]) > 1 for v in values)


def row(work, query=""):
    """A work's row in a list, as the works page renders it."""
    return render_to_string("catalogue/_work_row.html", {"work": work, "query": query})


def test_a_listed_works_row_reads_as_the_row_of_the_work_read_afresh():
    """The HTML of a row from the prefetched works is the row of each work read plainly
    (its relations loaded one by one), in both languages."""
    ids = list(Work.objects.order_by("-year", "key").values_list("pk", flat=True))
    listed = Work.objects.with_list_relations().in_order([*ids, max(ids) + 1000])
    assert [work.pk for work in listed] == ids  # in the page's order; a gone work left out
    for language in ("en", "ru"):
        with translation.override(language):
            for work in listed:
                afresh = Work.objects.get(pk=work.pk)
                assert row(work, "Khalkhin") == row(afresh, "Khalkhin")


def test_a_page_of_works_costs_four_queries_however_many_it_holds(
    django_assert_num_queries,
):
    """The works with their journals, then their people, languages and locations; reading
    the rows asks nothing more, and the way back to the work is the work itself."""
    ids = list(Work.objects.values_list("pk", flat=True))
    for some in (ids[:2], ids):
        with django_assert_num_queries(4):
            listed = Work.objects.with_list_relations().in_order(some)
        with django_assert_num_queries(0):
            for work in listed:
                row(work)
                assert all(c.work is work for c in work.contributions.all())
                assert all(loc.work is work for loc in work.locations.all())
    with django_assert_num_queries(0):
        assert Work.objects.with_list_relations().in_order([]) == []


def test_a_work_page_shows_its_references_in_order_and_who_cites_it_by_title(get_json):
    article = Work.objects.get(key="batunaev2019")  # 24 references
    data = get_json(f"/works/{article.pk}/")
    assert as_shown(data) == as_held(article)
    expected = article.references.order_by("number")
    assert [(r["number"], r["work"]["title"]) for r in data["references"]] == [
        (c.number, c.cited.title) for c in expected
    ]
    cited = expected.first().cited
    data = get_json(f"/works/{cited.pk}/")
    assert [r["work"]["title"] for r in data["cited_by"]] == [
        c.citing.title for c in cited.citations.order_by("citing__sort_title", "citing_id")
    ]
    assert data["cited_by"] and not data["references"]
    get_json(f"/works/{max(Work.objects.values_list('pk', flat=True)) + 1}/", status=404)


def test_a_work_with_its_citations_costs_six_queries_however_many_it_has(
    django_assert_num_queries,
):
    article = Work.objects.get(key="batunaev2019")
    for work in (article, article.references.first().cited):
        with django_assert_num_queries(6):
            read = Work.objects.with_detail_relations().get(pk=work.pk)
        with django_assert_num_queries(0):
            far = [c.cited.title for c in read.references.all()]
            far += [c.citing.title for c in read.citations.all()]
            assert all(c.citing is read for c in read.references.all())
            assert all(c.cited is read for c in read.citations.all())
            assert far


def test_a_fond_page_shows_its_files_in_order_with_the_documents_cited_from_them(get_json):
    first = ArchivalLocation.objects.order_by("pk").first()
    fonds = Fond.objects.select_related("archive").order_by("pk")
    assert any(fond.archive.uses_folders for fond in fonds)  # files with folders and without
    for fond in fonds:
        data = get_json(fond.get_absolute_url())["files"]["results"]
        files = ArchivalFile.objects.filter(inventory__fond=fond).order_by(
            "inventory__sort_key", "folder__sort_key", "sort_key", "pk"
        )
        assert [
            (
                f["inventory"],
                f["folder"],
                f["number"],
                [(d["title"], d["folios"]) for d in f["documents"]],
            )
            for f in data
        ] == [
            (
                file.inventory.number,
                file.folder.number if file.folder_id else None,
                file.number,
                [(loc.work.title, loc.folios or None) for loc in file.locations.all()],
            )
            for file in files
        ]
    assert any(
        len(f["documents"]) > 1
        for f in get_json(first.file.inventory.fond.get_absolute_url())["files"]["results"]
    )


def test_a_fond_pages_files_cost_two_queries_and_their_works_only_their_titles(
    django_assert_num_queries,
):
    fond = ArchivalLocation.objects.order_by("pk").first().file.inventory.fond
    with django_assert_num_queries(2):  # the files with their folders, their locations
        files = list(ArchivalFile.objects.in_fond(fond).with_cited_documents()[:100])
    with django_assert_num_queries(0):
        shown = [
            (
                file.folder.number if file.folder_id else None,
                file.number,
                [
                    (loc.work.title, loc.work.get_absolute_url(), loc.folios)
                    for loc in file.locations.all()
                ],
            )
            for file in files
        ]
    assert shown and any(len(row[2]) > 1 for row in shown)
    location = next(loc for file in files for loc in file.locations.all())
    assert location.work.get_deferred_fields() >= {"year", "note"}
    year = Work.objects.get(pk=location.work_id).year
    with django_assert_num_queries(1):  # anything more is loaded when read
        assert location.work.year == year


def test_a_person_page_lists_their_works_with_what_a_row_shows(get_json):
    person = Person.objects.filter(contributions__isnull=False).first()
    rows = get_json(person.get_absolute_url())["works"]["results"]
    assert {row["id"]: as_shown(row) for row in rows} == {
        work.pk: as_held(work) for work in Work.objects.filter(contributions__person=person)
    }

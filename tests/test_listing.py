"""catalogue/listing.py: a page of works with what their rows show, read in one statement
on PostgreSQL, is what the ORM's prefetches give, field by field and row by row."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalogue import listing, serializers
from catalogue.models import Language, Work

pytestmark = pytest.mark.usefixtures("seed")


@pytest.fixture(autouse=True)
def a_work_in_two_languages(seed):
    """The seed's works are each in one language; a parallel text is in two."""
    work = Work.objects.filter(languages__code="ru").first()
    work.languages.add(*Language.objects.exclude(code="ru")[:1])


def fields(instance):
    if instance is None:
        return None
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def everything_a_row_reads(work):
    """Every field of the work and of each related row a list shows, in their order."""
    return {
        "work": fields(work),
        "periodical": fields(work.periodical),
        "people": [(fields(c), fields(c.person)) for c in work.contributions.all()],
        "languages": [fields(language) for language in work.languages.all()],
        "locations": [
            (
                fields(loc),
                fields(loc.file),
                fields(loc.file.folder),
                fields(loc.file.inventory),
                fields(loc.file.inventory.fond),
                fields(loc.file.inventory.fond.archive),
            )
            for loc in work.locations.all()
        ],
    }


def page_ids():
    """Every work, in an order of no index (a page's order is the page's), and an id
    that no longer exists (a work deleted since the ids were read)."""
    ids = list(Work.objects.order_by("-year", "key").values_list("pk", flat=True))
    return [*ids, max(ids) + 1000]


def test_a_page_of_works_reads_as_the_orm_reads_it():
    ids = page_ids()
    expected = Work.objects.with_list_relations().in_order(ids)
    listed = listing.works(ids)
    assert [w.pk for w in listed] == ids[:-1]
    # The seed has what each branch must handle: journals, files in folders and not,
    # several people of several roles, several languages.
    assert any(w.periodical_id for w in listed) and any(not w.periodical_id for w in listed)
    assert any(loc.file.folder_id for w in listed for loc in w.locations.all())
    assert any(len(w.contributions.all()) > 1 for w in listed)
    assert any(len(w.languages.all()) > 1 for w in listed)
    for work, orm in zip(listed, expected, strict=True):
        assert everything_a_row_reads(work) == everything_a_row_reads(orm), work.key


def test_what_a_reader_gets_of_a_listed_work_is_the_same():
    ids = page_ids()
    expected = Work.objects.with_list_relations().in_order(ids)
    listed = listing.works(ids)
    for language in ("en", "ru"):
        with translation.override(language):
            for work, orm in zip(listed, expected, strict=True):
                row = "catalogue/_work_row.html"
                assert render_to_string(row, {"work": work, "query": "Khalkhin"}) == (
                    render_to_string(row, {"work": orm, "query": "Khalkhin"})
                )
                assert serializers.work_summary(work) == serializers.work_summary(orm)


def test_listed_instances_are_made_as_the_orm_makes_them():
    """The same attributes and state as the ORM's instances, so that an edit of one is
    saved as an update of its row."""

    def made(instance):
        attributes = {
            k: v
            for k, v in vars(instance).items()
            if k not in ("_state", "_prefetched_objects_cache")
        }
        return attributes, instance._state.adding, instance._state.db

    ids = page_ids()
    orm = {work.pk: work for work in Work.objects.with_list_relations().in_order(ids)}
    for work in listing.works(ids):
        expected = orm[work.pk]
        assert made(work) == made(expected)
        for contribution, theirs in zip(
            work.contributions.all(), expected.contributions.all(), strict=True
        ):
            assert made(contribution.person) == made(theirs.person)
        for location, theirs in zip(work.locations.all(), expected.locations.all(), strict=True):
            assert made(location.file.inventory.fond.archive) == made(
                theirs.file.inventory.fond.archive
            )
    listed = listing.works(ids)[0]
    listed.title = "Retitled"
    listed.save()
    assert Work.objects.get(pk=listed.pk).title == "Retitled"
    assert Work.objects.count() == len(ids) - 1  # updated, not inserted again


def test_a_model_with_an_init_receiver_is_made_by_the_orm():
    """A receiver of post_init (an app that tracks instances) still sees each one."""
    from django.db.models.signals import post_init

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(receiver, sender=Language)
    listing._attnames.cache_clear()
    try:
        listed = listing.works(page_ids())
    finally:
        post_init.disconnect(receiver, sender=Language)
        listing._attnames.cache_clear()
    assert sorted(seen) == sorted(lang.pk for w in listed for lang in w.languages.all())


def test_on_postgresql_a_page_of_works_is_one_statement(on_postgres):
    if not on_postgres:
        pytest.skip("SQLite reads a page with the ORM's prefetches")
    ids = page_ids()
    with CaptureQueriesContext(connection) as captured:
        listed = listing.works(ids)
    assert len(captured) == 1
    with CaptureQueriesContext(connection) as captured:
        for work in listed:
            everything_a_row_reads(work)
            # The way back, as the ORM's prefetch sets it.
            assert all(c.work is work for c in work.contributions.all())
            assert all(loc.work is work for loc in work.locations.all())
    assert not captured.captured_queries
    # Nothing to read, nothing asked.
    with CaptureQueriesContext(connection) as captured:
        assert listing.works([]) == []
    assert not captured.captured_queries


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        return cursor.fetchall()


def test_on_postgresql_the_page_statement_is_planned_once_a_connection(on_postgres):
    """Parsing and planning the statement anew took 1.2 of the 1.5 ms that PostgreSQL
    spent on a page's works at a million works; prepared, it is planned once a
    connection. The pages read the same, and the query log shows the values."""
    if not on_postgres:
        pytest.skip("SQLite has no prepared statements to keep")
    ids = page_ids()
    for start in range(8):  # pages of other works, as readers page through the list
        with CaptureQueriesContext(connection) as captured:
            listed = listing.works(ids[start : start + 5])
        assert [w.pk for w in listed] == ids[start : start + 5]
        # Logged with its values, as Django logs its own: a log can be run again.
        assert "$1" not in captured[0]["sql"]
        assert str(ids[start]) in captured[0]["sql"]
    kept = [(text, runs) for text, runs in prepared_statements() if "json_agg" in text]
    assert len(kept) == 1, kept
    assert "= ANY($1)" in kept[0][0]
    assert kept[0][1] >= 3  # run as prepared after the first five
    assert [everything_a_row_reads(w) for w in listing.works(ids)] == [
        everything_a_row_reads(w) for w in Work.objects.with_list_relations().in_order(ids)
    ]


def test_a_related_field_json_cannot_carry_sends_the_page_back_to_the_orm(monkeypatch):
    """A date or a decimal would come out of JSON as a string: then the ORM reads the page."""
    monkeypatch.setattr(listing, "_JSON_NATIVE", listing._JSON_NATIVE - {"SlugField"})
    listing._one_statement_possible.cache_clear()
    try:
        ids = page_ids()
        with CaptureQueriesContext(connection) as captured:
            listed = listing.works(ids)
        assert len(captured) == 4  # the works, then each relation's prefetch
        expected = Work.objects.with_list_relations().in_order(ids)
        assert [everything_a_row_reads(w) for w in listed] == [
            everything_a_row_reads(w) for w in expected
        ]
    finally:
        listing._one_statement_possible.cache_clear()


def test_a_work_page_reads_its_work_as_the_orm_reads_it():
    for pk in Work.objects.values_list("pk", flat=True):
        work = listing.work(pk)
        expected = Work.objects.with_detail_relations().get(pk=pk)
        assert everything_a_row_reads(work) == everything_a_row_reads(expected)
        assert fields(work.part_of) == fields(expected.part_of)
        for name, other in (("references", "cited"), ("citations", "citing")):
            assert [(fields(c), fields(getattr(c, other))) for c in getattr(work, name).all()] == [
                (fields(c), fields(getattr(c, other))) for c in getattr(expected, name).all()
            ]
    assert listing.work(max(Work.objects.values_list("pk", flat=True)) + 1) is None


def test_on_postgresql_a_work_pages_citations_are_one_statement_planned_once(on_postgres):
    """Both ends of a work's citations come in one statement, written once and prepared on
    the connection as the page's works are; each citation's far work is read with it."""
    if not on_postgres:
        pytest.skip("SQLite reads the citations with the ORM")
    article = Work.objects.get(key="batunaev2019")  # 24 references
    cited = article.references.order_by("number").first().cited_id  # cited by the article
    for _ in range(6):  # prepared after the first five runs on a connection
        for pk in (article.pk, cited):
            with CaptureQueriesContext(connection) as captured:
                work = listing.work(pk)
                far = [c.cited.title for c in work.references.all()]
                far += [c.citing.title for c in work.citations.all()]
                assert all(c.citing is work for c in work.references.all())
                assert all(c.cited is work for c in work.citations.all())
            assert len(captured) == 2  # the work, then its citations both ways
            assert str(pk) in captured[1]["sql"]  # logged with its values
            assert far
    kept = [text for text, _ in prepared_statements() if "UNION ALL" in text]
    assert len(kept) == 1, kept


def test_a_fond_page_reads_its_fond_and_files_as_the_orm_reads_them(on_postgres):
    """listing.fond and listing.FondFiles: the fond with its archive, and any run of its
    files in the page's order with their folders, as the ORM's lookup and select_related
    give them; on PostgreSQL each by one prepared statement, nothing read after."""
    from catalogue.models import ArchivalFile, Fond

    fonds = list(Fond.objects.select_related("archive").order_by("pk"))
    assert any(f.archive.uses_folders for f in fonds)  # files with folders and without
    for expected in fonds:
        with CaptureQueriesContext(connection) as captured:
            fond = listing.fond(expected.archive.slug, expected.number)
            assert (fields(fond), fields(fond.archive)) == (
                fields(expected),
                fields(expected.archive),
            )
        assert len(captured) == 1
        files = ArchivalFile.objects.filter(inventory__fond=fond).select_related("folder")
        files = list(files.order_by(*listing.FondFiles.ORDER))
        read = listing.FondFiles(fond, len(files))
        assert len(read) == len(files)
        for start, stop in ((0, 100), (0, 1), (1, 3), (len(files), len(files) + 5)):
            with CaptureQueriesContext(connection) as captured:
                page = read[start:stop]
                assert [(fields(f), fields(f.folder)) for f in page] == [
                    (fields(f), fields(f.folder)) for f in files[start:stop]
                ]
            assert len(captured) == 1
    assert listing.fond(fonds[0].archive.slug, "no-such-fond") is None
    assert listing.fond("no-such-archive", fonds[0].number) is None
    with pytest.raises(TypeError):
        listing.FondFiles(fonds[0], 1)[0]
    if on_postgres:
        kept = [text for text, _ in prepared_statements() if "catalogue_fond d" in text]
        kept += [text for text, _ in prepared_statements() if "LIMIT $2 OFFSET $3" in text]
        assert len(kept) == 2, kept


def test_a_fond_pages_files_have_the_documents_the_orms_prefetch_gave():
    """listing.cited_from: each file's locations in the ORM's order, each with its folios and
    its work's id and title, the work's other fields deferred as after `only()`; read with
    no further query, and a location loaded in full when asked for more."""
    from django.db.models import Prefetch

    from catalogue.models import ArchivalFile, ArchivalLocation

    first = ArchivalLocation.objects.order_by("pk").first()
    other = Work.objects.exclude(pk=first.work_id).order_by("-pk").first()
    ArchivalLocation.objects.create(work=other, file=first.file, folios="12-13", position=99)
    files = list(ArchivalFile.objects.filter(locations__isnull=False).distinct().order_by("pk"))
    assert any(file.locations.count() > 1 for file in files)  # an order to keep
    only = ArchivalLocation.objects.select_related("work").only("file", "folios", "work__title")
    orm = {
        file.pk: file
        for file in ArchivalFile.objects.filter(pk__in=[f.pk for f in files]).prefetch_related(
            Prefetch("locations", queryset=only)
        )
    }

    def shown(location):
        return (location.pk, location.folios, location.work_id, location.work.title)

    with CaptureQueriesContext(connection) as queries:
        listing.cited_from(files)
        read = {file.pk: [shown(loc) for loc in file.locations.all()] for file in files}
        assert all(loc.file is file for file in files for loc in file.locations.all())
    assert len(queries) == 1
    assert read == {pk: [shown(loc) for loc in file.locations.all()] for pk, file in orm.items()}
    location = files[0].locations.all()[0]
    theirs = orm[files[0].pk].locations.all()[0]
    assert location.get_deferred_fields() == theirs.get_deferred_fields()
    assert location.work.get_deferred_fields() == theirs.work.get_deferred_fields()
    assert location.work.year == Work.objects.get(pk=location.work_id).year  # loaded when read
    assert location.folios_english == theirs.folios_english


def test_a_relation_is_read_from_its_prefetch_as_the_related_manager_reads_it():
    """querysets.related: the rows a prefetch left (listing's or the ORM's) without making
    the related manager; without a prefetch, the manager's query."""
    from catalogue.querysets import related

    ids = page_ids()
    orm = Work.objects.with_list_relations().in_order(ids)
    for work in [*listing.works(ids), *orm]:
        with CaptureQueriesContext(connection) as queries:
            for name in ("contributions", "languages", "locations"):
                assert related(work, name) is getattr(work, name).all()
        assert not queries
    bare = Work.objects.get(pk=ids[0])
    with CaptureQueriesContext(connection) as queries:
        rows = list(related(bare, "languages"))
    assert rows == list(bare.languages.all()) and len(queries) == 1

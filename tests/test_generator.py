"""The synthetic catalogue of `generate_catalogue`: deterministic, realistic enough, browsable."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from catalogue.generator import generate
from catalogue.models import (
    ArchivalLocation,
    Archive,
    Citation,
    Contribution,
    Fond,
    Language,
    Person,
    Work,
)

pytestmark = pytest.mark.usefixtures("seed")

N = 300


def snapshot():
    """Every generated row that matters, ids included, in a comparable form."""
    return {
        "works": list(
            Work.objects.filter(key__startswith="gen-")
            .order_by("pk")
            .values_list("pk", "key", "kind", "title", "year", "search_key", "sort_title")
        ),
        "languages": sorted(
            Work.languages.through.objects.filter(work__key__startswith="gen-").values_list(
                "work_id", "language_id"
            )
        ),
        "locations": list(
            ArchivalLocation.objects.filter(work__key__startswith="gen-")
            .order_by("pk")
            .values_list("work_id", "file_id", "folios", "first_folio", "last_folio")
        ),
        "people": list(Contribution.objects.order_by("pk").values_list("work_id", "person_id")),
        "citations": list(Citation.objects.order_by("pk").values_list("citing_id", "cited_id")),
        "fonds": list(Fond.objects.order_by("pk").values_list("archive__slug", "number")),
    }


def generated(seed):
    """The rows generate() makes for `seed`, then rolled back."""
    with transaction.atomic():
        generate(N, seed, progress=lambda message: None)
        rows = snapshot()
        transaction.set_rollback(True)
    return rows


def test_the_same_seed_gives_the_same_rows_and_another_seed_others(db):
    first, again, other = generated(7), generated(7), generated(8)
    assert len(first["works"]) == N
    assert first == again
    assert first["works"] != other["works"]
    assert first["citations"] != other["citations"]


def test_it_makes_a_catalogue_shaped_like_a_real_one():
    call_command("generate_catalogue", works=N, seed=5, verbosity=0)
    works = Work.objects.filter(key__startswith="gen-")
    assert works.count() == N
    archival = works.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT)
    assert 0.2 * N < archival.count() < 0.4 * N
    # Every archival document has a location, and only they do.
    assert not archival.filter(locations__isnull=True).exists()
    assert not works.exclude(kind=Work.Kind.ARCHIVAL_DOCUMENT).filter(locations__isnull=False)
    # Every work has a language; Russian is the most common; several languages occur.
    assert not works.filter(languages__isnull=True).exists()
    per_language = {
        lang.code: works.filter(languages=lang).count() for lang in Language.objects.all()
    }
    assert max(per_language, key=per_language.get) == "ru"
    assert sum(1 for count in per_language.values() if count) >= 4
    # Synthetic archives are marked so; the real ones of the fixture are reused.
    assert Archive.objects.filter(slug__startswith="gen-regional-").exists()
    assert all(
        a.name_en.startswith("Synthetic Regional Archive")
        for a in Archive.objects.filter(slug__startswith="gen-")
    )
    # About one citation a work, and people shared across works (a skewed few write much).
    assert 0.8 * N < Citation.objects.filter(citing__key__startswith="gen-").count() <= N
    busiest = max(Person.objects.filter(slug__startswith="gen-").values_list("pk", flat=True)[:1])
    assert Contribution.objects.filter(person_id=busiest).count() > 3
    # Derived columns are what the pre_save signal writes: saving changes nothing.
    for work in works.order_by("?")[:20]:
        before = (work.search_key, work.sort_title)
        work.save()
        work.refresh_from_db()
        assert (work.search_key, work.sort_title) == before
    for location in ArchivalLocation.objects.filter(work__in=archival)[:20]:
        before = (location.first_folio, location.last_folio)
        location.save()
        location.refresh_from_db()
        assert (location.first_folio, location.last_folio) == before


def test_it_refuses_to_generate_twice_into_one_database():
    call_command("generate_catalogue", works=20, seed=1, verbosity=0)
    with pytest.raises(Exception, match="already holds a generated catalogue"):
        call_command("generate_catalogue", works=20, seed=1, verbosity=0)


def test_the_pages_still_answer_over_a_generated_catalogue(client):
    call_command("generate_catalogue", works=N, seed=5, verbosity=0)
    document = Work.objects.filter(key__startswith="gen-", locations__isnull=False).first()
    fond = document.locations.first().file.inventory.fond
    archive = fond.archive
    language = document.languages.first()
    for path in (
        "/works/",
        f"/works/?archive={archive.slug}",
        f"/works/?language={language.code}&year_min=1930&year_max=2000",
        "/works/?q=mongolia",
        f"/works/{document.pk}/",
        archive.get_absolute_url(),
        fond.get_absolute_url(),
        f"/works/?archive={archive.slug}&format=csl-json",
        "/admin/login/",
    ):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    listed = client.get(f"/works/?archive={archive.slug}&format=json").json()
    assert listed["count"] == Work.objects.in_archives([archive.slug]).count() > 0


def test_generated_works_carry_the_facet_arrays_and_cells_a_full_rebuild_computes(on_postgres):
    """The generator writes each work's facet arrays itself and rebuilds only the cells: at
    a million works, rewriting every row's arrays took a third of the load. So its arrays
    must be the ones a full rebuild would compute from the locations and languages."""
    if not on_postgres:
        pytest.skip("the facet arrays and cells are PostgreSQL's")
    from tests.test_facet_cells import assert_cells_agree

    call_command("generate_catalogue", works=N, seed=5, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE facet_archives <> catalogue_work_archives(id) "
            "OR facet_languages <> catalogue_work_language_ids(id)), "
            "count(*) FILTER (WHERE facet_archives <> '{}') FROM catalogue_work"
        )
        wrong, in_archives = cursor.fetchone()
    assert wrong == 0
    assert in_archives > 0.2 * N  # the archival documents: the check compared real arrays
    assert_cells_agree()  # counted by cells = counted live; a full rebuild changes nothing

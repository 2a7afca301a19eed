"""An editor corrects the catalogue in the admin without knowing database ids."""

import pytest
from django.contrib.auth import get_user_model

from catalogue.models import ArchivalFile, Citation, Fond, Person, Work

pytestmark = pytest.mark.usefixtures("seed")


@pytest.fixture
def editor(client):
    # No password: force_login needs none, and hashing one costs a second a test.
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", None)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "language",
        "archive",
        "archivename",
        "fond",
        "inventory",
        "folder",
        "archivalfile",
        "person",
        "periodical",
        "work",
        "citation",
    ],
)
def test_every_model_has_a_working_changelist_and_add_form(editor, model):
    assert editor.get(f"/admin/catalogue/{model}/").status_code == 200
    assert editor.get(f"/admin/catalogue/{model}/add/").status_code == 200


@pytest.mark.parametrize(
    "query, expected",
    [("archive=rgaspi", 3), ("archive=rgva", 1), ("language=mn", 2), ("kind__exact=memoir", 1)],
)
def test_the_works_changelist_filters_by_archive_language_and_kind(editor, query, expected):
    response = editor.get(f"/admin/catalogue/work/?{query}")
    assert response.status_code == 200
    assert response.context["cl"].result_count == expected


def test_the_works_changelist_searches(editor):
    response = editor.get("/admin/catalogue/work/?q=Memories")
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize(
    "term",
    ["Жуков", "Žukov", "zhukov1974"],  # a name in two scripts; the work's key
)
def test_the_admin_search_is_the_catalogues_search_or_a_key(editor, term):
    """Editors find a work as readers do: any script or romanisation, or its key."""
    response = editor.get("/admin/catalogue/work/", {"q": term})
    found = [work.key for work in response.context["cl"].result_list]
    assert found == ["zhukov1974"]


def test_the_autocomplete_of_a_cited_work_uses_the_same_search(editor):
    response = editor.get(
        "/admin/autocomplete/",
        {
            "app_label": "catalogue",
            "model_name": "work",
            "field_name": "part_of",
            "term": "Жуков",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [
        str(Work.objects.get(key="zhukov1974"))
    ]


def test_an_editor_corrects_a_title_and_the_site_shows_it(editor, client):
    work = Work.objects.get(key="zhukov1974")
    page = editor.get(f"/admin/catalogue/work/{work.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["languages"] = [lang.pk for lang in work.languages.all()]
    data["title"] = "Memories and Reflections (corrected)"
    for prefix, formset in (
        ("contributions", work.contributions.all()),
        ("locations", work.locations.all()),
        ("references", work.references.all()),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = str(formset.count())
        data[f"{prefix}-INITIAL_FORMS"] = str(formset.count())
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    for i, contribution in enumerate(work.contributions.all()):
        data.update(
            {
                f"contributions-{i}-id": contribution.pk,
                f"contributions-{i}-work": work.pk,
                f"contributions-{i}-person": contribution.person_id,
                f"contributions-{i}-role": contribution.role,
                f"contributions-{i}-position": contribution.position,
            }
        )
    response = editor.post(f"/admin/catalogue/work/{work.pk}/change/", data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    assert (
        "Memories and Reflections (corrected)"
        in client.get(work.get_absolute_url()).content.decode()
    )
    # The search key followed the edit.
    assert Work.objects.search("corrected").get() == work


def test_the_printed_reference_is_read_only_once_written(editor):
    citation = Citation.objects.get(number=9)
    html = editor.get(f"/admin/catalogue/citation/{citation.pk}/change/").content.decode()
    assert 'name="text_as_printed"' not in html
    assert "F. 17. 162. E. 18. Pp. 18-19" in html
    add = editor.get("/admin/catalogue/citation/add/").content.decode()
    assert 'name="text_as_printed"' in add


def test_foreign_keys_are_chosen_by_autocomplete_not_ids(editor):
    work = Work.objects.get(key="rgaspi-17-162-18")
    html = editor.get(f"/admin/catalogue/work/{work.pk}/change/").content.decode()
    assert "admin-autocomplete" in html
    response = editor.get(
        "/admin/autocomplete/",
        {
            "term": "162",
            "app_label": "catalogue",
            "model_name": "archivallocation",
            "field_name": "file",
        },
    )
    assert response.status_code == 200
    assert {r["text"] for r in response.json()["results"]} >= {"RGASPI f. 17 op. 162 d. 18"}


def test_view_on_site_links_to_the_public_page(editor):
    work = Work.objects.get(key="zhukov1974")
    html = editor.get(f"/admin/catalogue/work/{work.pk}/change/").content.decode()
    assert "View on site" in html
    person = Person.objects.get(slug="zhukov-g-k")
    assert (
        "View on site"
        in editor.get(f"/admin/catalogue/person/{person.pk}/change/").content.decode()
    )


def test_an_archive_shows_its_fonds_inline(editor):
    fond = Fond.objects.get(archive__slug="rgaspi", number="558")
    html = editor.get(f"/admin/catalogue/archive/{fond.archive_id}/change/").content.decode()
    assert 'value="558"' in html


def test_a_file_cannot_be_deleted_while_a_document_is_located_in_it(editor):
    file = ArchivalFile.objects.get(number="352")
    response = editor.post(f"/admin/catalogue/archivalfile/{file.pk}/delete/", {"post": "yes"})
    assert ArchivalFile.objects.filter(pk=file.pk).exists()
    assert (
        "protected" in response.content.decode().lower()
        or "would require deleting" in response.content.decode()
    )


@pytest.mark.parametrize(("model", "field"), [("archive", "website"), ("work", "url")])
def test_an_address_typed_without_its_scheme_is_kept_as_https(editor, model, field):
    """`rgaspi.ru` typed into an archive's website or a work's URL becomes
    https://rgaspi.ru, not http:// (Django 5's default, which it warns is going)."""
    import warnings

    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="editor")
    model_admin = admin.site._registry[
        next(m for m in admin.site._registry if m._meta.model_name == model)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no deprecation warning on building the form
        form = model_admin.get_form(request)()
    assert form.fields[field].clean("rgaspi.ru") == "https://rgaspi.ru"
    assert form.fields[field].clean("http://rgaspi.ru") == "http://rgaspi.ru"


def test_a_work_shows_the_editor_what_its_russian_citation_lacks(editor):
    work = Work.objects.get(key="batunaev2019")
    html = editor.get(f"/admin/catalogue/work/{work.pk}/change/").content.decode()
    assert "Missing for the Russian citation" in html
    assert "title in original script; journal: title in original script" in html
    complete = Work.objects.get(key="zhukov1974")
    html = editor.get(f"/admin/catalogue/work/{complete.pk}/change/").content.decode()
    assert "title in original script;" not in html


# The works list and the change form as an editor reads them (issue 26).


def test_the_works_list_shows_each_document_s_archival_location(editor):
    html = editor.get("/admin/catalogue/work/", {"archive": "rgaspi"}).content.decode()
    assert '<th scope="col" class="sortable column-title' in html or "column-title" in html
    assert "column-archival_location" in html
    document = Work.objects.get(key="rgaspi-17-162-18")
    location = str(document.locations.get())
    assert location.startswith("RGASPI f. 17 op. 162 d. 18")
    assert f'<td class="field-archival_location">{location}</td>' in html
    published = editor.get("/admin/catalogue/work/", {"q": "zhukov1974"}).content.decode()
    assert '<td class="field-archival_location">—</td>' in published


def test_the_works_list_gives_the_title_its_room_and_leaves_out_the_journal(editor):
    html = editor.get("/admin/catalogue/work/").content.decode()
    assert "/static/catalogue/admin.css" in html  # .field-title's min-width
    assert "column-periodical" not in html


def test_the_works_list_costs_the_same_queries_however_many_locations_its_rows_have(
    editor, django_assert_max_num_queries
):
    """The author and the location of each row come from two prefetches, not a query a row:
    a page of 100 works whose documents lie in two files each costs what it cost before."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    works = [
        Work.objects.create(key=f"copy-{n}", kind=Work.Kind.ARCHIVAL_DOCUMENT, title=f"A {n}")
        for n in range(80)
    ]
    with CaptureQueriesContext(connection) as before:
        editor.get("/admin/catalogue/work/")
    files = list(ArchivalFile.objects.all()[:2])
    person = Person.objects.first()
    for work in works:
        for position, file in enumerate(files, start=1):
            work.locations.create(file=file, folios=str(position), position=position)
        work.contributions.create(person=person)
    with django_assert_max_num_queries(len(before)):
        response = editor.get("/admin/catalogue/work/")
    assert len(response.context["cl"].result_list) == 100
    assert "(+1)" in response.content.decode()  # a second location, counted


def test_a_long_title_and_a_note_are_edited_in_text_areas(editor):
    work = Work.objects.get(key="zhukov1974")
    form = editor.get(f"/admin/catalogue/work/{work.pk}/change/").context["adminform"].form
    for name in ("title", "title_original", "title_transliterated", "container_title", "note"):
        assert form.fields[name].widget.__class__.__name__ == "Textarea", name
        assert form.fields[name].widget.attrs["rows"] in (3, 4)
    assert form.fields["volume"].widget.__class__.__name__ != "Textarea"
    fond = Fond.objects.get(archive__slug="rgaspi", number="558")
    html = editor.get(f"/admin/catalogue/fond/{fond.pk}/change/").content.decode()
    assert '<textarea name="title"' in html


def test_a_unit_whose_number_makes_no_url_has_no_view_on_site_link(editor):
    fond = Fond.objects.get(archive__slug="rgaspi", number="558")
    url = f"/admin/catalogue/fond/{fond.pk}/change/"
    assert "View on site" in editor.get(url).content.decode()
    # A number no address can carry (a line break), written round the form's validator,
    # as a script or an old import could have.
    Fond.objects.filter(pk=fond.pk).update(number="33987\n2")
    assert Fond.objects.get(pk=fond.pk).get_absolute_url() is None
    html = editor.get(url).content.decode()
    assert "View on site" not in html and "viewsitelink" not in html

"""The admin's import page: paste, see the parse, correct, import; bad input never a 500."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.models import ArchivalFile, Citation, Fond, Language, Work

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "fixtures" / "sources" / "batunaev-2019.txt").read_text(encoding="utf-8")
URL = "/admin/catalogue/work/import-references/"


@pytest.fixture
def article(archives_and_languages):
    work = Work.objects.create(key="batunaev2019", kind=Work.Kind.ARTICLE, title="Khalkhin-Gol")
    work.languages.add(Language.objects.get(code="ru"))
    return work


@pytest.fixture
def editor(client, db):
    user = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def parse(client, article, text):
    return client.post(URL, {"citing": article.pk, "text": text, "action": "parse"})


def post_data(response, action="import", change=None):
    """The preview's formset as the browser would post it back, with `change` applied."""
    formset = response.context["formset"]
    data = {"action": action, "citing_id": response.context["citing"].pk}
    data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
    for form in formset:
        for name in form.fields:
            value = form.initial.get(name)
            if name in ("include", "is_archival"):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = "" if value is None else value
    data.update(change or {})
    return {k: v for k, v in data.items() if v is not False}


def test_the_work_list_links_to_the_import_page(editor, article):
    response = editor.get(reverse("admin:catalogue_work_changelist"))
    assert URL in response.content.decode()
    assert reverse("admin:catalogue_work_import_references") == URL


def test_the_page_asks_for_a_list_and_a_citing_work(editor, article):
    response = editor.get(URL)
    assert response.status_code == 200
    assert b'name="text"' in response.content and b'name="citing"' in response.content


def test_it_shows_the_parse_with_doubtful_cells_marked(editor, article):
    response = parse(editor, article, SEED_TEXT)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 25
    page = response.content.decode()
    assert "read the label &#x27;E.&#x27; as the file label" in page
    assert 'class="unsure"' in page
    assert response.context["skipped"]  # the article's own text, listed as skipped
    assert Citation.objects.count() == 0  # parsing writes nothing


def test_it_imports_the_corrected_parse(editor, article):
    preview = parse(editor, article, SEED_TEXT)
    # No. 19 is the 19th row (index 18); the editor corrects its folios.
    response = editor.post(URL, post_data(preview, change={"ref-18-folios": "5-7 об."}))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:catalogue_work_change", args=[article.pk])
    assert article.references.count() == 25
    assert Work.objects.count() == 26
    no19 = Citation.objects.get(citing=article, number=19).cited
    assert no19.locations.get().folios == "5-7 об."
    assert ArchivalFile.objects.count() == 6


def test_an_unticked_row_is_not_imported(editor, article):
    preview = parse(editor, article, SEED_TEXT)
    data = post_data(preview)
    del data["ref-0-include"]
    editor.post(URL, data)
    assert sorted(article.references.values_list("number", flat=True)) == list(range(2, 26))


def test_a_dry_run_shows_the_plan_and_writes_nothing(editor, article):
    preview = parse(editor, article, SEED_TEXT)
    response = editor.post(URL, post_data(preview, action="dry_run"))
    assert response.status_code == 200
    assert "would create fond: RGVA f. 32113" in response.content.decode()
    assert Citation.objects.count() == 0


def test_a_row_an_editor_broke_is_marked_and_nothing_is_written(editor, article):
    preview = parse(editor, article, SEED_TEXT)
    response = editor.post(URL, post_data(preview, change={"ref-6-inventory": ""}))
    assert response.status_code == 200
    assert "An archival reference needs inventory." in response.content.decode()
    assert Citation.objects.count() == 0 and Fond.objects.count() == 0


def test_an_import_error_comes_back_with_the_rows(editor, article):
    preview = parse(editor, article, SEED_TEXT)
    response = editor.post(URL, post_data(preview, change={"ref-1-number": "1"}))
    assert response.status_code == 200
    assert "number 1 is used twice" in response.content.decode()
    assert Citation.objects.count() == 0


def test_damaged_hidden_data_is_a_form_error(editor, article):
    preview = parse(editor, article, SEED_TEXT)
    response = editor.post(URL, post_data(preview, change={"ref-0-extra": "{not json"}))
    assert response.status_code == 200
    assert Citation.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n  ", "empty"),
        ("References\n\nСписок литературы\n", "No reference found"),
        ("\x01\x02\x03\x04" * 100, "does not look like text"),
        ("\x00" * 100, "Null characters are not allowed"),
        ("\ufffd\x7f" * 500, "does not look like text"),
    ],
)
def test_bad_pastes_get_a_clear_message(editor, article, text, message):
    response = parse(editor, article, text)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_cp1251_upload_is_read_with_a_notice(editor, article):
    upload = SimpleUploadedFile(
        "refs.txt", "1. РГАСПИ. Ф. 17. Оп. 162. Д. 20. Л. 162.\n".encode("cp1251")
    )
    response = editor.post(URL, {"citing": article.pk, "upload": upload, "action": "parse"})
    assert response.status_code == 200
    assert response.context["formset"].forms[0].initial["archive"] == "rgaspi"
    assert "cp1251" in response.content.decode()


def test_a_binary_upload_is_refused(editor, article):
    upload = SimpleUploadedFile("refs.pdf", b"%PDF-1.4\x00\x00\xff\xfe" * 100)
    response = editor.post(URL, {"citing": article.pk, "upload": upload, "action": "parse"})
    assert response.status_code == 200
    assert "binary" in response.content.decode()


@pytest.mark.parametrize("enforce_csrf", [False, True])
def test_a_ten_megabyte_paste_is_refused_without_a_500(article, enforce_csrf):
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(User.objects.create_superuser("big", "big@example.org", "pw"))
    response = parse(client, article, "1. RGVA. F. 1. Op. 1. D. 1. L. 1.\n" * 330_000)
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert Citation.objects.count() == 0


def test_the_guard_still_checks_csrf(article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("csrf", "csrf@example.org", "pw"))
    response = parse(client, article, "1. RGVA. F. 1. Op. 1. D. 1. L. 1.")
    assert response.status_code == 403
    assert Citation.objects.count() == 0


def test_an_unknown_citing_work_is_a_form_error(editor, article):
    response = editor.post(URL, {"citing": 999999, "text": SEED_TEXT, "action": "parse"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = editor.post(URL, {"citing_id": "99999999999999999999999", "action": "import"})
    assert response.status_code == 200


def test_it_needs_permission_to_add_citations(client, article):
    clerk = User.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_work"))
    client.force_login(clerk)
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.one_of(
        st.text(max_size=400),
        st.lists(
            st.sampled_from(["1. ", "RGVA. ", "F. 1. ", "Op. ", "D. 2", "\n", "“", "Ф. "])
        ).map("".join),
    )
)
def test_any_paste_gets_a_page_never_a_500(editor, article, text):
    response = parse(editor, article, text)
    assert response.status_code == 200
    assert Citation.objects.count() == 0

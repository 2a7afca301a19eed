"""The admin in Russian (issue 26): the names of records and of their fields read as an
archivist says them, the lists and forms alike, and the English admin is unchanged."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model

from catalogue.models import Fond, Person, Work

pytestmark = pytest.mark.usefixtures("seed")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", None)
    client.force_login(user)
    return client


@pytest.fixture
def russian_editor(editor):
    editor.cookies["django_language"] = "ru"
    return editor


def text_of(response):
    """The page as a reader sees it: tags dropped, entities read, spaces collapsed."""
    assert response.status_code == 200
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def title_of(response):
    return unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1])


def test_the_works_changelist_names_its_columns_and_filters_in_russian(russian_editor):
    response = russian_editor.get("/admin/catalogue/work/")
    text = text_of(response)
    assert title_of(response).startswith("Выберите труд для изменения")
    for heading in ("Заглавие", "Вид", "Год", "Автор или редактор", "Место хранения"):
        assert heading in text
    # The sidebar's filters: the kind's field, the archive and the language.
    for filter_title in ("вид", "архив", "язык"):
        assert f'data-filter-title="{filter_title}"' in response.content.decode()
    assert "Kind" not in text and "Archival location" not in text


def test_a_works_form_labels_its_fields_and_inlines_in_russian(russian_editor):
    work = Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).order_by("key").first()
    response = russian_editor.get(f"/admin/catalogue/work/{work.pk}/change/")
    text = text_of(response)
    assert "| Изменить труд |" in title_of(response)  # "<record> | Изменить труд | Opis admin"
    for label in ("Вид:", "Ключ ссылки:", "Заглавие:", "Год:", "Место издания:"):
        assert label in text
    for section in ("Издание", "Идентификаторы", "Примечания"):
        assert section in text
    # The inlines' headings and their columns.
    for inline in ("Записи об авторстве", "Места хранения", "Список литературы"):
        assert inline in text
    assert "Листы" in text and "Дело" in text and "Порядковый номер" in text
    assert "Citation key" not in text and "Kind:" not in text


def test_a_fond_reads_in_russian_in_its_list_and_its_form(russian_editor):
    listing = russian_editor.get("/admin/catalogue/fond/")
    assert title_of(listing).startswith("Выберите фонд для изменения")
    assert "Номер" in text_of(listing)
    assert 'data-filter-title="архив"' in listing.content.decode()
    fond = Fond.objects.order_by("pk").first()
    response = russian_editor.get(f"/admin/catalogue/fond/{fond.pk}/change/")
    text = text_of(response)
    assert "| Изменить фонд |" in title_of(response)
    for label in ("Архив:", "Номер:", "Название:", "Крайние даты:", "Примечание:"):
        assert label in text
    assert "Описи" in text  # the inline of its inventories


def test_a_person_reads_in_russian_in_their_list_and_form(russian_editor):
    listing = russian_editor.get("/admin/catalogue/person/")
    assert title_of(listing).startswith("Выберите лицо для изменения")
    assert "Труды" in text_of(listing)  # the column counting their works
    assert 'data-filter-title="вид"' in listing.content.decode()
    person = Person.objects.order_by("pk").first()
    response = russian_editor.get(f"/admin/catalogue/person/{person.pk}/change/")
    text = text_of(response)
    assert "| Изменить лицо |" in title_of(response)
    for label in ("Вид:", "Имя:", "Имя и отчество:", "Имя в написании оригинала:"):
        assert label in text


def test_the_admin_index_names_every_section_in_russian(russian_editor):
    text = text_of(russian_editor.get("/admin/"))
    for name in ("Архивы", "Фонды", "Описи", "Папки", "Дела", "Лица", "Труды", "Ссылки"):
        assert name in text
    assert "Периодические издания" in text and "Языки" in text


def test_the_english_admin_keeps_its_words(editor):
    work = Work.objects.order_by("key").first()
    response = editor.get(f"/admin/catalogue/work/{work.pk}/change/")
    text = text_of(response)
    assert "| Change work |" in title_of(response)
    for label in ("Kind:", "Citation key:", "Title in original script:", "Place of publication:"):
        assert label in text
    assert "Труд" not in text and "Вид:" not in text
    listing = editor.get("/admin/catalogue/fond/")
    assert title_of(listing).startswith("Select fond to change")
    fond = Fond.objects.order_by("pk").first()
    text = text_of(editor.get(f"/admin/catalogue/fond/{fond.pk}/change/"))
    assert "Archive:" in text and "Title:" in text and "Dates:" in text
    people = editor.get("/admin/catalogue/person/")
    assert title_of(people).startswith("Select person to change")


def a_work_with_languages_and_people():
    return (
        Work.objects.filter(languages__code="ru", contributions__isnull=False)
        .distinct()
        .order_by("key")
        .first()
    )


def test_a_works_form_explains_its_fields_in_russian(russian_editor):
    work = a_work_with_languages_and_people()
    response = russian_editor.get(f"/admin/catalogue/work/{work.pk}/change/")
    text = text_of(response)
    assert "Короткий неизменный ключ, как в BibTeX: zhukov1974." in text
    assert "Год издания; для документа — только если известен." in text
    # A tabular inline gives its column's help as the heading's tooltip.
    assert 'title="1 для названного первым."' in unescape(response.content.decode())
    assert "A short stable key" not in text and "Year of publication" not in text


def test_the_admin_names_languages_in_russian(russian_editor):
    listing = russian_editor.get("/admin/catalogue/work/")
    filters = listing.content.decode().split('data-filter-title="язык"', 1)[1]
    filter_links = re.findall(r'<a href="\?language=(\w+)"[^>]*>([^<]+)</a>', filters)
    assert ("ru", "русский") in filter_links and ("mn", "монгольский") in filter_links
    names = [name for code, name in filter_links]
    assert names == sorted(names)  # in Russian alphabetical order, not the English one
    work = a_work_with_languages_and_people()
    form = russian_editor.get(f"/admin/catalogue/work/{work.pk}/change/").content.decode()
    checkbox = re.search(
        r'<label for="id_languages_\d+"><input[^>]*value="(\d+)"[^>]*checked', form
    )
    assert checkbox, "the work's language is not ticked"
    labels = re.findall(r'<label for="id_languages_\d+"><input[^>]*>\s*([^<]+?)\s*</label>', form)
    assert "русский" in labels and "английский" in labels and "Russian" not in labels


def test_a_contribution_is_captioned_in_russian(russian_editor):
    work = a_work_with_languages_and_people()
    contribution = work.contributions.order_by("role", "position").first()
    text = text_of(russian_editor.get(f"/admin/catalogue/work/{work.pk}/change/"))
    role = {"author": "автор", "editor": "редактор", "compiler": "составитель"}[contribution.role]
    assert f"{contribution.person} ({role}, «{work}»)" in text
    assert f"{contribution.person} ({role} of" not in text


def test_the_english_admin_keeps_its_help_texts_languages_and_captions(editor):
    work = a_work_with_languages_and_people()
    contribution = work.contributions.order_by("role", "position").first()
    response = editor.get(f"/admin/catalogue/work/{work.pk}/change/")
    text = text_of(response)
    assert "A short stable key, as in BibTeX: zhukov1974." in text
    assert f"{contribution.person} ({contribution.get_role_display()} of {work})" in text
    labels = re.findall(
        r'<label for="id_languages_\d+"><input[^>]*>\s*([^<]+?)\s*</label>',
        response.content.decode(),
    )
    assert "Russian" in labels and "русский" not in labels
    listing = editor.get("/admin/catalogue/work/").content.decode()
    filters = listing.split('data-filter-title="language"', 1)[1]
    assert re.search(r'<a href="\?language=ru"[^>]*>Russian</a>', filters)

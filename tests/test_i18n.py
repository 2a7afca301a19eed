"""The interface in English and Russian: the language comes from a cookie or the
browser's Accept-Language, never from the path, so the public URLs stay as they are."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from catalogue.models import Work

PO = Path(settings.BASE_DIR) / "locale/ru/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")

pytestmark = pytest.mark.usefixtures("seed")


def russian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    return client


def archival_document():
    return Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).order_by("key").first()


def test_english_is_the_default(client):
    html = client.get("/works/").content.decode()
    assert '<html lang="en">' in html
    assert ">Archive</h3>" in html and "Архив" not in html


def test_accept_language_russian_gives_the_works_list_in_russian(client):
    html = client.get("/works/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").content.decode()
    assert '<html lang="ru">' in html
    assert ">Архив</h3>" in html and ">Язык</h3>" in html and ">Вид</h3>" in html
    assert "26 трудов" in html
    assert ">Труды</a>" in html and ">Архивы</a>" in html and ">Люди</a>" in html


def test_facet_labels_are_russian(client):
    html = russian(client).get("/works/").content.decode()
    assert ">русский</a>" in html and ">монгольский</a>" in html  # Language.name_ru
    assert "архивный документ" in html  # Work.Kind label


def test_the_cookie_gives_a_work_page_in_russian(client):
    html = russian(client).get(archival_document().get_absolute_url()).content.decode()
    assert "Где хранится" in html
    assert ">ф. 17</a>" in html or ">ф. 9</a>" in html or ">ф. 89</a>" in html
    assert "Сослаться на документ" in html


def test_the_404_page_is_russian(client):
    response = russian(client).get("/works/999999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Страница не найдена" in html and "По этому адресу ничего нет." in html


def test_a_bad_parameter_is_explained_in_russian(client):
    response = russian(client).get("/works/", {"page": "abc"})
    assert response.status_code == 400
    assert "«page» должен быть целым числом от 1" in response.content.decode()
    response = russian(client).get("/works/", {"author": "nobody"})
    assert "Нет человека с ключом nobody." in response.content.decode()


def test_the_language_switch_is_a_plain_form_that_keeps_the_page(client):
    html = client.get("/works/?q=Zhukov").content.decode()
    assert 'action="/i18n/setlang/"' in html and 'method="post"' in html
    assert 'name="next" type="hidden" value="/works/?q=Zhukov"' in html
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/works/?q=Zhukov"})
    assert response.status_code == 302 and response["Location"] == "/works/?q=Zhukov"
    assert "Поиск" in client.get("/works/?q=Zhukov").content.decode()


def test_the_url_does_not_carry_the_language(client):
    assert client.get("/ru/works/").status_code == 404
    assert russian(client).get("/works/").status_code == 200


def test_json_keys_stay_english_whatever_the_language(client):
    data = russian(client).get("/works/", {"format": "json"}).json()
    assert {"count", "next", "previous", "results", "facets"} <= set(data)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/works/",
        "/archives/",
        "/archives/rgaspi/",
        "/archives/rgaspi/fonds/17/",
        "/archives/rgaspi/fonds/17/inventories/162/",
        "/archives/rgaspi/fonds/17/inventories/162/files/18/",
        "/people/",
        "/people/zhukov-g-k/",
    ],
)
def test_every_page_renders_in_russian(client, path):
    response = russian(client).get(path)
    assert response.status_code == 200
    assert '<html lang="ru">' in response.content.decode()


def _entries(text):
    """(msgctxt, msgid, [msgstr...]) for every entry of a .po file but its header."""
    strings = re.compile(r'"((?:[^"\\]|\\.)*)"')
    for entry in text.split("\n\n"):
        fields, current = {}, None
        for line in entry.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[current] += "".join(strings.findall(line))
            else:
                current, _, rest = line.partition(" ")
                fields[current] = "".join(strings.findall(rest))
        if fields.get("msgid"):
            translations = [v for k, v in fields.items() if k.startswith("msgstr")]
            yield fields.get("msgctxt"), fields["msgid"], translations


def test_every_string_has_a_russian_translation():
    entries = list(_entries(PO.read_text(encoding="utf-8")))
    assert len(entries) > 150
    untranslated = [msgid for _, msgid, strs in entries if not all(s.strip() for s in strs)]
    assert untranslated == []
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_the_compiled_catalogue_is_up_to_date():
    """The committed .mo holds every string of the .po, so a clone needs no gettext."""
    catalogue = gettext.GNUTranslations(MO.open("rb"))
    for context, msgid, strs in _entries(PO.read_text(encoding="utf-8")):
        msgid = msgid.replace('\\"', '"')
        key = f"{context}\x04{msgid}" if context else msgid
        if len(strs) > 1:
            translated = (
                catalogue.npgettext(context, msgid, msgid, 1)
                if context
                else catalogue.ngettext(msgid, msgid, 1)
            )
        else:
            translated = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
        assert translated != msgid or strs[0] == msgid, key
        assert translated.replace('"', '\\"') == strs[0], key


def test_python_messages_are_translated():
    with translation.override("ru"):
        assert str(Work.Kind.ARCHIVAL_DOCUMENT.label) == "архивный документ"
        assert translation.gettext("Where it is held") == "Где хранится"

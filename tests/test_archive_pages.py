"""What a reader sees of archives, fonds and the start page in the interface language:
РГАСПИ in Russian, languages with works and their counts, fond titles only where an
editor recorded them, archival numbers kept on one line, and error pages that say what to do.
"""

import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Archive, Fond, Language, Person, Work

pytestmark = pytest.mark.usefixtures("seed")


def page(client, url, language="en", status=200):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == status, response.content[:300]
    return response.content.decode()


def main(html):
    return html[html.index("<main") : html.index("</main>")]


# Archive abbreviations and names in the interface language.


def test_a_russian_reader_sees_the_russian_abbreviation_in_the_location_trail(client):
    work = Work.objects.get(locations__file__inventory__fond__number="17", locations__folios="162")
    html = page(client, work.get_absolute_url(), "ru")
    assert (
        '<a href="/archives/rgaspi/" title="Российский государственный архив '
        'социально-политической истории">РГАСПИ</a>'
    ) in html
    assert ">RGASPI<" not in html
    english = page(client, work.get_absolute_url(), "en")
    assert (
        '<a href="/archives/rgaspi/" title="Russian State Archive of Socio-Political History">'
        "RGASPI</a>"
    ) in english


def test_the_archive_page_heads_with_the_abbreviation_of_the_interface_language(client):
    russian = page(client, "/archives/rgaspi/", "ru")
    assert '<h1>РГАСПИ <span class="muted">(RGASPI)</span></h1>' in russian
    assert "<title>РГАСПИ · Opis</title>" in russian
    assert (
        '<p class="archive-name">Российский государственный архив социально-политической '
        'истории<br><span lang="en" class="original">Russian State Archive of '
        "Socio-Political History</span></p>"
    ) in russian
    english = page(client, "/archives/rgaspi/")
    assert '<h1>RGASPI <span class="muted">(РГАСПИ)</span></h1>' in english
    assert '<span lang="ru" class="original">Российский государственный' in english


def test_an_archive_without_a_russian_abbreviation_keeps_its_latin_one_in_russian(client):
    jacar = Archive.objects.get(slug="jacar")
    assert jacar.abbreviation_ru == ""  # the fixture records none: nothing is invented
    russian = page(client, "/archives/jacar/", "ru")
    assert "<h1>JACAR</h1>" in russian
    # Its own name is Japanese, not Russian: a Russian reader gets the English name first,
    # and the Japanese one beside it, with no language claimed for it.
    assert (
        '<p class="archive-name">Japan Center for Asian Historical Records<br>'
        '<span class="original">アジア歴史資料センター</span></p>'
    ) in russian


def test_the_tree_pages_name_the_archive_in_russian(client):
    urls = [
        "/archives/rgaspi/fonds/17/",
        "/archives/rgaspi/fonds/17/inventories/162/",
        "/archives/rgaspi/fonds/17/inventories/162/files/18/",
    ]
    for url in urls:
        html = main(page(client, url, "ru"))
        assert '<a href="/archives/rgaspi/"' in html and ">РГАСПИ</a>" in html, url
        assert "RGASPI" not in html, url
    fond = main(page(client, urls[0], "ru"))
    assert "<h1>РГАСПИ, фонд 17</h1>" in fond
    inventory = main(page(client, urls[1], "ru"))
    assert "<h1>РГАСПИ, ф. 17, оп. 162</h1>" in inventory
    file = main(page(client, urls[2], "ru"))
    assert "<h1>РГАСПИ, ф. 17, оп. 162, д. 18</h1>" in file
    assert '<span class="folios">Лл. 18–19</span>' in file  # folios in Russian too
    assert '<span class="folios">ll. 18–19</span>' in main(page(client, urls[2]))


def test_the_archive_facet_is_labelled_in_russian(client):
    html = page(client, "/works/", "ru")
    facet = html[html.index('aria-labelledby="facet-archive"') :]
    facet = facet[: facet.index("</section>")]
    labels = re.findall(r'title="[^"]*">(?:✓ )?([^<]+)</a>', facet)
    assert labels == ["РГАСПИ", "АВП РФ", "РГАНИ", "РГВА"]  # by count, ties by Latin name
    english = page(client, "/works/")
    facet = english[english.index('aria-labelledby="facet-archive"') :]
    facet = facet[: facet.index("</section>")]
    assert re.findall(r'title="[^"]*">([^<]+)</a>', facet) == ["RGASPI", "AVP RF", "RGANI", "RGVA"]


def test_the_archive_list_is_in_the_alphabet_of_the_interface_language(client):
    def shown(html):
        return re.findall(r'<td><a href="/archives/[^"]+/">([^<]+)</a>', html)

    russian = shown(page(client, "/archives/", "ru"))
    cyrillic = [a for a in russian if re.match("[А-ЯЁ]", a)]
    assert cyrillic[:3] == ["АВП РФ", "АВПРИ", "АП РФ"] and cyrillic == sorted(cyrillic)
    assert "RGASPI" not in russian and "РГАСПИ" in russian
    assert "JACAR" in russian  # no Russian abbreviation recorded: the Latin one
    english = shown(page(client, "/archives/"))
    assert english[:3] == ["AP RF", "AVP RF", "AVPRI"] and "РГАСПИ" not in english


# The home page offers only languages that have works, with their counts.


def test_the_home_page_lists_languages_with_works_and_their_counts(client):
    assert Language.objects.filter(code="zh").exists()  # in the registry, with no work
    html = page(client, "/")
    browse = html[html.index("Browse by language:") :]
    browse = browse[: browse.index("</li>")]
    assert re.findall(r'language=(\w+)">([^<]+)</a> <span class="count">\((\d+)\)', browse) == [
        ("ru", "Russian", "23"),
        ("mn", "Mongolian", "2"),
        ("en", "English", "1"),
    ]
    assert "Chinese" not in browse and "language=zh" not in browse
    russian = page(client, "/", "ru")
    assert '>русский</a> <span class="count">(23)</span>' in russian
    assert "китайский" not in russian


def test_a_language_gains_its_link_with_its_first_work_at_no_cost_in_queries(client):
    with CaptureQueriesContext(connection) as before:
        page(client, "/")
    work = Work.objects.order_by("key").first()
    work.languages.add(*Language.objects.filter(code__in=["zh", "de", "fr"]))
    with CaptureQueriesContext(connection) as after:
        html = page(client, "/")
    assert '>Chinese</a> <span class="count">(1)</span>' in html and ">French</a>" in html
    assert len(after) == len(before)  # no query per language


def test_the_language_counts_are_the_works_in_each_language():
    counts = {language.code: language.work_count for language in Language.objects.with_works()}
    assert counts == {"ru": 23, "mn": 2, "en": 1}
    assert counts == {
        language.code: language.works.count()
        for language in Language.objects.all()
        if language.works.exists()
    }


def test_the_home_page_counts_references_and_only_archives_that_hold_documents(client):
    from catalogue.models import ArchivalFile, Inventory

    # An archive with a fond and a file but no cited document is no archive to start from.
    garf = Archive.objects.get(slug="garf")
    fond = Fond.objects.create(archive=garf, number="Р-9401")
    ArchivalFile.objects.create(
        inventory=Inventory.objects.create(fond=fond, number="2"), number="1"
    )
    html = page(client, "/")
    assert "<strong>4</strong> archives" in html
    assert (
        "Military and Political Cooperation of the USSR and the MNR (1939-1945)</a> (25 references)"
        in html
    )
    assert list(Work.objects.citing().values_list("reference_count", flat=True)) == [25]


# Fond titles where an editor recorded them, and nothing invented where not.


def test_a_fond_without_a_title_shows_no_dash_and_a_recorded_title_is_shown(client):
    html = main(page(client, "/archives/rgaspi/"))
    assert "—" not in html and "Title" not in html
    fond = Fond.objects.get(archive__slug="rgaspi", number="17")
    fond.title = "Central Committee of the CPSU"
    fond.save()
    html = main(page(client, "/archives/rgaspi/"))
    assert (
        '<a href="/archives/rgaspi/fonds/17/" class="unit">f. 17</a>'
        '<span class="unit-name">Central Committee of the CPSU</span>'
    ) in html
    assert '<p class="unit-title">Central Committee of the CPSU</p>' in page(
        client, "/archives/rgaspi/fonds/17/"
    )


# Archival numbers and folios do not break across lines.


def test_archival_numbers_and_folios_are_kept_on_one_line(client):
    html = main(page(client, "/archives/rgaspi/fonds/17/"))
    assert 'class="unit">d. 18</a>' in html
    assert '<span class="folios">ll. 18–19</span>' in html
    inventory = main(page(client, "/archives/rgaspi/fonds/17/inventories/162/"))
    assert 'class="unit">d. 18</a>' in inventory
    css = open(finders.find("catalogue/opis.css"), encoding="utf-8").read()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    unbroken = {
        selector.strip()
        for rule in re.findall(r"([^{}]*)\{\s*white-space:\s*nowrap;\s*\}", css)
        for selector in rule.split(",")
    }
    assert {".unit", ".folios", "ol.location li"} <= unbroken


# Error and empty pages say what a reader can do.


def test_a_missing_page_says_so_and_offers_a_search(client):
    for language, heading, label in [
        ("en", "Page not found", "Search the catalogue"),
        ("ru", "Страница не найдена", "Поиск по каталогу"),
    ]:
        html = page(client, "/archives/nowhere/", language, status=404)
        assert f"<h1>{heading}</h1>" in html
        assert f'<label for="error-q">{label}</label>' in html
        assert 'action="/works/" role="search"' in html


def test_an_unreadable_address_is_explained_with_what_to_do(client):
    html = page(client, "/archives/?page=abc", status=400)
    assert "<h1>This address could not be read</h1>" in html
    assert "The link may have been cut short, or changed by hand." in html
    russian = page(client, "/archives/?page=abc", "ru", status=400)
    assert "<h1>Этот адрес не удалось прочитать</h1>" in russian


@pytest.mark.parametrize(
    ("url", "clear", "english", "russian"),
    [
        ("/archives/", Archive, "No archive is catalogued yet.", "В каталоге пока нет архивов."),
        (
            "/people/",
            Person,
            "No author or editor is catalogued yet.",
            "В каталоге пока нет авторов и редакторов.",
        ),
    ],
)
def test_an_empty_list_says_so_rather_than_showing_an_empty_table(
    client, url, clear, english, russian
):
    from catalogue.models import ArchivalFile, ArchivalLocation, Contribution, Folder, Inventory

    if clear is Archive:
        ArchivalLocation.objects.all().delete()
        for model in (ArchivalFile, Folder, Inventory, Fond, Archive):
            model.objects.all().delete()
    else:
        Contribution.objects.all().delete()
        Person.objects.all().delete()
    html = main(page(client, url))
    assert english in html and "<table" not in html
    assert russian in main(page(client, url, "ru"))


def test_every_catalogue_table_raises_the_version_that_keys_cached_pages():
    """A write to any catalogue table must raise the version, or cached pages keep showing
    what was there before (SQLite lost the archival units' triggers when 0010 rebuilt
    their tables: a fond's new title stayed hidden for the cache's ten minutes)."""
    from django.apps import apps

    from catalogue import page_cache

    for model in apps.get_app_config("catalogue").get_models():
        if model._meta.db_table.startswith("catalogue_historical"):
            continue
        row = model.objects.order_by("pk").first()
        if row is None:
            continue
        before = page_cache.version()
        model.objects.filter(pk=row.pk).update(**{model._meta.pk.attname: row.pk})
        assert page_cache.version() > before, model._meta.db_table

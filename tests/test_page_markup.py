"""What a reader sees of a work in a list, of an archival location, of a fond's files, of a
facet, of the filter form and of the site's header, in English and in Russian, with every
value escaped."""

import pytest

from catalogue.models import ArchivalFile, ArchivalLocation, Fond, Work

pytestmark = pytest.mark.usefixtures("seed")

AVP = "/archives/avp-rf/fonds/9/inventories/25/"
HOSTILE = '<script>alert("x")</script> & Co'


def page(client, url, language="en"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def test_a_listed_document_links_every_level_of_its_location(client):
    html = page(client, "/works/?archive=avp-rf")
    assert (
        '<a href="/archives/avp-rf/" title="Foreign Policy Archive of the Russian Federation">AVP RF</a>'
        in html
    )
    assert '<a href="/archives/avp-rf/fonds/9/">f. 9</a>' in html
    assert f'<a href="{AVP}">op. 25</a>' in html
    assert f'<a href="{AVP}folders/100/">p. 100</a>' in html
    assert f'<a href="{AVP}folders/100/files/38/">d. 38</a>' in html
    assert "<li>ll. 73–74</li>" in html
    assert 'aria-label="Archival location"' in html


def test_in_russian_the_location_is_written_as_a_russian_archivist_writes_it(client):
    english = page(client, "/works/?archive=avp-rf", "en")
    html = page(client, "/works/?archive=avp-rf", "ru")
    for level in ["ф. 9", "оп. 25", "п. 100", "д. 38", "лл. 73–74"]:
        assert f">{level}<" in html, level
    assert 'aria-label="Архивный шифр"' in html
    # Each language's words, however the pages before were written.
    assert page(client, "/works/?archive=avp-rf", "en") == english
    for level in ["f. 9", "op. 25", "p. 100", "d. 38", "ll. 73–74"]:
        assert f">{level}<" in english, level
    assert 'aria-label="Archival location"' in english


def test_a_row_names_people_with_their_roles_and_languages_by_name(client):
    work = Work.objects.get(key="rybakov-yaskina2007")
    html = page(client, f"/works/?q={work.title.split()[0]}")
    row = html[html.index(f'href="{work.get_absolute_url()}"') :]
    row = row[: row.index("</li>")]
    assert '<a href="/people/rybakov-r-b/">' in row and "(editor)" in row
    for language in work.languages.all():
        assert f'<span class="lang" title="{language.name_en}">{language.code}</span>' in row
    assert f'<span class="kind">{work.get_kind_display()}</span>' in row


def test_the_search_words_are_marked_in_listed_titles(client):
    html = page(client, "/works/?q=Khalkhin")
    assert "<mark>Khalkhin</mark>" in html


def test_titles_and_names_are_escaped_in_rows(client):
    work = Work.objects.get(key="avp-rf-9-25-100-38")
    work.title = HOSTILE * 5
    work.save()  # through the model, so that the search finds the new title
    for url in ["/works/?archive=avp-rf", "/archives/avp-rf/fonds/9/"]:
        html = page(client, url)
        assert "<script>" not in html, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html, url
    html = page(client, "/works/?q=alert")  # the searched word marked, the rest escaped
    assert "<script>" not in html
    assert "&lt;script&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html


def test_a_fond_page_shortens_long_titles_and_gives_folios(client):
    location = ArchivalLocation.objects.select_related("work").get(work__key="avp-rf-9-25-100-38")
    Work.objects.filter(pk=location.work_id).update(title="Я" * 200)
    html = page(client, "/archives/avp-rf/fonds/9/")
    assert (
        f'<a href="{location.work.get_absolute_url()}">{"Я" * 119}…</a>, '
        '<span class="folios">ll. 73–74</span>'
    ) in html
    assert "Я" * 120 not in html
    russian = page(client, "/archives/avp-rf/fonds/9/", "ru")
    assert f'{"Я" * 119}…</a>, <span class="folios">лл. 73–74</span>' in russian
    assert '<td class="unit">op. 25</td><td class="unit">p. 100</td>' in html
    assert f'<td><a href="{AVP}folders/100/files/38/" class="unit">d. 38</a>' in html
    # An archive without folders has no folder column.
    rgaspi = page(client, "/archives/rgaspi/fonds/17/")
    assert '<td class="unit">op. 162</td><td><a' in rgaspi


def test_a_file_without_cited_documents_has_an_empty_list(client):
    fond = Fond.objects.get(archive__slug="rgaspi", number="17")
    ArchivalFile.objects.create(inventory=fond.inventories.get(number="162"), number="999")
    assert (
        '<a href="/archives/rgaspi/fonds/17/inventories/162/files/999/" class="unit">d. 999</a>'
        '</td><td><ul class="cited"></ul></td>' in page(client, "/archives/rgaspi/fonds/17/")
    )


def test_the_chosen_filters_are_marked_and_each_can_be_removed(client):
    html = page(client, "/works/?archive=rgaspi&archive=avp-rf&kind=archival_document&sort=-year")
    main = html[html.index("<main") :]
    assert "<select" in main and main.count("<select") == 1  # the sort, no list of archives
    assert 'aria-current="true" title="Remove this filter">✓ RGASPI</a>' in main
    assert 'aria-current="true" title="Remove this filter">✓ AVP RF</a>' in main
    # Above the results, each filter in force links to the list without it.
    assert (
        '<a href="/works/?archive=avp-rf&amp;kind=archival_document&amp;sort=-year" '
        'title="Remove this filter">Archive: RGASPI'
    ) in main
    assert (
        '<a href="/works/?archive=rgaspi&amp;archive=avp-rf&amp;sort=-year" '
        'title="Remove this filter">Kind: archival document'
    ) in main
    assert '<option value="-year" selected>Year (newest first)</option>' in main
    assert '<option value="" selected>' not in main
    html = page(client, "/works/", "ru")
    assert '<option value="" selected>' in html  # the sort's default
    assert 'title="Добавить этот фильтр">русский</a>' in html  # languages named in Russian


def test_a_facet_lists_each_value_with_its_count_and_a_toggle(client):
    html = page(client, "/works/?archive=rgaspi&language=ru")
    archive = html[html.index('<section class="facet" aria-labelledby="facet-archive">') :]
    archive = archive[: archive.index("</section>")]
    assert '<h3 id="facet-archive">Archive</h3>' in archive
    assert (
        '<li class="selected">\n      <a href="/works/?language=ru" aria-current="true" '
        'title="Remove this filter">✓ RGASPI</a>\n      <span class="count">3</span>'
    ) in archive
    assert (
        '<a href="/works/?archive=rgaspi&amp;archive=rgva&amp;language=ru" '
        'title="Add this filter">RGVA</a>'
    ) in archive
    russian = page(client, "/works/?archive=rgaspi", "ru")
    assert '<h3 id="facet-archive">Архив</h3>' in russian
    # Russian readers see the Russian abbreviation (Archive.abbreviation_ru).
    assert 'aria-current="true" title="Снять этот фильтр">✓ РГАСПИ</a>' in russian
    empty = page(client, "/works/?archive=garf")
    kind = empty[empty.index('aria-labelledby="facet-kind"') :]
    assert kind[: kind.index("</section>")].count("<li") == 0
    assert '<p class="empty">None in this selection.</p>' in kind


def test_facet_labels_are_escaped(client):
    from catalogue.models import Archive

    Archive.objects.filter(slug="rgva").update(abbreviation=HOSTILE)
    html = page(client, "/works/")
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</a>" in html


def test_the_works_page_reads_no_list_of_every_archive_or_language(client, settings):
    """Archives and languages are chosen through their facets, which count only those
    with works: no form lists every row of the registry."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import Archive

    settings.OPIS_PAGE_CACHE_SECONDS = 0
    Archive.objects.create(slug="cgamo", abbreviation="CGAMO", name_en="Central Archive")
    with CaptureQueriesContext(connection) as captured:
        html = page(client, "/works/")
    assert not [
        q["sql"]
        for q in captured
        if 'SELECT "catalogue_archive"."id"' in q["sql"]
        or 'SELECT "catalogue_language"."id"' in q["sql"]
    ]
    assert "CGAMO" not in html  # no work is held there
    assert ">RGASPI</a>" in html


def test_each_form_keeps_the_rest_of_the_list(client):
    """A new search keeps the filters; the year range keeps the search; the sort keeps
    both: each form carries the others' parameters, the page's number aside."""
    html = page(client, "/works/?q=Zhukov&archive=rgaspi&year_min=1930&sort=year&page=1")

    def form(css_class):
        start = html.index(f'<form class="{css_class}"')
        return html[start : html.index("</form>", start)]

    search, years, sort = form("search-works"), form("years"), form("sort")
    assert 'name="q" value="Zhukov"' in search
    for kept in ('name="archive" value="rgaspi"', 'name="year_min" value="1930"'):
        assert kept in search and kept in sort
    assert '<input type="hidden" name="q" value="Zhukov">' in years
    assert '<input type="hidden" name="sort" value="year">' in years
    assert 'name="page"' not in search + years + sort


def test_the_filter_forms_errors_are_shown_escaped(client):
    response = client.get("/works/?archive=%3Cnowhere%3E&year_min=0&author=nobody&q=a&q=b")
    assert response.status_code == 400
    html = response.content.decode()
    assert "&lt;nowhere&gt;" in html and "<nowhere>" not in html
    # Each message names the field as the page labels it, not the URL's parameter.
    assert "<li>Archive: Select a valid choice. &lt;nowhere&gt; is not one" in html
    assert "<li>Author or editor: No person with the key nobody.</li>" in html
    assert "<li>Year from: enter a year from 1.</li>" in html
    assert "<li>Search: Give “Search” once; it was given 2 times.</li>" in html
    assert "year_min" not in html.split('<div class="errors"')[1].split("</div>")[0]
    assert '<span class="error">Year from: enter a year from 1.</span>' in html


def test_the_filter_form_keeps_what_the_reader_typed(client):
    html = page(client, "/works/?q=%3Cb%3E%22Zhukov%22&year_min=1939&author=zhukov-g-k")
    assert (
        '<input type="search" name="q" value="&lt;b&gt;&quot;Zhukov&quot;" maxlength="200"'
        ' aria-describedby="id_q_helptext" id="id_q">' in html
    )
    assert '<p class="hint" id="id_q_helptext">' in html
    assert '<input type="number" name="year_min" value="1939" min="1" max="2100"' in html
    assert '<input type="hidden" name="author" value="zhukov-g-k">' in html


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_page_has_the_header_and_footer(client, language):
    """The language switch leads back to the page, its path escaped."""
    client.cookies["django_language"] = language
    work = Work.objects.order_by("pk").first()
    for path in (
        "/works/?q=%22%3Cb%3E&year_min=1",
        f"/works/{work.pk}/",
        "/archives/",
        "/no/such/page/",
    ):
        html = client.get(path).content.decode()
        assert '<header class="site">' in html and '<footer class="site">' in html, path
        assert f'name="next" type="hidden" value="{path.replace("&", "&amp;")}"' in html
        assert "<b>" not in html
    assert "К содержанию" in html if language == "ru" else "Skip to content" in html


def test_the_header_follows_the_interface_language(client):
    english = client.get("/archives/").content.decode()
    client.cookies["django_language"] = "ru"
    russian = client.get("/archives/").content.decode()
    assert 'value="en" lang="en" selected' in english and 'value="ru" lang="ru" selected' in russian
    assert ">Archives</a>" in english and ">Архивы</a>" in russian


def test_facets_follow_the_interface_language_and_the_catalogue(client):
    """The facets are kept for every page of a list, in each language, until the catalogue
    changes."""
    from catalogue.models import Archive

    english = page(client, "/works/?archive=rgaspi")
    assert '<h3 id="facet-archive">Archive</h3>' in english
    russian = page(client, "/works/?archive=rgaspi", "ru")
    assert '<h3 id="facet-archive">Архив</h3>' in russian
    assert "Снять этот фильтр" in russian and "Remove this filter" not in russian
    Archive.objects.filter(slug="rgaspi").update(abbreviation="RGASPI-NEW")
    client.cookies.clear()
    assert "✓ RGASPI-NEW</a>" in page(client, "/works/?archive=rgaspi&page=1")

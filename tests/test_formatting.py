"""Formatted citations of the seed's works, against strings written by hand from the rules.

GOST R 7.0.5-2008 (with the abbreviations of GOST 7.0.12-2011):
- 4.5: "Библиографическую ссылку составляют на языке ... текста документа": a Russian work
  is described in Russian, a work in English in English (`Vol. 24, no. 4. P. 659–677.`).
- Heading (family name, initials), title, `//` before the source, `Т.`/`№`/`С.`.
- GOST 7.0.12, places: "Москва — М., Ленинград — Л., Санкт-Петербург — СПб."; the
  word "лист" ("листы") is abbreviated `Л.` whatever the number of folios.
- Archival documents: archive abbreviation then `Ф. Оп. [П.] Д. Л.`; a document with no
  title of its own is cited by its location alone.
The English form (`gost_en`) is the seed's own reference list: `Vol.`, `No.`, `P.`, `L.`.

Chicago 17th ed., bibliography entry: inverted first author; 14.98 "If an English
translation of the title is added, it should follow the original title, enclosed in
brackets"; 11.99 romanisation by the ALA-LC tables; `Journal vol, no. issue (year): pages`
with pages abbreviated (9.64); 14.222 a manuscript item "the title of the item, the date,
the folder number or other locator, the name of the collection, and the name of the
depository", here from the folios out: `l.`, `d.`, `p.`, `op.`, `f.`, archive, city.
"""

import pytest

from catalogue.citing import chicago, formatting
from catalogue.models import (
    ArchivalFile,
    ArchivalLocation,
    Contribution,
    Fond,
    Inventory,
    Language,
    Periodical,
    Person,
    Work,
)
from tests.exports_support import work

T7 = "Report from the Chief of the Intelligence Directorate of the General Staff of the Red Army, S. P. Uritsky, to the USSR NCO on the concentration of Japanese troops on the borders of the MNR and the USSR"
T9 = "From the protocol No 26 of the meeting of the Political Bureau of the Central Committee of the All-Union Communist Party of Bolsheviks (b) — on the allocation of 6 mln tugriks to strengthen the defense of Mongolia"
T10 = "From the decision of the Politburo of the Central Committee of the All-Union Communist Party of Bolsheviks (b) — on the additional construction of the Chui road from Tashanta to the Soviet-Mongolian border and the provision of free assistance to the MNR for the maintenance of the MNR"
T13 = "Brief record of the conversation between I. V. Stalin, K. E. Voroshilov and V. M. Molotov with P. Gendun, G. Demid and D. Namsaray on the issues of strengthening the defense capacity and the Soviet Union's assistance to Mongolia"
T18 = "Address of the Government of the MNR to the Government of the USSR with a request for military and financial assistance and for sending units of the Red Army to protect against the threat of an attack by Japan"
T19 = "Order on the troops of the 23rd Division of the Kwantung Army on the destruction of foreign troops of Mongolia (MNR) in the region of Nomonkhan (Khalkhin-Gol)"

ARCHIVAL = {
    "avp-rf-9-25-100-38": (
        f"Урицкий С. П. {T7} // АВП РФ. Ф. 9. Оп. 25. П. 100. Д. 38. Л. 73–74.",
        f"Uritsky S. P. {T7} // AVP RF. F. 9. Op. 25. P. 100. D. 38. L. 73–74.",
        f"Uritsky, S. P. “{T7},” ll. 73–74, d. 38, p. 100, op. 25, f. 9, AVP RF, Moscow.",
    ),
    "rgaspi-17-162-18": (
        f"{T9} // РГАСПИ. Ф. 17. Оп. 162. Д. 18. Л. 18–19.",
        f"{T9} // RGASPI. F. 17. Op. 162. D. 18. L. 18–19.",
        f"“{T9},” ll. 18–19, d. 18, op. 162, f. 17, RGASPI, Moscow.",
    ),
    "rgaspi-17-162-20": (
        f"{T10} // РГАСПИ. Ф. 17. Оп. 162. Д. 20. Л. 162.",
        f"{T10} // RGASPI. F. 17. Op. 162. D. 20. L. 162.",
        f"“{T10},” l. 162, d. 20, op. 162, f. 17, RGASPI, Moscow.",
    ),
    "rgaspi-558-11-352": (
        f"{T13} // РГАСПИ. Ф. 558. Оп. 11. Д. 352. Л. 1–9.",
        f"{T13} // RGASPI. F. 558. Op. 11. D. 352. L. 1–9.",
        f"“{T13},” ll. 1–9, d. 352, op. 11, f. 558, RGASPI, Moscow.",
    ),
    "rgani-89-63-20": (
        f"{T18} // РГАНИ. Ф. 89. Оп. 63. Д. 20. Л. 1–5.",
        f"{T18} // RGANI. F. 89. Op. 63. D. 20. L. 1–5.",
        f"“{T18},” ll. 1–5, d. 20, op. 63, f. 89, RGANI, Moscow.",
    ),
    "rgva-32113-1-4": (
        f"{T19} // РГВА. Ф. 32113. Оп. 1. Д. 4. Л. 5–7.",
        f"{T19} // RGVA. F. 32113. Op. 1. D. 4. L. 5–7.",
        f"“{T19},” ll. 5–7, d. 4, op. 1, f. 32113, RGVA, Moscow.",
    ),
}

PUBLISHED = {
    # An article: volume, issue with its running number, pages, DOI.
    "batunaev2019": (
        "Батунаев Э. В. Khalkhin-Gol: Military and Political Cooperation of the USSR and the MNR "
        "(1939-1945) // Tyumen State University Herald. Humanities Research. Humanitates. 2019. "
        "Т. 5, № 3 (19). С. 173–184.",
        "Batunaev E. V. Khalkhin-Gol: Military and Political Cooperation of the USSR and the MNR "
        "(1939-1945) // Tyumen State University Herald. Humanities Research. Humanitates. 2019. "
        "Vol. 5, No. 3 (19). P. 173–184.",
        "Batunaev, Eduard V. “Khalkhin-Gol: Military and Political Cooperation of the USSR and "
        "the MNR (1939-1945).” Tyumen State University Herald. Humanities Research. Humanitates 5, "
        "no. 3 (19) (2019): 173–84. https://doi.org/10.21684/2411-197X-2019-5-3-173-184.",
    ),
    # Two authors; the journal has a Cyrillic title in the record.
    "grajvoronskiy2010": (
        "Грайворонский В. В., Лузянин С. Г. The Khalkhin-Gol war: a place in the world history "
        "// Проблемы Дальнего Востока. 2010. № 1. С. 156–164.",
        "Grajvoronskiy V. V., Luzyanin S. G. The Khalkhin-Gol war: a place in the world history "
        "// Problemy Dalnego Vostoka. 2010. No. 1. P. 156–164.",
        "Grajvoronskiy, V. V., and S. G. Luzyanin. “The Khalkhin-Gol war: a place in the world "
        "history.” Problemy Dalʹnego Vostoka, no. 1 (2010): 156–64.",
    ),
    # A Russian book with its Cyrillic title: Moscow is `М.`; the publisher as catalogued
    # (its Cyrillic form is not held). Chicago: ALA-LC romanisation, translation in brackets.
    "zhukov1974": (
        "Жуков Г. К. Воспоминания и размышления. Т. 1. М.: Agentstvo pechati Novosti, 1974.",
        "Zhukov G. K. Memories and Reflections. Vol. 1. Moscow: Agentstvo pechati Novosti, 1974.",
        "Zhukov, G. K. Vospominaniia i razmyshleniia [Memories and Reflections]. Vol. 1. "
        "Moscow: Agentstvo pechati Novosti, 1974.",
    ),
    # Editors, not authors.
    "rybakov-yaskina2007": (
        "History of Mongolia. 20th Century / ред. Р. Б. Рыбаков, Г. С. Яскина. "
        "М.: Institut vostokovedeniya RAN, 2007.",
        "History of Mongolia. 20th Century / ed. by R. B. Rybakov, G. S. Yaskina. "
        "Moscow: Institut vostokovedeniya RAN, 2007.",
        "Rybakov, R. B., and G. S. Yaskina, eds. History of Mongolia. 20th Century. "
        "Moscow: Institut vostokovedeniya RAN, 2007.",
    ),
    # Collected works: a volume and the pages cited in it.
    "stalin1997": (
        "Сталин И. В. Writings. Т. 14. М.: Pisatel, 1997. С. 103–112.",
        "Stalin I. V. Writings. Vol. 14. Moscow: Pisatel, 1997. P. 103–112.",
        "Stalin, I. V. Writings. Vol. 14, 103–12. Moscow: Pisatel, 1997.",
    ),
    # No author: the title leads; two places paired with their publishers.
    "soviet-mongolian-relations-1979": (
        "Soviet-Mongolian Relations. 1921-1974. М.: Mezhdunarodnye otnosheniya; "
        "Ulaanbaatar: Ulsyn hevlelijn gazar, 1979.",
        "Soviet-Mongolian Relations. 1921-1974. Moscow: Mezhdunarodnye otnosheniya; "
        "Ulaanbaatar: Ulsyn hevlelijn gazar, 1979.",
        "Soviet-Mongolian Relations. 1921-1974. Moscow: Mezhdunarodnye otnosheniya; "
        "Ulaanbaatar: Ulsyn hevlelijn gazar, 1979.",
    ),
}


@pytest.mark.parametrize("key", sorted(ARCHIVAL))
@pytest.mark.usefixtures("seed")
def test_archival_documents_are_cited_down_to_the_folio(key):
    expected_gost, expected_gost_en, expected_chicago = ARCHIVAL[key]
    cited = formatting.citations(work(key))
    assert cited["gost"] == expected_gost
    assert cited["gost_en"] == expected_gost_en
    assert cited["chicago"] == expected_chicago


@pytest.mark.parametrize("key", sorted(PUBLISHED))
@pytest.mark.usefixtures("seed")
def test_published_works_are_cited_with_what_the_record_holds(key):
    expected_gost, expected_gost_en, expected_chicago = PUBLISHED[key]
    cited = formatting.citations(work(key))
    assert cited["gost"] == expected_gost
    assert cited["gost_en"] == expected_gost_en
    assert cited["chicago"] == expected_chicago


# Chicago 14.20, the full note: names in natural order, commas between the parts, the
# imprint in parentheses; 14.76: four or more authors, the first and "et al.".
NOTES = {
    "avp-rf-9-25-100-38": f"S. P. Uritsky, “{T7},” ll. 73–74, d. 38, p. 100, op. 25, f. 9, AVP RF, Moscow.",
    "rgaspi-17-162-18": f"“{T9},” ll. 18–19, d. 18, op. 162, f. 17, RGASPI, Moscow.",
    "rgaspi-17-162-20": f"“{T10},” l. 162, d. 20, op. 162, f. 17, RGASPI, Moscow.",
    "rgaspi-558-11-352": f"“{T13},” ll. 1–9, d. 352, op. 11, f. 558, RGASPI, Moscow.",
    "rgani-89-63-20": f"“{T18},” ll. 1–5, d. 20, op. 63, f. 89, RGANI, Moscow.",
    "rgva-32113-1-4": f"“{T19},” ll. 5–7, d. 4, op. 1, f. 32113, RGVA, Moscow.",
    "batunaev2019": "Eduard V. Batunaev, “Khalkhin-Gol: Military and Political Cooperation of "
    "the USSR and the MNR (1939-1945),” Tyumen State University Herald. Humanities Research. "
    "Humanitates 5, no. 3 (19) (2019): 173–84, https://doi.org/10.21684/2411-197X-2019-5-3-173-184.",
    "grajvoronskiy2010": "V. V. Grajvoronskiy and S. G. Luzyanin, “The Khalkhin-Gol war: a place "
    "in the world history,” Problemy Dalʹnego Vostoka, no. 1 (2010): 156–64.",
    "zhukov1974": "G. K. Zhukov, Vospominaniia i razmyshleniia [Memories and Reflections], "
    "vol. 1 (Moscow: Agentstvo pechati Novosti, 1974).",
    "rybakov-yaskina2007": "R. B. Rybakov and G. S. Yaskina, eds., History of Mongolia. 20th "
    "Century (Moscow: Institut vostokovedeniya RAN, 2007).",
    "stalin1997": "I. V. Stalin, Writings, vol. 14 (Moscow: Pisatel, 1997), 103–12.",
    "gombosuren1998": "D. Gombosuren, “The history of the creation of the armed forces of "
    "Mongolia” (1998).",
}


@pytest.mark.parametrize("key", sorted(NOTES))
@pytest.mark.usefixtures("seed")
def test_the_chicago_note_gives_names_in_order_and_the_imprint_in_parentheses(key):
    assert formatting.citations(work(key))["chicago_note"] == NOTES[key]


@pytest.mark.usefixtures("seed")
def test_every_seed_work_gets_its_citations_without_a_query_each(django_assert_num_queries):
    works = list(Work.objects.with_list_relations().select_related("part_of"))
    with django_assert_num_queries(0):
        forms = [formatting.citations(w) for w in works]
    assert len(forms) == 26
    assert all(all(form.values()) for form in forms)


@pytest.mark.usefixtures("seed")
def test_a_verso_folio_is_marked_in_each_form():
    location = ArchivalLocation.objects.get(work__key="rgaspi-558-11-352")
    location.folios = "1-15 об."
    location.save()
    cited = formatting.citations(work("rgaspi-558-11-352"))
    assert cited["gost"].endswith("Д. 352. Л. 1–15 об.")  # `Л.`, never `Лл.`
    assert cited["gost_en"].endswith("D. 352. L. 1–15 ob.")
    assert "Mongolia,” ll. 1–15v., d. 352, op. 11" in cited["chicago"]


@pytest.mark.usefixtures("seed")
def test_four_authors_move_behind_the_title_with_et_al():
    article = Work.objects.get(key="kuras2014")
    for position, family in enumerate(["Alpha", "Beta", "Gamma"], start=2):
        person = Person.objects.create(slug=family.lower(), name=family, given_names="A.")
        Contribution.objects.create(work=article, person=person, position=position)
    cited = formatting.gost_en(work("kuras2014"))
    assert cited.startswith(
        "The Japanese military mission in Manchukuo: preparation for aggression "
        "(on the 75th anniversary of the events at Khalkhin-Gol) / L. V. Kuras, A. Alpha, "
        "A. Beta [et al.] // Vlast."
    )


@pytest.mark.usefixtures("seed")
def test_a_known_document_date_follows_the_title():
    Work.objects.filter(key="rgva-32113-1-4").update(date="1939-05-20")
    assert formatting.gost(work("rgva-32113-1-4")).endswith(
        "(Khalkhin-Gol), 1939-05-20 // РГВА. Ф. 32113. Оп. 1. Д. 4. Л. 5–7."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-9", "1–9"),
        ("45-49", "45–49"),
        ("100-104", "100–104"),
        ("101-108", "101–8"),
        ("1103-1104", "1103–4"),
        ("173-184", "173–84"),
        ("321-328", "321–28"),
        ("498-532", "498–532"),
        ("1087-1089", "1087–89"),
        ("1496-1500", "1496–500"),
        ("xii", "xii"),
    ],
)
def test_chicago_abbreviates_page_ranges(text, expected):
    assert chicago.chicago_range(text) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [("Eduard V.", "E. V."), ("Yu. M.", "Yu. M."), ("Jean-Paul", "J.-P."), ("", "")],
)
def test_initials(given, expected):
    assert formatting.initials(given) == expected


@pytest.mark.usefixtures("seed")
def test_the_work_detail_json_carries_the_citations(client):
    pk = Work.objects.get(key="rgaspi-17-162-20").pk
    data = client.get(f"/works/{pk}/?format=json").json()
    assert data["citations"] == {
        "gost": ARCHIVAL["rgaspi-17-162-20"][0],
        "gost_en": ARCHIVAL["rgaspi-17-162-20"][1],
        "chicago": ARCHIVAL["rgaspi-17-162-20"][2],
        "chicago_note": NOTES["rgaspi-17-162-20"],
    }


@pytest.mark.usefixtures("seed")
def test_the_work_page_offers_each_citation_with_a_copy_button(client):
    subject = Work.objects.get(key="zhukov1974")
    html = client.get(subject.get_absolute_url()).content.decode()
    assert "Жуков Г. К. Воспоминания и размышления." in html
    assert 'readonly rows="3" lang="ru"' in html
    for target in ("cite-gost", "cite-gost-en", "cite-chicago"):
        assert f'data-copy="{target}"' in html
    # The buttons work from a static file: the pages carry no inline script.
    assert '<script src="/static/catalogue/copy.js" defer></script>' in html
    assert "<script>" not in html and "onclick" not in html
    for fmt in ("bibtex", "ris", "csl-json"):
        assert f"/works/{subject.pk}/?format={fmt}" in html


@pytest.mark.usefixtures("seed")
def test_the_work_page_says_what_the_russian_citation_lacks(client):
    html = client.get(Work.objects.get(key="batunaev2019").get_absolute_url()).content.decode()
    assert (
        "Given as catalogued, since the catalogue does not hold it yet: title in original "
        "script; journal: title in original script." in html
    )
    html = client.get(Work.objects.get(key="zhukov1974").get_absolute_url()).content.decode()
    assert "does not hold it yet" not in html


@pytest.mark.usefixtures("seed")
def test_a_filtered_list_copies_its_citations_in_one_style(client):
    html = client.get("/works/?archive=rgaspi").content.decode()
    assert 'data-copy-url="?archive=rgaspi&amp;format=chicago"' in html
    response = client.get("/works/?archive=rgaspi&format=gost")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert len(lines) == 3
    assert all(line.endswith(("Л. 18–19.", "Л. 162.", "Л. 1–9.")) for line in lines)


# Records made for the tests below, not catalogue data: their titles are made up.


def _article(key, title, periodical, language, *, people=(), **fields):
    article = Work.objects.create(
        key=key, kind="article", title=title, periodical=periodical, **fields
    )
    article.languages.add(Language.objects.get(code=language))
    for position, person in enumerate(people, start=1):
        Contribution.objects.create(work=article, person=person, position=position)
    return work(key)


@pytest.mark.usefixtures("seed")
def test_an_english_article_is_described_in_english():
    """GOST R 7.0.5-2008, 4.5: described in the language of the text: `Vol. 24, no. 4. P.`"""
    journal = Periodical.objects.create(slug="test-journal", title="Journal of Test History")
    author = Person.objects.create(slug="doe-j", name="Doe", given_names="Jane")
    cited = formatting.citations(
        _article(
            "doe2020",
            "A Test Article",
            journal,
            "en",
            people=[author],
            year=2020,
            volume="24",
            issue="4",
            pages="659-677",
        )
    )
    assert cited["gost"] == (
        "Doe J. A Test Article // Journal of Test History. 2020. Vol. 24, no. 4. P. 659–677."
    )
    assert cited["chicago"] == (
        "Doe, Jane. “A Test Article.” Journal of Test History 24, no. 4 (2020): 659–77."
    )
    assert cited["chicago_note"] == (
        "Jane Doe, “A Test Article,” Journal of Test History 24, no. 4 (2020): 659–77."
    )


@pytest.mark.usefixtures("seed")
def test_a_russian_article_with_its_cyrillic_title_is_described_wholly_in_russian():
    """GOST 4.5 in Russian: Cyrillic author, title and journal; Chicago: ALA-LC title with
    the translation in brackets (14.98), the journal romanised too."""
    journal = Periodical.objects.get(title="Problemy Dalnego Vostoka")
    author = Person.objects.get(slug="luzyanin-s-g")
    subject = _article(
        "test-ru-article",
        "A Test Title",
        journal,
        "ru",
        people=[author],
        title_original="Тестовое заглавие",
        year=2001,
        issue="2",
        pages="10-20",
    )
    cited = formatting.citations(subject)
    assert cited["gost"] == (
        "Лузянин С. Г. Тестовое заглавие // Проблемы Дальнего Востока. 2001. № 2. С. 10–20."
    )
    assert cited["chicago"] == (
        "Luzyanin, S. G. “Testovoe zaglavie [A Test Title].” Problemy Dalʹnego Vostoka, "
        "no. 2 (2001): 10–20."
    )
    assert cited["chicago_note"] == (
        "S. G. Luzyanin, “Testovoe zaglavie [A Test Title],” Problemy Dalʹnego Vostoka, "
        "no. 2 (2001): 10–20."
    )
    assert formatting.missing_for_gost(subject) == []


@pytest.mark.usefixtures("seed")
def test_a_chapter_is_cited_within_its_book():
    """GOST: `Chapter // Book. Place, year. P.`; Chicago 14.106: `“Chapter.” In Book, pages.`"""
    book = Work.objects.create(
        key="test-whole",
        kind="book",
        title="A Test Book",
        place="Leningrad",
        publisher="Nauka",
        year=1980,
    )
    book.languages.add(Language.objects.get(code="ru"))
    chapter = Work.objects.create(
        key="test-part",
        kind="chapter",
        title="A Test Chapter",
        part_of=book,
        pages="101-108",
        year=1980,
        place="Leningrad",
        publisher="Nauka",
    )
    chapter.languages.add(Language.objects.get(code="ru"))
    Contribution.objects.create(work=chapter, person=Person.objects.get(slug="zhukov-g-k"))
    cited = formatting.citations(work("test-part"))
    assert (
        cited["gost"] == "Жуков Г. К. A Test Chapter // A Test Book. Л.: Nauka, 1980. С. 101–108."
    )
    assert cited["chicago"] == (
        "Zhukov, G. K. “A Test Chapter.” In A Test Book, 101–8. Leningrad: Nauka, 1980."
    )
    assert cited["chicago_note"] == (
        "G. K. Zhukov, “A Test Chapter,” in A Test Book (Leningrad: Nauka, 1980), 101–8."
    )


@pytest.mark.usefixtures("seed")
def test_an_untitled_imported_document_is_cited_by_its_location_once():
    """A document cited by its coordinates alone is imported with them as its title: the
    citation gives the location once, not `location // location`."""
    fond = Fond.objects.get(archive__slug="rgaspi", number="17")
    inventory = Inventory.objects.create(fond=fond, number="3")
    file = ArchivalFile.objects.create(inventory=inventory, number="1001")
    document = Work.objects.create(
        key="test-untitled",
        kind="archival_document",
        title="РГАСПИ. Ф. 17. Оп. 3. Д. 1001. Л. 5–7.",
    )
    document.languages.add(Language.objects.get(code="ru"))
    ArchivalLocation.objects.create(work=document, file=file, folios="5-7")
    cited = formatting.citations(work("test-untitled"))
    assert cited["gost"] == "РГАСПИ. Ф. 17. Оп. 3. Д. 1001. Л. 5–7."
    assert cited["gost_en"] == "RGASPI. F. 17. Op. 3. D. 1001. L. 5–7."
    assert cited["chicago"] == "ll. 5–7, d. 1001, op. 3, f. 17, RGASPI, Moscow."
    assert cited["chicago_note"] == "ll. 5–7, d. 1001, op. 3, f. 17, RGASPI, Moscow."
    assert "title in original script" not in formatting.missing_for_gost(work("test-untitled"))


@pytest.mark.usefixtures("seed")
def test_the_russian_form_names_what_the_catalogue_lacks_and_invents_nothing():
    missing = formatting.missing_for_gost(work("batunaev2019"))
    assert missing == ["title in original script", "journal: title in original script"]
    assert formatting.missing_for_gost(work("zhukov1974")) == []
    assert "place of publication in Russian" in formatting.missing_for_gost(
        work("mongolia-second-world-war-2017")
    )
    # Irkutsk is not abbreviated by GOST 7.0.12 and its Russian name is not held: as catalogued.
    assert formatting.gost(work("mongolia-second-world-war-2017")).endswith(
        "Irkutsk: Ottisk, 2017."
    )

"""The published side of the reference parser: one example of each style, written for
these tests (not taken from a corpus), what is read from it, and hostile text read in
linear time."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.citations import ArchiveRegistry, ParsedReference, clean_text, parse_reference
from catalogue.importing.printed_names import split_person
from catalogue.references.published import (
    _is_person,
    _parse_published,
    _read_names,
    _split_people,
)

NO_ARCHIVES = ArchiveRegistry([], [])


def parse(text):
    return parse_reference(text, NO_ARCHIVES)


def container(parsed):
    return parsed.periodical or parsed.container


def test_the_kuromiya_note_is_a_journal_article():
    parsed = parse(
        "Hiroaki Kuromiya, “The Mystery of Nomonhan, 1939”, Journal of Slavic Military "
        "Studies 24, no. 4 (2011): 659–677."
    )
    assert parsed.kind == "article"
    assert parsed.authors == ["Hiroaki Kuromiya"]
    assert parsed.title == "The Mystery of Nomonhan, 1939"
    assert parsed.periodical == "Journal of Slavic Military Studies"
    assert (parsed.volume, parsed.issue, parsed.year, parsed.pages) == ("24", "4", 2011, "659-677")


# (citation, kind, first author, title, container, year)
STYLES = [
    pytest.param(
        "Sheila Fitzpatrick, Everyday Stalinism: Ordinary Life in Extraordinary Times "
        "(New York: Oxford University Press, 1999), 45.",
        "book", "Sheila Fitzpatrick", "Everyday Stalinism: Ordinary Life in Extraordinary Times",
        None, 1999, id="chicago-note-book",
    ),
    pytest.param(
        "Mark Harrison, “The Soviet Economy at War,” in Ronald G. Suny, ed., The Twentieth "
        "Century (Cambridge: Cambridge University Press, 2006), 268–301.",
        "chapter", "Mark Harrison", "The Soviet Economy at War", "The Twentieth Century", 2006,
        id="chicago-note-chapter",
    ),
    pytest.param(
        "R. W. Davies and Oleg Khlevniuk, “Gosplan in the Thirties,” Europe-Asia Studies 51, "
        "no. 2 (1999): 201–220.",
        "article", "R. W. Davies", "Gosplan in the Thirties", "Europe-Asia Studies", 1999,
        id="chicago-note-two-authors",
    ),
    pytest.param(
        "Fitzpatrick, Sheila. Stalin's Peasants. New York: Oxford University Press, 1994.",
        "book", "Fitzpatrick, Sheila", "Stalin's Peasants", None, 1994,
        id="chicago-bibliography-book",
    ),
    pytest.param(
        "Kotkin, Stephen. “Modern Times: The Soviet Union and the Interwar Conjuncture.” "
        "Kritika 2, no. 1 (2001): 111–164.",
        "article", "Kotkin, Stephen", "Modern Times: The Soviet Union and the Interwar Conjuncture",
        "Kritika", 2001, id="chicago-bibliography-article",
    ),
    pytest.param(
        "O. V. Khlevniuk, Khoziain: Stalin i utverzhdenie diktatury (Moscow, 2010), p. 45.",
        "book", "O. V. Khlevniuk", "Khoziain: Stalin i utverzhdenie diktatury", None, 2010,
        id="oxford-note-book",
    ),
    pytest.param(
        "Peter Holquist, ‘Information Is the Alpha and Omega of Our Work’, Journal of Modern "
        "History 69, no. 3 (1997), 415–50.",
        "article", "Peter Holquist", "Information Is the Alpha and Omega of Our Work",
        "Journal of Modern History", 1997, id="oxford-note-single-quotes",
    ),
    pytest.param(
        "Harris, J. (2016). The great fear: Stalin's terror of the 1930s. Oxford: Oxford "
        "University Press.",
        "book", "Harris, J.", "The great fear: Stalin's terror of the 1930s", None, 2016,
        id="apa-book",
    ),
    pytest.param(
        "Getty, J. A. (1993). The politics of repression revisited. Soviet Studies, 45(2), "
        "221–240. https://doi.org/10.1234/ss.1993.45",
        "article", "Getty, J. A.", "The politics of repression revisited", "Soviet Studies",
        1993, id="apa-article",
    ),
    pytest.param(
        "Viola, Lynne. “The Other Archipelago.” Slavic Review, vol. 60, no. 4, 2001, pp. 730–55.",
        "article", "Viola, Lynne", "The Other Archipelago", "Slavic Review", 2001, id="mla",
    ),
    pytest.param(
        "Davies, R. W. and Wheatcroft, S. G. (2004) The Years of Hunger. Basingstoke: "
        "Palgrave Macmillan.",
        "book", "Davies, R. W.", "The Years of Hunger", None, 2004, id="harvard-book",
    ),
    pytest.param(
        "Хлевнюк О. В. Сталин и Молотов // Вопросы истории. 1993. № 2. С. 5–20.",
        "article", "Хлевнюк О. В.", "Сталин и Молотов", "Вопросы истории", 1993,
        id="gost-article",
    ),
    pytest.param(
        "Зубкова Е. Ю. Послевоенное советское общество. М.: Наука, 1985. 320 с.",
        "book", "Зубкова Е. Ю.", "Послевоенное советское общество", None, 1985,
        id="gost-book",
    ),
    pytest.param(
        "Осокина Е. А. Карточная система // Очерки истории снабжения. М.: РОССПЭН, 1999. "
        "С. 10–25.",
        "chapter", "Осокина Е. А.", "Карточная система", "Очерки истории снабжения", 1999,
        id="gost-chapter",
    ),
    pytest.param(
        "Лубянка. Сталин и ВЧК: документы. М.: МФД, 2003. 868 с.",
        "document_collection", None, "Лубянка. Сталин и ВЧК: документы", None, 2003,
        id="gost-document-collection",
    ),
    pytest.param(
        "John Smith, “Moscow Trials Begin,” The Daily Courier, August 20, 1936, 1.",
        "newspaper", "John Smith", "Moscow Trials Begin", "The Daily Courier", 1936,
        id="newspaper",
    ),
    pytest.param(
        "Ivanov, Ivan. “Soviet Mongolia in the 1930s.” PhD diss., University of Chicago, 2005.",
        "thesis", "Ivanov, Ivan", "Soviet Mongolia in the 1930s", None, 2005, id="thesis",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "author", "title", "host", "year"), STYLES)
def test_each_style_gives_kind_author_title_container_and_year(
    text, kind, author, title, host, year
):
    parsed = parse(text)
    assert not parsed.is_archival
    assert parsed.kind == kind
    assert (parsed.authors or [None])[0] == author
    assert parsed.title == title
    assert container(parsed) == host
    assert parsed.year == year


def test_an_apa_doi_and_a_url_go_to_their_own_fields():
    parsed = parse(
        "Getty, J. A. (1993). The politics of repression revisited. Soviet Studies, 45(2), "
        "221–240. https://doi.org/10.1234/ss.1993.45"
    )
    assert parsed.doi == "10.1234/ss.1993.45"
    web = parse("“The Stalin Archive,” accessed May 4, 2020, https://example.org/stalin/.")
    assert web.url == "https://example.org/stalin/"
    assert web.kind == "webpage"
    assert web.title == "The Stalin Archive"


def test_editors_are_not_authors_and_the_kind_is_flagged():
    parsed = parse("A. B. Ivanov and C. D. Petrov, eds., Soviet Mongolia (Moscow, 2001), 15.")
    assert parsed.authors == []
    assert parsed.editors == ["A. B. Ivanov", "C. D. Petrov"]
    assert parsed.kind == "edited_volume"
    assert "kind" in parsed.unsure_fields


def test_a_note_with_several_works_gives_the_first():
    parsed = parse(
        "See Sheila Fitzpatrick, Stalin's Peasants (New York, 1994), 12; Lynne Viola, "
        "Peasant Rebels under Stalin (New York, 1996), 40."
    )
    assert parsed.authors == ["Sheila Fitzpatrick"]
    assert parsed.title == "Stalin's Peasants"
    assert parsed.year == 1994


def test_an_unclosed_quotation_is_flagged_not_guessed_silently():
    parsed = parse("Ivanov I. I. 2001. “Soviet Policy in Mongolia. Moscow: Nauka.")
    assert "title" in parsed.unsure_fields


@pytest.mark.parametrize(
    ("printed", "person"),
    [
        ("Hiroaki Kuromiya", True),
        ("R. W. Davies", True),
        ("Coox, Alvin D.", True),
        ("Кузьмин Ю. В.", True),
        ("Institute of Military History", False),
        ("Mezhdunarodnye otnosheniya", False),
    ],
)
def test_a_person_s_name_is_told_from_a_collective(printed, person):
    assert _is_person(printed) is person


@pytest.mark.parametrize(
    ("printed", "split"),
    [
        ("Hiroaki Kuromiya", ("Kuromiya", "Hiroaki")),
        ("Zhukov G. K.", ("Zhukov", "G. K.")),
        ("G. K. Zhukov", ("Zhukov", "G. K.")),
        ("Coox, Alvin D.", ("Coox", "Alvin D.")),
    ],
)
def test_split_person_finds_the_family_name(printed, split):
    assert split_person(printed) == split


def test_a_name_list_ends_at_the_title():
    assert _read_names("Norman M. Naimark, Stalin's Genocides (Princeton, 2010)")[0] == [
        "Norman M. Naimark"
    ]
    assert _read_names("G. Gorodetsky, Grand Delusion: Stalin and the War")[0] == ["G. Gorodetsky"]
    people, _end, editors = _read_names("T. V. Volokitina et al., eds., Sovetskii faktor")
    assert people == ["T. V. Volokitina"] and editors


# --- hostile text ---------------------------------------------------------------------

PIECES = [
    *'. ,;:-–()[]“”‘’«»"/&AaBbZzЖжИи0123456789',
    *("Ivanov ", "A. ", "and ", "eds. ", "in ", "// ", "М.: ", "vol. ", "no. ", "pp. ", "С. "),
    *("1999", "Moscow: ", "(New York, 2004)", "et al. ", ", ", "https://x.org/a "),
]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=200).map("".join)


@settings(max_examples=150, deadline=None)
@given(HOSTILE)
def test_the_published_parser_and_the_name_splitters_never_raise(text):
    parse(text)
    _split_people(text)
    _is_person(text)
    split_person(text)


HOSTILE_RUNS = [
    "." * 3000,
    ". " * 1500,
    "A. " * 1000,
    "Ivanov " * 400,
    "Ivanov, " * 370,
    "Ivanov A. A., " * 200,
    "Aa Bb: " * 420,
    "“" + "a" * 2990,
    "‘a’" * 1000,
    "in " * 1000,
    "(New York, " * 270,
    "1999. " * 500,
    "Ab" * 1500,
    "A" * 3000,
    "// " * 1000,
]


@pytest.mark.parametrize("run", HOSTILE_RUNS, ids=range(len(HOSTILE_RUNS)))
def test_a_megabyte_of_hostile_text_parses_in_under_five_seconds(run):
    """About 1 MB, in references of at most 3,000 characters (parse_reference's limit),
    read by the published side alone, as parse_reference hands it over (cleaned)."""
    line = clean_text(run[:2999])
    count = 1_000_000 // len(line) + 1
    started = time.perf_counter()
    for _ in range(count):
        _parse_published(line, ParsedReference(citation=line))
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("run", HOSTILE_RUNS, ids=range(len(HOSTILE_RUNS)))
def test_the_name_splitters_read_a_megabyte_in_under_five_seconds(run):
    text = (run * (1_000_000 // len(run) + 1))[:1_000_000]
    started = time.perf_counter()
    _split_people(text)
    _is_person(text)
    split_person(text)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Правда. 1941. 23 июня.",
            {"kind": "newspaper", "periodical": "Правда", "year": 1941, "authors": []},
        ),
        (
            "Ершов П. П. «Гроза» – «Буря» по-русски. М.: Вече, 2010. 300 с.",
            {"title": "«Гроза» – «Буря» по-русски", "publisher": "Вече", "kind": "book"},
        ),
        (
            "Brown, Anna, and Peter Grey. “Soviet Kazakhstan.” Central Asian Survey 12, "
            "no. 1 (1993): 5–20.",
            {"authors": ["Brown, Anna", "Peter Grey"], "periodical": "Central Asian Survey"},
        ),
        (
            "Mark Lee, Soviet Tuva (Cambridge, MA: Harvard University Press, 2004), 7.",
            {"place": "Cambridge, MA", "publisher": "Harvard University Press", "year": 2004},
        ),
        (
            "Orlov, B. (2012). Soviet Tuva (A. Smith, Trans.). Yale University Press.",
            {"title": "Soviet Tuva", "publisher": "Yale University Press", "place": None},
        ),
        (
            "Grey, Peter. Soviet Tuva. Belknap Press, 2004.",
            {"title": "Soviet Tuva", "publisher": "Belknap Press", "place": None, "year": 2004},
        ),
        (
            "Petrov, Ivan. “Tuva’s Herders’ Economy.” Inner Asia 4 (2002): 1–9.",
            {"title": "Tuva’s Herders’ Economy", "periodical": "Inner Asia", "volume": "4"},
        ),
    ],
)
def test_more_forms(text, expected):
    parsed = parse(text)
    assert {key: getattr(parsed, key) for key in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Цит. по: Орлов Б. Б. Тувинская политика. М.: Наука, 2004. С. 5.",
        "Подробнее см.: Орлов Б. Б. Тувинская политика. М.: Наука, 2004.",
        "See, e.g., Boris Orlov, Tuvan Policy (Moscow, 2004), 5.",
        "On this see Boris Orlov, Tuvan Policy (Moscow, 2004), 5–7.",
        "Quoted in Boris Orlov, Tuvan Policy (Moscow, 2004), 5.",
    ],
)
def test_words_that_lead_to_a_reference_are_not_read_as_its_title(text):
    parsed = parse(text)
    assert parsed.title in {"Тувинская политика", "Tuvan Policy"}
    assert parsed.authors in (["Орлов Б. Б."], ["Boris Orlov"])
    assert parsed.year == 2004


def test_compilers_make_a_flagged_collection_of_documents():
    parsed = parse("Тува в документах. 1921–1944 / сост. А. А. Орлов. Кызыл: Наука, 2005.")
    assert parsed.editors == ["А. А. Орлов"]
    assert parsed.kind == "document_collection"
    assert "kind" in parsed.unsure_fields


def test_a_newspaper_issue_with_commas_and_a_volume_of_a_documents_series():
    newspaper = parse("Известия, 1941, 23 июня.")
    assert (newspaper.kind, newspaper.periodical, newspaper.year) == ("newspaper", "Известия", 1941)
    series = parse("Документы внешней политики. Т. 21. Кн. 2. М., 1998. С. 10–12.")
    assert series.title == "Документы внешней политики"
    assert (series.volume, series.year, series.place) == ("21", 1998, "Москва")
    assert series.authors == []


def test_an_editor_after_the_title_stops_at_the_imprint():
    parsed = parse(
        "The Diary of Ivan Petrov, ed. Anna Brown (New Haven: Yale University Press, 2003)."
    )
    assert parsed.editors == ["Anna Brown"]
    assert parsed.title == "The Diary of Ivan Petrov"


def test_a_reference_in_brackets_after_prose_is_read():
    parsed = parse("Эту дату приводит и биохроника (Орлов Б. Б. Сочинения. Т. 2. М., 1950. С. 16).")
    assert parsed.authors == ["Орлов Б. Б."]
    assert parsed.title == "Сочинения"
    assert (parsed.volume, parsed.year) == ("2", 1950)


def test_a_short_form_with_a_quoted_title_is_a_flagged_article():
    parsed = parse("Orlov and Brown, ‘Tuvan herders’, p. 30.")
    assert parsed.authors == ["Orlov", "Brown"]
    assert parsed.title == "Tuvan herders"
    assert parsed.kind == "article"
    assert "kind" in parsed.unsure_fields


def test_a_journal_named_in_prose_is_the_container():
    parsed = parse("Эту статью Б. Б. Орлов напечатал в журнале: Новый мир, 1925, № 3. С. 10–20.")
    assert parsed.periodical == "Новый мир"
    assert (parsed.kind, parsed.year, parsed.issue) == ("article", 1925, "3")


# An edited volume or a collection of documents with no author: its editors are the
# persons responsible (CSL's substitute for a missing author, Chicago's `Smith, John,
# ed.`), so `authors` in the JSON names them, while the parse keeps them as editors.
EDITED_WITHOUT_AUTHOR = [
    pytest.param(
        "M. E. Petrova and K. L. Orlov (eds.) Sibirskaia ssylka 1905–1917, Tomsk, 2011, 41.",
        "M. E. Petrova",
        id="eds-in-brackets-after-the-names",
    ),
    pytest.param(
        "Letter 7 in Anne Rowley et al., eds., Papers of the Northern Board, 1881–1890 "
        "(Leeds, 1998), 2:14–15.",
        "Anne Rowley",
        id="document-in-a-collection-et-al-eds",
    ),
    pytest.param(
        "Kriegstagebuch der Division 1941–1942, 4 vols., ed. Klaus Steinmann, (Bonn, 1975), 3:212.",
        "Klaus Steinmann",
        id="ed-before-the-name-after-the-title",
    ),
]


@pytest.mark.parametrize(("citation", "editor"), EDITED_WITHOUT_AUTHOR)
def test_editors_stand_for_a_missing_author_and_keep_their_role(citation, editor):
    parsed = parse(citation)
    assert parsed.authors == []
    assert parsed.editors[0] == editor
    assert parsed.as_dict()["authors"][0] == editor
    assert parsed.as_dict()["editors"][0] == editor


def test_a_work_with_an_author_does_not_take_its_editors_as_authors():
    parsed = parse("Nora Lind, The Northern Roads, ed. Piet Havel (Utrecht: Spectrum, 2004), 88.")
    assert parsed.as_dict()["authors"] == ["Nora Lind"]


def test_authors_printed_by_their_initials_alone_head_a_quoted_title():
    # Mongolian usage, in MLA form: the first author inverted (family initial, given).
    parsed = parse(
        "Б., Н., Д. Ц., and Ж. Г. “Хүрээний худалдааны түүхэн тойм”. Acta Mongolica, "
        "vol. 12, no. 3, 2019, pp. 44-58."
    )
    assert parsed.authors == ["Б., Н.", "Д. Ц.", "Ж. Г."]
    assert parsed.title == "Хүрээний худалдааны түүхэн тойм"
    assert parsed.periodical == "Acta Mongolica"
    assert (parsed.kind, parsed.year) == ("article", 2019)


@pytest.mark.parametrize(
    ("citation", "author", "title"),
    [
        pytest.param(
            "Marta Kowal has traced the routes in her monograph Drogi na wschód "
            "(Kraków: Znak, 2009).",
            "Marta Kowal",
            "Drogi na wschód",
            id="english-prose-her-monograph",
        ),
        pytest.param(
            "Об этом подробно писал А. С. Орлов в своей книге Северный путь (Л., 1968).",
            "А. С. Орлов",
            "Северный путь",
            id="russian-prose-v-svoei-knige",
        ),
    ],
)
def test_a_work_named_in_prose_takes_its_author_from_the_sentence(citation, author, title):
    parsed = parse(citation)
    assert parsed.authors == [author]
    assert parsed.title == title
    assert "authors" in parsed.unsure_fields


def test_a_journal_named_in_prose_takes_the_author_before_the_verb():
    parsed = parse(
        "Заметку без подписи Н. П. Громов напечатал в журнале: Сибирский архив, 1912, № 3."
    )
    assert parsed.authors == ["Н. П. Громов"]
    assert parsed.periodical == "Сибирский архив"
    assert parsed.year == 1912


@pytest.mark.parametrize(
    ("citation", "gazette", "year", "issue"),
    [
        ("Ведомости ВС СССР. 1941. № 25. Ст. 87.", "Ведомости ВС СССР", 1941, "25"),
        ("СЗ РФ. 1998. № 31. Ст. 3802.", "СЗ РФ", 1998, "31"),
    ],
)
def test_an_act_in_a_gazette_of_laws_is_read_though_its_name_is_abbreviated(
    citation, gazette, year, issue
):
    parsed = parse(citation)
    assert parsed.is_reference and not parsed.is_archival
    assert (parsed.periodical, parsed.year, parsed.issue) == (gazette, year, issue)
    assert parsed.kind == "other"  # a legal act: the catalogue has no kind for one
    assert "kind" in parsed.unsure_fields


def test_a_periodicals_issue_without_a_statute_number_stays_an_article():
    parsed = parse("Красный архив. 1927. № 4.")
    assert (parsed.periodical, parsed.year, parsed.kind) == ("Красный архив", 1927, "article")

"""The citation parser: the seed's 25 references, a corpus of real-looking ones, and
the command that prints parses as JSON Lines."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.citations import (
    ArchiveRegistry,
    make_slug,
    parse_reference,
    parse_text,
    split_references,
    unify_homoglyphs,
)
from catalogue.importing.reference_list import InputRejected, decode_input
from catalogue.models import Archive, ArchiveName
from tools.corpus_report import ARCHIVAL_PARTS, load, score, seed_results

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "fixtures" / "sources" / "batunaev-2019.txt"


@pytest.fixture(scope="module")
def registry():
    return ArchiveRegistry.from_fixture(ROOT / "fixtures" / "archives.json")


# --- the seed ------------------------------------------------------------------------


def test_it_reads_every_seed_reference_as_design_md_says(registry):
    rows, results = seed_results(registry)
    counts, failures = score(rows, registry, results)
    assert failures == []
    assert counts["is_archival"] == (25, 25)
    assert counts["archive"] == (6, 6)


def test_the_seed_list_keeps_its_numbers_and_skips_the_article_text(registry):
    parsed = parse_text(SEED_TEXT.read_text(encoding="utf-8"), registry)
    references = [p for p in parsed if p.is_reference]
    assert [p.number for p in references] == list(range(1, 26))
    assert all(p.message for p in parsed if not p.is_reference)


@pytest.mark.parametrize(
    ("number", "coordinates"),
    [
        (7, ("avp-rf", "9", "25", "100", "38", "73-74")),
        (9, ("rgaspi", "17", "162", None, "18", "18-19")),
        (10, ("rgaspi", "17", "162", None, "20", "162")),
        (13, ("rgaspi", "558", "11", None, "352", "1-9")),
        (18, ("rgani", "89", "63", None, "20", "1-5")),
        (19, ("rgva", "32113", "1", None, "4", "5-7")),
    ],
)
def test_seed_archival_coordinates(registry, number, coordinates):
    parsed = {p.number: p for p in parse_text(SEED_TEXT.read_text(encoding="utf-8"), registry)}
    reference = parsed[number]
    assert tuple(getattr(reference, part) for part in ARCHIVAL_PARTS) == coordinates


def test_garble_repairs_are_marked_unsure(registry):
    no9 = parse_reference(
        "“From the protocol No 26”. Russian State Archives of Social and Political History. "
        "F. 17. 162. E. 18. Pp. 18-19. [In Russian]",
        registry,
    )
    assert (no9.inventory, no9.file, no9.folios) == ("162", "18", "18-19")
    assert {"inventory", "file", "folios"} <= no9.unsure_fields
    no19 = parse_reference("Russian State Military Archives. F. 32113. Op. 1. D. 4. 5-7.", registry)
    assert no19.folios == "5-7"
    assert "folios" in no19.unsure_fields
    clean = parse_reference("RGASPI. F. 17. Op. 162. D. 20. L. 162.", registry)
    assert not clean.unsure_fields & set(ARCHIVAL_PARTS)


def test_an_unmarked_entry_of_a_marked_list_is_english_but_unsure(registry):
    parsed = parse_text(
        "1. Ivanov I. I. 2001. Title. Moscow: Nauka. [In Russian]\n"
        "2. Smith J. 2005. Another title. London: Routledge.\n",
        registry,
    )
    assert [p.language for p in parsed] == ["ru", "en"]
    assert "language" in parsed[1].unsure_fields
    alone = parse_reference("Smith J. 2005. Another title. London: Routledge.", registry)
    assert alone.language is None


# --- the corpus ----------------------------------------------------------------------


def test_the_corpus_is_large_and_varied():
    rows = load()
    archival = [r for r in rows if r["expected"]["is_archival"]]
    assert len(rows) >= 150
    assert len(archival) >= 100
    assert len(rows) - len(archival) >= 40
    texts = " ".join(r["citation"] for r in rows)
    for form in ("Ед. хр.", "об.", "ob.", "opis'", "П. ", "P. ", "RTsKhIDNI", "TsGASA", "ЦХСД"):
        assert form in texts


def test_the_corpus_parses_exactly_part_by_part(registry, capsys):
    counts, failures = score(load(), registry)
    with capsys.disabled():
        print("\ncorpus: share parsed exactly")
        for part, (exact, total) in counts.items():
            print(f"  {part:<12} {exact:>4}/{total:<4} {exact / total:6.1%}")
    for part in ("is_archival", *ARCHIVAL_PARTS):
        exact, total = counts[part]
        assert exact / total >= 0.95, (part, [f for f in failures if f[1] == part])
    for part in ("title", "authors", "year", "periodical", "pages"):
        exact, total = counts[part]
        assert exact / total >= 0.85, (part, [f for f in failures if f[1] == part])


def test_the_corpus_check_can_fail(registry):
    rows = [{"citation": "RGASPI. F. 17. Op. 162. D. 20. L. 162.", "expected": {
        "is_archival": True, "archive": "rgva", "fond": "17", "inventory": "162",
        "folder": None, "file": "21", "folios": "162"}}]  # fmt: skip
    counts, failures = score(rows, registry)
    assert counts["archive"] == (0, 1)
    assert counts["file"] == (0, 1)
    assert {f[1] for f in failures} == {"archive", "file"}


# --- pieces --------------------------------------------------------------------------


def test_homoglyphs_are_read_in_the_word_s_script():
    assert unify_homoglyphs("Мoscow: Nauka") == "Moscow: Nauka"
    assert unify_homoglyphs("Belov Е. A. 2003.") == "Belov E. A. 2003."
    assert unify_homoglyphs("Москвa") == "Москва"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ф. Р-9401. Оп. 1а. Д. 112а. Л. 1–15 об.", ("Р-9401", "1а", None, "112а", "1-15 об.")),
        ("f. 32113, op. 1, d. 4, ll. 5-7", ("32113", "1", None, "4", "5-7")),
        ("fond 17, opis' 162, delo 20", ("17", "162", None, "20", None)),
        ("Ф. 06. Оп. 1. П. 2. Д. 15. Л. 8 об.", ("06", "1", "2", "15", "8 об.")),
        ("F. 1038. Op. 1. Ed. khr. 20. L. 3v.", ("1038", "1", None, "20", "3 об.")),
    ],
)
def test_archival_forms(registry, text, expected):
    parsed = parse_reference(f"GARF. {text}", registry)
    assert (parsed.fond, parsed.inventory, parsed.folder, parsed.file, parsed.folios) == expected


def test_an_unknown_archive_gets_a_slug_from_its_abbreviation(registry):
    parsed = parse_reference("ГАНО. Ф. Р-1. Оп. 2. Д. 3. Л. 4.", registry)
    assert parsed.archive == "gano"
    assert parsed.archive_known is False
    assert "archive" in parsed.unsure_fields
    assert make_slug("ЦГА РБ") == "tsga-rb"


def test_several_files_in_one_reference_give_several_locations(registry):
    parsed = parse_reference("RGASPI. F. 17. Op. 162. D. 25. L. 13; D. 26. L. 4-5.", registry)
    assert [(loc["file"], loc["folios"]) for loc in parsed.locations] == [
        ("25", "13"),
        ("26", "4-5"),
    ]


def test_an_initial_f_before_a_year_is_not_a_fond(registry):
    parsed = parse_reference("Ivanov F. 2001. The title of a book. Moscow: Nauka.", registry)
    assert parsed.is_archival is False
    assert parsed.authors == ["Ivanov F."]


def test_split_keeps_numbers_joins_wrapped_lines_and_flags_headings():
    entries = split_references(
        "References\n1. Ivanov I. I. 2001. A title\n   that wraps. Moscow: Nauka.\n\n[2] RGVA. F. 1. Op. 1. D. 1.\n"
    )
    assert entries[0][0] is None
    assert [(n, line) for n, _, line in entries[1:]] == [(1, 2), (2, 5)]
    assert "that wraps" in entries[1][1]
    unnumbered = split_references("Ivanov I. I. 2001. A.\nPetrov P. P. 2002. B.\n")
    assert [n for n, _, _ in unnumbered] == [1, 2]


@pytest.mark.parametrize("line", ["", "References", "Список литературы", "----", "12345 6789"])
def test_lines_without_a_reference_say_so(registry, line):
    parsed = parse_reference(line, registry)
    assert parsed.is_reference is False
    assert parsed.message


# --- the registry comes from the database --------------------------------------------


@pytest.mark.django_db
def test_the_registry_resolves_the_seed_s_printed_names():
    call_command("loaddata", "archives", verbosity=0)
    registry = ArchiveRegistry.from_db()
    for printed, slug in [
        ("Russian State Archives of Social and Political History", "rgaspi"),
        ("Foreign Policy Archive of the Russian Federation", "avp-rf"),
        ("Russian State Archives of Modern History", "rgani"),
        ("Russian State Military Archives", "rgva"),
        ("РЦХИДНИ", "rgaspi"),
        ("TsKhSD", "rgani"),
        ("TsGASA", "rgva"),
        ("TsGAOR SSSR", "garf"),
    ]:
        assert parse_reference(f"{printed}. F. 1. Op. 2. D. 3. L. 4.", registry).archive == slug


@pytest.mark.django_db
def test_a_name_added_in_the_admin_is_recognised():
    archive = Archive.objects.create(slug="gaoo", abbreviation="GAOO")
    ArchiveName.objects.create(archive=archive, name="State Archive of Nowhere Oblast")
    registry = ArchiveRegistry.from_db()
    parsed = parse_reference("State Archive of Nowhere Oblast. F. 1. Op. 2. D. 3.", registry)
    assert (parsed.archive, parsed.archive_known) == ("gaoo", True)


# --- parse_references ----------------------------------------------------------------


@pytest.fixture
def archives(archives_and_languages):
    """The archive registry and languages that the parser resolves printed names against."""


def run_parse(*args, stdin=None):
    out, err = StringIO(), StringIO()
    call_command("parse_references", *args, stdout=out, stderr=err, stdin=stdin)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_parse_references_prints_one_object_per_entry_in_order(archives):
    objects, _ = run_parse(str(SEED_TEXT))
    references = [o for o in objects if o["is_reference"]]
    assert [o["number"] for o in references] == list(range(1, 26))
    assert references[6]["archive"] == "avp-rf"
    assert all("message" in o and o["message"] for o in objects if not o["is_reference"])
    assert [o["line"] for o in objects] == sorted(o["line"] for o in objects)


def test_parse_references_writes_nothing(archives, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        run_parse(str(SEED_TEXT))


def test_parse_references_falls_back_to_cp1251_with_a_notice(archives, tmp_path):
    source = tmp_path / "refs.txt"
    source.write_bytes(
        "1. РГАСПИ. Ф. 17. Оп. 162. Д. 20. Л. 162.\n".encode("cp1251")
        + "2. РГВА. Ф. 32113. Оп. 1. Д. 4. Л. 5–7.\n".encode()
    )
    objects, err = run_parse(str(source))
    assert [(o["archive"], o["fond"]) for o in objects] == [("rgaspi", "17"), ("rgva", "32113")]
    assert "cp1251" in err and "1" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        (bytes(range(128, 256)) * 20, "text"),
        (b"A" * 1_000_001, "limit"),
    ],
)
def test_parse_references_refuses_bad_input_clearly(archives, tmp_path, content, message):
    source = tmp_path / "bad.bin"
    source.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run_parse(str(source))


def test_parse_references_reads_stdin(archives):
    class Stdin:
        buffer = __import__("io").BytesIO(b"RGVA. F. 1. Op. 2. D. 3. L. 4.\n")

    objects, _ = run_parse("-", stdin=Stdin())
    assert objects[0]["archive"] == "rgva"


def test_parse_references_names_a_missing_file(archives, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_parse(str(tmp_path / "missing.txt"))


# --- robustness ----------------------------------------------------------------------

REFERENCE_ALPHABET = st.sampled_from(
    [*'FfОоПпДдЛлEeP.,;:-–— 0123456789“”«»"()/[]RGASPIrgvaОпФДЛлоб', "Op.", "об.", "ll."]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(REFERENCE_ALPHABET, max_size=80).map("".join)))
def test_the_parser_never_raises(registry, text):
    parsed = parse_reference(text, registry)
    assert parsed.as_dict()["citation"] is not None
    parse_text(text, registry)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_clearly(data):
    try:
        text, _notices = decode_input(data)
    except InputRejected as error:
        assert str(error)
    else:
        assert isinstance(text, str)


def test_pathological_lines_are_quick_and_refused(registry):
    import time

    start = time.monotonic()
    parsed = parse_reference("Ф. 1. " * 3000, registry)
    assert time.monotonic() - start < 2
    assert parsed.is_reference is False
    assert "too long" in parsed.message


def test_too_many_lines_are_refused():
    with pytest.raises(InputRejected, match="at most"):
        decode_input(b"1. RGVA. F. 1. Op. 1. D. 1.\n" * 6000)


@pytest.mark.django_db
def test_the_archive_registry_loads_twice_and_keeps_the_slug_rule():
    call_command("loaddata", "archives", verbosity=0)
    before = (Archive.objects.count(), ArchiveName.objects.count())
    call_command("loaddata", "archives", verbosity=0)
    assert (Archive.objects.count(), ArchiveName.objects.count()) == before
    assert Archive.objects.count() >= 25
    for archive in Archive.objects.all():
        # The standard Latin abbreviation, lower case, spaces as hyphens.
        assert archive.slug == archive.abbreviation.lower().replace(" ", "-")
    for slug in ("rgaspi", "rgva", "avp-rf", "rgani", "garf"):
        assert Archive.objects.filter(slug=slug).exists()


def test_ibid_continues_the_reference_above(registry):
    parsed = parse_text(
        "1. Письмо Молотова // РГАСПИ. Ф. 82. Оп. 2. Д. 1265. Л. 54–55.\n"
        "2. Там же. Л. 60.\n"
        "3. Ibid. D. 1266. L. 3.\n"
        "4. Ivanov I. I. 2001. Title. Moscow: Nauka. [In Russian]\n"
        "5. Ibid. P. 45.\n",
        registry,
    )
    coordinates = [tuple(getattr(p, part) for part in ARCHIVAL_PARTS) for p in parsed[:3]]
    assert coordinates == [
        ("rgaspi", "82", "2", None, "1265", "54-55"),
        ("rgaspi", "82", "2", None, "1265", "60"),
        ("rgaspi", "82", "2", None, "1266", "3"),
    ]
    assert (parsed[4].title, parsed[4].place, parsed[4].pages) == ("Title", "Moscow", "45")
    assert all(p.ibid and "title" in p.unsure_fields for p in (parsed[1], parsed[2], parsed[4]))
    alone = parse_reference("Ibid. L. 15.", registry)
    assert alone.ibid and alone.is_reference and alone.fond is None

"""Reading a reference as printed into a structured record: the public entry point.

`parse_reference(text, registry)` reads ONE reference; `parse_text(text, registry)`
splits a reference list (numbered, or one note a line), cuts each note into its
references (`references/notes.py`) and reads every one. Both return `ParsedReference`
objects (`.as_dict()` gives plain JSON-ready data).

The parser reads what a historian reads, and says where it guessed: every repair of
a garbled print (a missing label, `E.` for the file label, `Pp.` for folios) and every
inference (a language from the script, an archive not in the registry) is listed in
`unsure` (printed as `doubts`) with its reason, so that an editor checks it before import.

Archival references are read in `references/finding.py` and `references/archival.py`;
archive names are data (`references/registry.py`, fixtures/archives.json).
"""

import re
from dataclasses import asdict, dataclass, field

from .references.archival import _FOND_START, normalise_folios
from .references.finding import parse_archival
from .references.notes import (
    CUE,
    IBID,
    _printed_ibid,
    parse_note,
)
from .references.registry import ArchiveRegistry, RegistryArchive
from .references.text import (
    clean_text,
    dash,
    dominant_script,
    make_slug,
    unify_homoglyphs,
)

__all__ = [
    "PARTS",
    "ArchiveRegistry",
    "ParsedReference",
    "RegistryArchive",
    "clean_text",
    "dash",
    "dominant_script",
    "make_slug",
    "normalise_folios",
    "parse_reference",
    "parse_text",
    "split_references",
    "unify_homoglyphs",
]

_LETTER = r"A-Za-zА-Яа-яЁё"

# --- the parsed reference -------------------------------------------------------------

PARTS = ("archive", "fond", "inventory", "folder", "file", "folios")


@dataclass
class ParsedReference:
    citation: str
    number: int | None = None
    line: int | None = None
    is_reference: bool = True
    message: str = ""
    is_archival: bool = False
    kind: str = ""
    archive: str | None = None
    archive_as_printed: str | None = None
    archive_known: bool = False
    fond: str | None = None
    inventory: str | None = None
    folder: str | None = None
    file: str | None = None
    folios: str | None = None
    reference_code: str | None = None
    locations: list = field(default_factory=list)
    title: str | None = None
    authors: list = field(default_factory=list)
    editors: list = field(default_factory=list)
    year: int | None = None
    language: str | None = None
    periodical: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    series: str | None = None
    container: str | None = None
    publisher: str | None = None
    place: str | None = None
    doi: str | None = None
    url: str | None = None
    unsure: list = field(default_factory=list)
    ibid: bool = False
    index: int = 1

    def as_dict(self):
        """Plain JSON-ready data. `authors` names the persons responsible for the work:
        its authors, or, where it has none, its editors or compilers (CSL's substitute
        for a missing author, Chicago's `Smith, John, ed.`); `editors` keeps the role, so
        an importer reads the attributes, not this, to save who did what."""
        data = asdict(self)
        data["authors"] = list(self.authors or self.editors)
        data["doubts"] = data["unsure"]
        return data

    def doubt(self, field_name, reason):
        entry = {"field": field_name, "reason": reason}
        if entry not in self.unsure:
            self.unsure.append(entry)

    @property
    def unsure_fields(self):
        return {entry["field"] for entry in self.unsure}


# --- language markers -----------------------------------------------------------------

_LANGUAGE_WORDS = {
    "russian": "ru", "mongolian": "mn", "english": "en", "german": "de", "french": "fr",
    "japanese": "ja", "chinese": "zh", "ukrainian": "uk", "kazakh": "kk", "belarusian": "be",
    "polish": "pl", "рус": "ru", "монг": "mn", "англ": "en", "нем": "de", "фр": "fr",
    "франц": "fr", "япон": "ja", "кит": "zh", "укр": "uk",
}  # fmt: skip
_LANGUAGE_MARK = re.compile(
    r"[\[(]\s*(?:in\s+(?P<en>[A-Za-z]+)|на\s+(?P<ru>[а-яё]+)\.?\s*(?:яз\.?|языке)?)\s*[\])]\.?",
    re.IGNORECASE,
)
_MONGOLIAN_LETTERS = set("ӨөҮү")


_LETTERS = re.compile(r"[^\W\d_]")
_CYRILLIC_LETTERS = re.compile(r"[\u0400-\u04ff]")


def _find_language(text, parsed):
    match = _LANGUAGE_MARK.search(text)
    if match:
        word = (match.group("en") or match.group("ru")).casefold()
        code = _LANGUAGE_WORDS.get(word)
        if code is None:
            parsed.doubt("language", f"the mark {match.group()!r} names no language known here")
        parsed.language = code
        return (text[: match.start()] + text[match.end() :]).strip()
    letters = len(_LETTERS.findall(text))
    cyrillic = len(_CYRILLIC_LETTERS.findall(text))
    if letters and cyrillic > letters / 2:
        if _MONGOLIAN_LETTERS & set(text):
            parsed.language = "mn"
            parsed.doubt("language", "no language mark; read from Mongolian letters ө, ү")
        else:
            parsed.language = "ru"
            parsed.doubt("language", "no language mark; read from the Cyrillic script")
    return text


# --- published works ------------------------------------------------------------------

# Imported here, below the helpers that module takes from this one (clean_text, dash...).
from catalogue.references.published import (  # noqa: E402
    _YEAR,
    _guess_kind,  # noqa: F401 (parse_reference may ask for the kind alone)
    _is_person,
    _parse_published,
    _split_people,
    _take_quoted,
)

# --- one reference, and a list --------------------------------------------------------

_DOI = re.compile(
    r"(?<![\w/])(?:doi:\s?|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"<>]{1,200})", re.I
)
_URL = re.compile(r"(?<![\w/])(https?://[^\s\"<>]{1,500})")

# The longest real references run to a few hundred characters; past this the text is
# something else, and reading it would only cost time.
MAX_REFERENCE_CHARS = 3000
_LEADING_NUMBER = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+(?=\S)")


def parse_reference(text, registry, number=None, line=None):
    """Read ONE reference (with or without its number) into a ParsedReference."""
    citation = clean_text(text)
    match = _LEADING_NUMBER.match(citation)
    if match:
        number = number if number is not None else int(match.group(1) or match.group(2))
        citation = citation[match.end() :]
    parsed = ParsedReference(citation=citation, number=number, line=line)
    registry = registry if registry is not None else ArchiveRegistry([], [])
    if IBID.match(citation):
        # Filled in from the reference before it by parse_text (alone, only what it prints).
        parsed.ibid = True
        parsed.doubt("title", "ibid.: the same source as the reference above")
        _printed_ibid(parsed)
        return parsed
    if len(citation) > MAX_REFERENCE_CHARS:
        parsed.is_reference = False
        parsed.message = (
            f"{len(citation):,} characters is too long for one reference "
            f"(the limit is {MAX_REFERENCE_CHARS:,}): are several run together?"
        )
        return parsed
    if len(citation.strip()) < 6 or _HEADINGS.match(citation.strip()):
        parsed.is_reference = False
        parsed.message = "no reference found in this line"
        return parsed
    if "10." in citation and (doi := _DOI.search(citation)):
        parsed.doi = doi.group(1).rstrip(".,;)")
    if "http" in citation and (url := _URL.search(citation)):
        parsed.url = url.group(1).rstrip(".,;)")
    body = unify_homoglyphs(citation)
    body = CUE.sub("", body, count=1)
    head_end = parse_archival(body, registry, parsed)
    if head_end is None and not looks_like_reference(citation):
        parsed.is_reference = False
        parsed.message = "no reference found in this line"
        return parsed
    body = _find_language(body, parsed) if head_end is None else body
    if head_end is not None:
        _find_language(body, parsed)
        _describe_document(body[:head_end], parsed)
    else:
        _parse_published(body, parsed)
    return parsed


def _describe_document(head, parsed):
    """The words before an archival reference's archive: the document's description."""
    head = head.strip(" .,;:/(")
    quoted = _take_quoted(head, parsed)
    if quoted:
        before, title, _after = quoted
        people = _split_people(before)
        if people and all(_is_person(p) for p in people):
            parsed.authors = people
        elif before.strip(" .,"):
            parsed.doubt("title", f"{before.strip()!r} before the quoted title is not read")
        parsed.title = title.strip(" .,")
        if year := re.search(rf"(?<![\d-])({_YEAR})\.?\s*$", before.strip()):
            parsed.year = int(year.group(1))
    else:
        parsed.title = head or None
    if not parsed.title:
        parsed.doubt("title", "no description of the document is printed")


_HEADINGS = re.compile(
    r"^(?:references|bibliography|sources|literature|notes|список литературы|литература|"
    r"источники|библиография|примечания|список источников и литературы)[:.]?$",
    re.IGNORECASE,
)


_ISSUE_OF_A_PERIODICAL = re.compile(rf"^[^\d]{{2,60}}?[.,]\s*{_YEAR}[.,]\s*(?:№|[Nn]o\.)\s*\d")


def looks_like_reference(text):
    """A reference has some words and something to cite by: a year, a fond, a quoted title."""
    text = text.strip()
    if len(text) < 8 or _HEADINGS.match(text):
        return False
    if _FOND_START.search(text) or re.search(r"(?<![A-ZА-ЯЁ])[A-ZА-ЯЁ]{2,}\s+\d+/\d+/\d+", text):
        return True
    if _ISSUE_OF_A_PERIODICAL.search(text):
        # `СЗ СССР. 1935. № 12. Ст. 98.`: an issue of a periodical or a gazette of laws,
        # its name abbreviated, so few letters that the test below would refuse it.
        return True
    letters = len(_LETTERS.findall(text))
    if letters < 5 or letters < len(text) * 0.4:
        return False
    return bool(
        re.search(rf"(?<!\d){_YEAR}(?!\d)", text)
        or re.search(r"[“«\"]", text)
        or re.search(r"\b(?:[Vv]ol|Т|pp|С)\.\s*\d", text)
        or (len(text.split()) >= 4 and "." in text)
    )


def split_references(text):
    """Split a reference list into (number, text, line) entries.

    A numbered list (`1. ...`, `[1] ...`, `1) ...`) keeps its numbers; an unnumbered line
    inside it continues the entry above (a wrapped line). Otherwise each non-empty line is
    an entry (a note), numbered from 1.
    """
    lines = text.splitlines()
    numbered = [i for i, line in enumerate(lines) if _LEADING_NUMBER.match(line)]
    entries = []
    if len(numbered) >= 2 or (numbered and len([s for s in lines if s.strip()]) == 1):
        first = numbered[0]
        for index, raw in enumerate(lines):
            line = raw.strip()
            if not line:
                continue
            match = _LEADING_NUMBER.match(raw)
            if match:
                entries.append([int(match.group(1) or match.group(2)), raw, index + 1])
            elif index > first and entries and looks_like_continuation(line):
                entries[-1][1] += " " + line
            else:
                entries.append([None, raw, index + 1])
    else:
        count = 0
        for index, raw in enumerate(lines):
            if raw.strip():
                count += 1
                entries.append([count, raw, index + 1])
    return [tuple(entry) for entry in entries]


def looks_like_continuation(line):
    return not _HEADINGS.match(line) and len(line) < 400


def parse_text(text, registry, notes=True):
    """Read every entry of a reference list, in order, with its number and line; a note
    holding several references gives several, each with its index in the note.

    `notes=False` reads each entry as one reference. The importers split notes too: each
    reference becomes a citation under the note's number and its index (Citation.index)."""
    entries = split_references(text)
    numbered_list = any(number is not None for number, _, _ in entries) and len(entries) > 1
    results = []
    for number, raw, line in entries:
        if number is None:
            results.append(
                ParsedReference(
                    citation=clean_text(raw),
                    line=line,
                    is_reference=False,
                    message="an unnumbered line outside the numbered reference list"
                    if looks_like_reference(clean_text(raw))
                    else "no reference found in this line",
                )
            )
            continue
        # In a numbered reference list an ibid. continues the entry above; notes given
        # one a line may come from anywhere, so each stands alone.
        before = None
        if numbered_list and _LEADING_NUMBER.match(raw):
            before = next((p for p in reversed(results) if p.is_reference), None)
        references = parse_note(raw, registry, number=number, line=line, before=before, split=notes)
        for parsed in references:
            if parsed.ibid and before is None and parsed.index == 1:
                parsed.doubt("title", "ibid. with no reference above it in this note")
        results += references
    # An English list marks the languages of non-English works ([In Russian]); an entry
    # with no mark in a list that marks others is taken to be in English.
    marked = [
        p for p in results if p.is_reference and p.language and not p.unsure_fields & {"language"}
    ]
    if marked:
        for parsed in results:
            if (
                parsed.is_reference
                and parsed.language is None
                and dominant_script(parsed.citation) == "latin"
            ):
                parsed.language = "en"
                parsed.doubt(
                    "language", "no language mark in a list that marks others: read as English"
                )
    return results

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
    unsure: list = field(default_factory=list)
    ibid: bool = False
    index: int = 1
    doi: str | None = None
    url: str | None = None

    def as_dict(self):
        data = asdict(self)
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

_INITIAL = rf"[{_LETTER}]{{1,2}}\."
_SURNAME = r"[A-ZА-ЯЁ][\w'’]+(?:-[A-ZА-ЯЁ]?[\w'’]+)?"
_GIVEN = r"(?:[A-ZА-ЯЁ][a-zа-яё]+|[A-ZА-ЯЁ][a-zа-яё]?\.)(?:[\s-]+(?:[A-ZА-ЯЁ][a-zа-яё]+|[A-ZА-ЯЁ][a-zа-яё]?\.)){0,2}"
_CHICAGO_AUTHOR = re.compile(rf"^(?P<author>{_SURNAME},\s+{_GIVEN})\.?\s+(?P<rest>\S.*)$")
_PERSON_RE = re.compile(
    rf"^(?:{_SURNAME},\s+{_GIVEN}|{_SURNAME}(?:\s+(?:{_INITIAL}\s*){{0,2}}[{_LETTER}]{{1,2}}\.?)"
    rf"|(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s*){{1,3}}{_SURNAME})$"
)
_EDITOR_MARK = re.compile(r"\s*\((?:eds?|ред|отв\.\s*ред|comp|сост)\.?\)\.?\s*$", re.IGNORECASE)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_HARVARD = re.compile(
    rf"^(?P<pre>[^“”\"«»]+?)[.,]?\s+\(?(?P<year>{_YEAR})[a-z]?(?:\)\.?|\.)\s+(?P<rest>.*)$"
)
_GOST_AUTHORS = re.compile(
    rf"^(?P<authors>{_SURNAME}\s+(?:{_INITIAL}\s?){{1,2}}(?:,\s*{_SURNAME}\s+(?:{_INITIAL}\s?){{1,2}})*)\s*(?P<rest>\S.*)$"
)
_VOLUME = re.compile(r"(?<!\w)(?:[Vv]ol|Т|т|Bd)\.\s*(\d+[\w]*(?:\s*\(\d+\))?)")
_ISSUE = re.compile(
    r"(?<!\w)(?:[Nn]o\.?|№|[Ii]ss\.|Вып\.|вып\.|[Nn]r\.)\s*"
    r"(\d+[\w/-]*(?:\s*\((?!(?:1[5-9]|20)\d\d\))\d+\))?)"
)
_PAGES = re.compile(r"(?<!\w)(?:pp?\.|[СсPp]\.|S\.)\s*(\d+(?:\s*[-–—]\s*\d+)?)(?!\s*с\.)")
_PLACE_PUBLISHER = re.compile(
    r"(?P<place>[A-ZА-ЯЁ]\w{0,2}\.|[A-ZА-ЯЁ][\w’'-]*(?:[\s-][A-ZА-ЯЁ][\w’'-]+)?)\s*:\s*(?P<publisher>(?:[A-ZА-ЯЁ]\.\s*)*[^;,./]+(?:\.\s?[a-zа-яё][^;,./]*)*)"
)
_SERIES = re.compile(r"^(?:\d+(?:st|nd|rd|th) [Ss]eries|[Ss]er\.\s*\d+|[Сс]ер\.\s*\d+)$")
_PLACES_RU = {"М.": "Москва", "Л.": "Ленинград", "СПб.": "Санкт-Петербург", "M.": "Moscow"}
_QUOTE_OPEN = '“«"„'
_QUOTE_CLOSE = {"“": "”", "«": "»", '"': '"', "„": "“"}


def _split_people(text):
    text = _EDITOR_MARK.sub("", text).strip(" .,")
    if not text:
        return []
    people = re.split(
        rf",\s*(?={_SURNAME}\s)|,\s*(?=(?:[A-ZА-ЯЁ]\.\s*){{1,2}}[A-ZА-ЯЁ])|\s+(?:and|и|&)\s+", text
    )
    names = []
    for person in people:
        person = " ".join(person.split()).strip(" .,")
        if person and re.search(rf"(?:^|[\s.])[{_LETTER}]{{1,2}}$", person) and _is_person(person):
            person += "."  # the initial's full stop, eaten by the separator before the year
        if person:
            names.append(person)
    return names


def _is_person(name):
    return bool(_PERSON_RE.match(name.strip()))


def _take_quoted(text, parsed):
    """(before, title, after) if text holds a quoted title; an unclosed quote runs to the
    first imprint detail."""
    for i, char in enumerate(text):
        if char in _QUOTE_OPEN:
            close = text.find(_QUOTE_CLOSE[char], i + 1)
            if close != -1:
                return text[:i], text[i + 1 : close], text[close + 1 :]
            rest = text[i + 1 :]
            cut = _imprint_start(rest)
            parsed.doubt("title", "the quotation mark before the title is never closed")
            return text[:i], rest[:cut], rest[cut:]
    return None


# A place of publication: `Moscow`, `М.`, `Fort Leavenworth`, `Улан-Батор`; and any
# further `; Place: Publisher` pairs (No. 20 of the seed has two).
_PLACE = r"(?:[A-ZА-ЯЁ]\w{0,2}\.|[A-ZА-ЯЁ][\w’'-]*(?:[\s-][A-ZА-ЯЁ][\w’'-]+)?)"
_PLACE_PAIRS = rf"{_PLACE}\s*:\s*[^:;/]+(?:;\s*{_PLACE}\s*:\s*[^:;/]+)*$"
_IMPRINT = re.compile(
    rf"(?:^|(?<=[.,])\s)(?=(?:[Vv]ol\.|Т\.\s*\d|[Nn]o\.?\s*\d|№|pp?\.\s*\d|[СсS]\.\s*\d|In:|В кн\.|//|\d+(?:st|nd|rd|th) [Ss]eries"
    rf"|{_PLACE_PAIRS}|{_PLACE},\s*{_YEAR}\.?\s*$|(?:{_YEAR})\.?\s*$))"
)


def _imprint_start(text):
    """Where the title ends and the imprint (volume, place: publisher...) begins."""
    match = _IMPRINT.search(text)
    cut = match.start() if match else len(text)
    slashes = text.find("//")
    return min(cut, slashes) if slashes != -1 else cut


def _read_imprint(text, parsed):
    """Volume, issue, pages, place and publisher, periodical or host volume, series."""
    if match := _VOLUME.search(text):
        parsed.volume = match.group(1)
    if match := _ISSUE.search(text):
        parsed.issue = " ".join(match.group(1).split())
    if match := _PAGES.search(text):
        parsed.pages = dash(match.group(1))
    elif match := re.search(rf"\({_YEAR}\)\s*:\s*(\d+(?:\s*[-–—]\s*\d+)?)", text):
        parsed.pages = dash(match.group(1))
    places, publishers = [], []
    for match in _PLACE_PUBLISHER.finditer(text):
        place = match.group("place")
        if re.match(r"^(?:In|В кн|Vol|No|Т|С|pp?)\.?$", place):
            continue
        places.append(_PLACES_RU.get(place, place))
        publishers.append(match.group("publisher").strip(" .,"))
    if places:
        parsed.place = "; ".join(places)
        parsed.publisher = "; ".join(publishers)
    for segment in re.split(r"(?<=\.)\s+|,\s+", text):
        segment = segment.strip(" .,;")
        if _SERIES.match(segment):
            parsed.series = segment
    if match := re.search(r"(?:^|\s)(?:In:|В кн\.:?)\s*(.+?)\.?\s*$", text):
        parsed.container = match.group(1).strip(" .")
    elif match := re.search(r"//\s*(.+)$", text):
        host = re.split(
            rf"\.\s+(?:{_YEAR}|[ТтVv]ol?\.|№|[Nn]o|[СсPp]p?\.)|,\s+(?:{_YEAR}|[ТтVv]ol?\.|№|[Nn]o|[СсPp]p?\.)",
            match.group(1),
        )[0]
        host = host.strip(" .,")
        if _PLACE_PUBLISHER.search(host):
            parsed.container = host
        else:
            parsed.periodical = host
    elif match := re.match(
        r"^\s*[.,]?\s*([^.,:]+?),\s+(?:vol\.|no\.?\s*\d|№|pp?\.|Vol\.|No\.?\s*\d)", text
    ):
        parsed.periodical = match.group(1).strip(" .")
        # Chicago puts the volume after the journal's name: `Journal 24, no. 4`.
        if (volume := re.match(r"^(.+?)\s+(\d+)$", parsed.periodical)) and not parsed.volume:
            parsed.periodical, parsed.volume = volume.group(1), volume.group(2)
    if not places and (match := re.search(rf"(?:^\s*|\.\s+)({_PLACE}),\s*{_YEAR}\.?\s*$", text)):
        places.append(_PLACES_RU.get(match.group(1), match.group(1)))
        parsed.place = places[0]
    if not places:
        # A place alone at the end (`Vol. 4. Moscow.`).
        tail = re.search(r"(?:^\s*|\.\s+)([A-ZА-ЯЁ][a-zа-яё-]+|М\.|Л\.|СПб\.)\s*[.,]?\s*$", text)
        if tail and not _VOLUME.match(tail.group(1)) and tail.group(1) not in {"Vol", "No"}:
            parsed.place = _PLACES_RU.get(tail.group(1), tail.group(1))


def _harvard_names(pre):
    """Is `pre` the name part of `Names. 2011. Title...`, not a title ending in `М.: Наука`?"""
    pre = _EDITOR_MARK.sub("", pre)
    if ":" in pre or "//" in pre or " / " in pre:
        return False
    # Initials are one or two letters; a sentence break inside a name part is not.
    return not re.search(r"\.\s+[^\s.,]{3,}", pre)


def _parse_published(text, parsed):
    text = text.strip()
    harvard = _HARVARD.match(text)
    if harvard and _harvard_names(harvard.group("pre")):
        pre, rest = harvard.group("pre").strip(), harvard.group("rest")
        parsed.year = int(harvard.group("year"))
        is_editors = bool(_EDITOR_MARK.search(pre))
        people = _split_people(pre)
        quoted = _take_quoted(rest, parsed)
        if quoted:
            _, title, imprint = quoted
        else:
            cut = _imprint_start(rest)
            title, imprint = rest[:cut], rest[cut:]
        title = title.strip(" .,")
        _read_imprint(imprint, parsed)
        if not title:
            # `USSR Foreign Policy. 1946. Vol. 4. Moscow.`: the title printed in the author's place.
            parsed.title = pre.strip(" .")
            parsed.doubt(
                "title",
                "nothing follows the year but the imprint: read the name before it as the title",
            )
            people = []
        else:
            parsed.title = title
        publishers = [p.strip() for p in (parsed.publisher or "").split(";") if p.strip()]
        if people and not all(_is_person(p) for p in people):
            if publishers and [p.casefold() for p in people] == [p.casefold() for p in publishers]:
                parsed.doubt("authors", "the publisher is printed in the author's place: no author")
                people = []
            elif len(people) > 1 and {p.casefold() for p in people} <= {
                p.casefold() for p in publishers
            }:
                parsed.doubt(
                    "authors", "the publishers are printed in the author's place: no author"
                )
                people = []
            else:
                people = (
                    [pre.strip(" .")] if not is_editors else [_EDITOR_MARK.sub("", pre).strip(" .")]
                )
                parsed.doubt(
                    "authors", "the name before the year is not a person's: read as a collective"
                )
        if is_editors:
            parsed.editors = people
        else:
            parsed.authors = people
    else:
        quoted = _take_quoted(text, parsed)
        gost = _GOST_AUTHORS.match(text)
        before_people = _split_people(quoted[0]) if quoted else []
        if quoted and before_people and all(_is_person(p) for p in before_people):
            parsed.authors = before_people
            parsed.title = quoted[1].strip(" .,")
            imprint = quoted[2]
        elif quoted and not quoted[0].strip(" .,"):
            parsed.title = quoted[1].strip(" .,")
            imprint = quoted[2]
        elif gost:
            parsed.authors = _split_people(gost.group("authors"))
            rest = gost.group("rest")
            cut = _imprint_start(rest)
            parsed.title, imprint = rest[:cut].strip(" .,/"), rest[cut:]
        elif chicago := _CHICAGO_AUTHOR.match(text):
            # `Coox, Alvin D. Nomonhan: Japan against Russia, 1939. Stanford: ..., 1985.`
            parsed.authors = [chicago.group("author")]
            rest = chicago.group("rest")
            cut = _imprint_start(rest)
            parsed.title, imprint = rest[:cut].strip(" .,/"), rest[cut:]
        else:
            cut = _imprint_start(text)
            parsed.title, imprint = text[:cut].strip(" .,/"), text[cut:]
        # GOST's number of volumes belongs to the imprint: `Воспоминания: в 2 т.`
        if parsed.title:
            parsed.title = re.sub(r"\s*:\s*в\s+\d+\s+(?:т|кн)\.?$", "", parsed.title)
        # GOST responsibility: `Title / под ред. И. И. Иванова`.
        if parsed.title and " / " in parsed.title:
            parsed.title, responsibility = parsed.title.split(" / ", 1)
            if match := re.search(
                r"(?:под\s+(?:общ\.\s+)?ред\.|отв\.\s*ред\.|ed\. by|edited by)\s*(.+)",
                responsibility,
            ):
                parsed.editors = _split_people(match.group(1))
                parsed.doubt(
                    "editors", "editors' names are given as printed (in the case the print uses)"
                )
        _read_imprint(imprint, parsed)
        years = [
            m
            for m in re.finditer(rf"(?<![\d-]){_YEAR}(?![\d-])", imprint)
            if not re.match(r"\s*(?:st|nd|rd|th)", imprint[m.end() :])
        ]
        if years:
            parsed.year = int(years[0].group())
    if parsed.title is None or not parsed.title:
        parsed.title = text.strip(" .") or None
        parsed.doubt("title", "no title could be told from the rest")
    parsed.kind = _guess_kind(parsed)


def _guess_kind(parsed):
    if parsed.periodical:
        return "article"
    if parsed.container:
        return "chapter"
    if parsed.editors and not parsed.authors:
        return "edited_volume"
    return "book"


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


def looks_like_reference(text):
    """A reference has some words and something to cite by: a year, a fond, a quoted title."""
    text = text.strip()
    if len(text) < 8 or _HEADINGS.match(text):
        return False
    if _FOND_START.search(text) or re.search(r"[A-ZА-ЯЁ]{2,}\s+\d+/\d+/\d+", text):
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

    `notes=False` reads each entry as one reference (the importers: a citation is kept
    under its entry's number, one a number)."""
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

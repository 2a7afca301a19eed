"""Reading a reference manager's file: CSL-JSON or RIS into Records (importing/writing.py
then creates or updates works from them).

An archival document's archive and location come from CSL `archive` and
`archive_location`, RIS `DB` and `AN` (the fields Zotero uses, and Opis exports).

RIS is read here (a few lines) rather than with rispy, which is a test dependency only.
"""

import re
from dataclasses import dataclass, field

from ..models import Work
from . import csl_json
from .matching import Name

MAX_RECORDS = 5_000


class ImportFormatError(ValueError):
    """The file is not CSL-JSON or RIS, or cannot be read as such."""


@dataclass
class Record:
    """One reference as read from a file, before it meets the catalogue."""

    title: str
    kind: str = Work.Kind.OTHER
    key: str = ""
    title_original: str = ""
    authors: list = field(default_factory=list)
    editors: list = field(default_factory=list)
    translators: list = field(default_factory=list)
    year: int | None = None
    date: str = ""
    journal: str = ""
    container_title: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    series: str = ""
    publisher: str = ""
    place: str = ""
    doi: str = ""
    isbn: str = ""
    url: str = ""
    languages: list = field(default_factory=list)
    note: str = ""
    archive: str = ""
    archive_location: str = ""

    @property
    def label(self):
        return f"“{self.title[:80]}”" + (f" ({self.year})" if self.year else "")


# Reading files.


def detect_format(text):
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("[", "{")):
        return "csl-json"
    if re.search(r"^TY  -", stripped, re.MULTILINE):
        return "ris"
    raise ImportFormatError("This is neither CSL-JSON (a JSON list) nor RIS (lines “TY  - …”).")


def read(text, fmt=None):
    """The records of a CSL-JSON or RIS text; `fmt` is detected when not given."""
    fmt = fmt or detect_format(text)
    records = read_csl_json(text) if fmt == "csl-json" else read_ris(text)
    if len(records) > MAX_RECORDS:
        raise ImportFormatError(
            f"The file holds {len(records)} references; import at most {MAX_RECORDS} at a time."
        )
    return records


_CSL_KINDS = {
    "article-journal": Work.Kind.ARTICLE,
    "article": Work.Kind.ARTICLE,
    "article-magazine": Work.Kind.ARTICLE,
    "article-newspaper": Work.Kind.NEWSPAPER,
    "book": Work.Kind.BOOK,
    "chapter": Work.Kind.CHAPTER,
    "webpage": Work.Kind.WEBPAGE,
    "post-weblog": Work.Kind.WEBPAGE,
    "thesis": Work.Kind.THESIS,
    "manuscript": Work.Kind.ARCHIVAL_DOCUMENT,
}
# Kinds printed in a periodical: the container is the journal or newspaper.
_IN_PERIODICAL = (Work.Kind.ARTICLE, Work.Kind.NEWSPAPER)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list):  # some exporters write ISBN or URL as lists
        value = value[0] if value else ""
    return " ".join(str(value).split())


def _csl_names(values):
    names = []
    for value in values or []:
        if not isinstance(value, dict):
            continue
        if value.get("literal"):
            names.append(Name(_text(value["literal"]), organisation=True))
        elif value.get("family"):
            name = Name(_text(value["family"]), _text(value.get("given")))
            name.romanised = _csl_romanised(value)
            names.append(name)
    return names


def _csl_romanised(value):
    """The Latin form of a name from citeproc-js's multilingual extension:
    `"multi": {"_key": {"ru-Latn": {"family": "Uritsky", "given": "S. P."}}}`."""
    forms = value.get("multi", {}).get("_key", {}) if isinstance(value.get("multi"), dict) else {}
    for tag, form in forms.items() if isinstance(forms, dict) else ():
        if "-Latn" in str(tag) and isinstance(form, dict) and form.get("family"):
            return Name(_text(form["family"]), _text(form.get("given")))
    return None


def _csl_year(item):
    issued = item.get("issued") or {}
    if not isinstance(issued, dict):
        return None, ""
    parts = issued.get("date-parts") or [[]]
    first = parts[0] if parts and isinstance(parts[0], list) else []
    year = _year(first[0]) if first else None
    date = ""
    if len(first) > 1:
        date = "-".join(f"{int(p):02d}" if i else str(p) for i, p in enumerate(first))
    literal = _text(issued.get("literal") or issued.get("raw"))
    if literal and year is None:
        date = literal
        match = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", literal)
        year = int(match[1]) if match and literal.strip() == match[1] else None
    return year, date


def _year(value):
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 1 <= year <= 2100 else None


def read_csl_json(text):
    """The records of a CSL-JSON text; ImportFormatError naming each record and field whose
    value is not of CSL's shape (importing/csl_json.py), before anything is imported."""
    try:
        data = csl_json.load(text.lstrip("\ufeff"))
    except ValueError as error:
        raise ImportFormatError(str(error)) from None
    items = data if isinstance(data, list) else [data]
    if problems := csl_json.problems(items):
        raise ImportFormatError("\n".join(["Nothing was imported:", *problems]))
    records = []
    for item in items:
        if not isinstance(item, dict) or not _text(item.get("title")):
            continue
        year, date = _csl_year(item)
        kind = _CSL_KINDS.get(item.get("type"), Work.Kind.OTHER)
        record = Record(
            title=_text(item.get("title")),
            key=_text(item.get("id")),
            title_original=_text(item.get("original-title")),
            authors=_csl_names(item.get("author")),
            editors=_csl_names(item.get("editor")),
            translators=_csl_names(item.get("translator")),
            year=year,
            date=date,
            volume=_text(item.get("volume")),
            issue=_text(item.get("issue")),
            pages=_text(item.get("page")),
            series=_text(item.get("collection-title")),
            publisher=_text(item.get("publisher")),
            place=_text(item.get("publisher-place")),
            doi=_text(item.get("DOI")),
            isbn=_text(item.get("ISBN")),
            url=_text(item.get("URL")),
            languages=[_text(item["language"])] if item.get("language") else [],
            note=_text(item.get("note")),
            archive=_text(item.get("archive")),
            archive_location=_text(item.get("archive_location")),
        )
        container = _text(item.get("container-title"))
        if kind in _IN_PERIODICAL:
            record.journal = container
        else:
            record.container_title = container
        if kind == Work.Kind.BOOK and record.editors and not record.authors:
            kind = Work.Kind.EDITED_VOLUME
        if kind == Work.Kind.ARCHIVAL_DOCUMENT and not record.archive_location:
            kind = Work.Kind.OTHER  # a manuscript with no archive is not an archival document here
        record.kind = kind
        records.append(record)
    return records


_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_RIS_KINDS = {
    "JOUR": Work.Kind.ARTICLE,
    "JFULL": Work.Kind.ARTICLE,
    "MGZN": Work.Kind.ARTICLE,
    "BOOK": Work.Kind.BOOK,
    "EDBOOK": Work.Kind.EDITED_VOLUME,
    "CHAP": Work.Kind.CHAPTER,
    "NEWS": Work.Kind.NEWSPAPER,
    "ELEC": Work.Kind.WEBPAGE,
    "THES": Work.Kind.THESIS,
    "MANSCPT": Work.Kind.ARCHIVAL_DOCUMENT,
}


def _ris_name(value):
    family, _, given = value.partition(",")
    return Name(family.strip(), given.strip())


def read_ris(text):
    entries, entry, tag = [], None, None
    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.rstrip()
        match = _RIS_LINE.match(line)
        if not match:
            if entry is not None and tag and line.strip():  # a value continued on the next line
                entry[tag][-1] += " " + line.strip()
            continue
        tag, value = match[1], (match[2] or "").strip()
        if tag == "TY":
            entry = {"TY": [value]}
        elif tag == "ER":
            if entry is not None:
                entries.append(entry)
            entry, tag = None, None
        elif entry is not None:
            entry.setdefault(tag, []).append(value)
    if not entries and entry is None:
        raise ImportFormatError("No RIS reference (TY … ER) was found.")
    return [r for r in (_ris_record(e) for e in entries) if r is not None]


def _extra(entry, variable):
    """A CSL variable from RIS `M2` lines (Zotero's Extra, where Opis writes what Zotero has
    no field for): `M2  - original-title: Воспоминания и размышления`."""
    for line in entry.get("M2", []):
        name, _, value = line.partition(":")
        if name.strip().lower() == variable and value.strip():
            return " ".join(value.split())
    return ""


def _ris_record(entry):
    def one(*tags):
        for tag in tags:
            for value in entry.get(tag, []):
                if value.strip():
                    return " ".join(value.split())
        return ""

    title = one("TI", "T1", "CT")
    if not title:
        return None
    ris_type = one("TY").upper()
    kind = _RIS_KINDS.get(ris_type, Work.Kind.OTHER)
    start, end = one("SP"), one("EP")
    year = _year(one("PY", "Y1")[:4]) if one("PY", "Y1") else None
    editors = [_ris_name(v) for v in entry.get("A3", []) + entry.get("ED", []) if v.strip()]
    if ris_type not in ("BOOK", "EDBOOK"):
        editors += [_ris_name(v) for v in entry.get("A2", []) if v.strip()]
    record = Record(
        title=title,
        key=one("ID"),
        title_original=one("TT") or _extra(entry, "original-title"),
        authors=[_ris_name(v) for v in entry.get("AU", []) + entry.get("A1", []) if v.strip()],
        editors=editors,
        translators=[_ris_name(v) for v in entry.get("A4", []) if v.strip()],
        year=year,
        date=one("DA") if one("DA") != str(year) else "",
        volume=one("VL"),
        issue=one("IS"),
        pages=f"{start}-{end}" if start and end else start,
        publisher=one("PB"),
        place=one("CY"),
        doi=one("DO"),
        isbn=one("SN"),
        url=one("UR"),
        languages=[v.strip() for v in entry.get("LA", []) if v.strip()],
        note=one("N1"),
        archive=one("DB"),
        archive_location=one("AN"),
    )
    container = one("T2", "JO", "JF", "BT")
    if kind in _IN_PERIODICAL:
        record.journal = container
    elif kind in (Work.Kind.BOOK, Work.Kind.EDITED_VOLUME):
        record.series = container  # Zotero writes a book's series in T2
    else:
        record.container_title = container
        record.series = one("T3")
    if kind == Work.Kind.ARCHIVAL_DOCUMENT:
        # The archive's city came in CY: it is not the document's place of publication.
        record.place = ""
        if not record.archive_location:
            kind = Work.Kind.OTHER
    record.kind = kind
    return record

"""Import works from a reference manager: a CSL-JSON or RIS file creates or updates works.

A record matches an existing work by the rules a pasted list follows (`matching`): DOI,
ISBN, or title, year and first author compared folded, so that case and Cyrillic/Latin
look-alikes do not split a match; an archival document by its location. A
matched work is updated only where the file gives a value: an import never blanks a
field an editor filled, and never replaces the people or archival locations an editor
curated. An archival document keeps its archive and location: CSL `archive` and
`archive_location`, RIS `DB` and `AN` (the fields Zotero uses, and Opis exports).
An archive is found by its name or abbreviation; an archive the catalogue does not
know is reported, not created, because its slug and names are an editor's decision.

RIS is read here (a few lines) rather than with rispy, which is a test dependency only.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.text import slugify

from ..archival import number_problem, parse_folios
from ..models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    ArchiveName,
    Contribution,
    Folder,
    Fond,
    Inventory,
    Language,
    Work,
)
from ..search.folding import fold
from . import csl_json, matching
from .matching import Name, unique_slug

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


@dataclass
class Result:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    problems: list = field(default_factory=list)


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


# Archival locations written as text.

_LABELS = {
    "f": "fond",
    "ф": "fond",
    "fond": "fond",
    "op": "inventory",
    "оп": "inventory",
    "opis": "inventory",
    "p": "folder",
    "п": "folder",
    "papka": "folder",
    "d": "file",
    "д": "file",
    "delo": "file",
    "l": "folios",
    "ll": "folios",
    "л": "folios",
    "лл": "folios",
}
_LOCATION_SPLIT = re.compile(r"\s*[,;]\s*|\.\s+(?=[^\W\d_]{1,6}\.\s)")
_LOCATION_PART = re.compile(r"^([^\W\d_]{1,6})[.']?\s*(\S.*?)\.?$")


def parse_location(text):
    """`f. 17, op. 162, d. 20, l. 162` or `Ф. 17. Оп. 162. Д. 20. Л. 162.` as a dict, or None.

    A part with no label (`RGASPI, f. 17, …`) is taken as the archive.
    """
    result = {}
    for part in _LOCATION_SPLIT.split(text.strip()):
        part = part.strip()
        if not part:
            continue
        match = _LOCATION_PART.match(part)
        level = _LABELS.get(match[1].casefold()) if match else None
        if level is None:
            if not result:
                result["archive"] = part.rstrip(".")
                continue
            return None
        value = match[2].strip()
        if level == "folios":
            value = re.sub(r"\s*[–—]\s*", "-", value)  # the catalogue writes ranges 73-74
            value = value.replace("ob.", "об.").replace("ob", "об.") if "ob" in value else value
            if value.endswith("v") or value.endswith("v."):
                value = value.rstrip(".").removesuffix("v") + " об."
        result[level] = value
    if not {"fond", "inventory", "file"} <= result.keys():
        return None
    return result


def find_archive(name):
    name = (name or "").strip()
    if not name:
        return None
    query = (
        Q(name_en__iexact=name)
        | Q(name_ru__iexact=name)
        | Q(abbreviation__iexact=name)
        | Q(abbreviation_ru__iexact=name)
        | Q(slug=slugify(name))
        | Q(pk__in=ArchiveName.objects.filter(search_key=fold(name)).values("archive_id"))
    )
    return Archive.objects.filter(query).first()


def archival_file(archive, location):
    """The file a parsed location names, created with its fond, inventory and folder if new."""
    fond, _ = Fond.objects.get_or_create(archive=archive, number=location["fond"])
    inventory, _ = Inventory.objects.get_or_create(fond=fond, number=location["inventory"])
    folder = None
    if location.get("folder"):
        folder, _ = Folder.objects.get_or_create(inventory=inventory, number=location["folder"])
    file, _ = ArchivalFile.objects.get_or_create(
        inventory=inventory, folder=folder, number=location["file"]
    )
    return file


# Meeting the catalogue.


def find_work(record):
    """The catalogued work this record describes, by the rules of `matching`: an archival
    document by its location, else (and any other work) by DOI, ISBN, title and people."""
    if record.kind == Work.Kind.ARCHIVAL_DOCUMENT and record.archive_location:
        location = parse_location(record.archive_location) or {}
        archive = find_archive(record.archive) or find_archive(location.get("archive", ""))
        if archive is not None and location:
            file = matching.find_archival_file(
                archive.slug, *(location.get(k) for k in ("fond", "inventory", "folder", "file"))
            )
            if found := matching.find_document(file, location.get("folios"), record.title):
                return found
    people = record.authors or record.editors
    return matching.find_work(
        title=record.title,
        year=record.year,
        first=people[0] if people else None,
        doi=record.doi,
        isbn=record.isbn,
        kind=record.kind,
    )


def _work_key(record):
    if record.key and slugify(record.key) == record.key.lower():
        if not Work.objects.filter(key=record.key.lower()).exists():
            return record.key.lower()[:120]
    first = record.authors[0].family if record.authors else " ".join(record.title.split()[:4])
    return unique_slug(Work, "key", f"{first}{record.year or ''}", 120)


_FIELDS = (
    "title_original",
    "year",
    "date",
    "volume",
    "issue",
    "pages",
    "series",
    "container_title",
    "publisher",
    "place",
    "isbn",
    "url",
    "note",
)


def _apply(work, record):
    """Copy the record's non-empty values onto the work; True if anything changed."""
    changed = False
    values = {name: getattr(record, name) for name in _FIELDS}
    values["doi"] = matching.clean_doi(record.doi)
    if not work.pk:
        values["title"] = record.title
        values["kind"] = record.kind
    for name, value in values.items():
        if value in ("", None):
            continue
        limit = Work._meta.get_field(name).max_length
        if isinstance(value, str) and limit:
            value = value[:limit]
        if getattr(work, name) != value:
            setattr(work, name, value)
            changed = True
    if record.journal and not work.periodical_id:
        work.periodical, _ = matching.find_or_create_periodical(record.journal)
        changed = True
    return changed


def _add_people(work, record):
    if work.contributions.exists():
        return False  # the people of a catalogued work are an editor's, not the file's
    rows = []
    for role, names in (
        (Contribution.Role.AUTHOR, record.authors),
        (Contribution.Role.EDITOR, record.editors),
        (Contribution.Role.TRANSLATOR, record.translators),
    ):
        seen = set()
        for position, name in enumerate(names, start=1):
            person, _ = matching.find_or_create_person(name)
            if person.pk in seen:
                continue
            seen.add(person.pk)
            rows.append(Contribution(work=work, person=person, role=role, position=position))
    Contribution.objects.bulk_create(rows)
    return bool(rows)


def _add_languages(work, record):
    codes = [code.lower()[:3] for code in record.languages]
    languages = list(Language.objects.filter(code__in=codes))
    missing = [lang for lang in languages if not work.languages.filter(pk=lang.pk).exists()]
    if missing:
        work.languages.add(*missing)
    return bool(missing)


def _add_location(work, record, problems):
    if not record.archive_location or work.locations.exists():
        return False
    location = parse_location(record.archive_location)
    if location is None:
        problems.append(
            f"{record.label}: cannot read the archival location “{record.archive_location}”."
        )
        return False
    archive = find_archive(record.archive) or find_archive(location.get("archive", ""))
    if archive is None:
        problems.append(
            f"{record.label}: the archive “{record.archive or location.get('archive', '')}” "
            "is not in the catalogue; add it, then import again to attach the location."
        )
        return False
    for level in ("fond", "inventory", "folder", "file"):
        number = location.get(level)
        if number and (problem := number_problem(number)):
            problems.append(
                f"{record.label}: the {level} number “{number}” {problem} "
                "Imported without its archival location; correct the number and import again."
            )
            return False
    folios = location.get("folios", "")
    if folios and parse_folios(folios) is None:
        problems.append(f"{record.label}: folios “{folios}” kept as written.")
    ArchivalLocation.objects.create(
        work=work, file=archival_file(archive, location), folios=folios, position=1
    )
    return True


def import_records(records):
    """Create or update a work for each record. Each record is its own transaction."""
    result = Result()
    for record in records:
        try:
            with transaction.atomic():
                work = find_work(record)
                created = work is None
                if created:
                    work = Work(key=_work_key(record))
                changed = _apply(work, record)
                if changed or created:
                    work.full_clean(exclude=["key"] if not created else None)
                    work.save()
                changed |= _add_people(work, record)
                changed |= _add_languages(work, record)
                changed |= _add_location(work, record, result.problems)
        except (ValidationError, DatabaseError, ValueError) as error:  # the others go on
            message = getattr(error, "message_dict", None) or str(error)
            result.problems.append(f"{record.label}: not imported ({message}).")
            continue
        if created:
            result.created.append(work)
        elif changed:
            result.updated.append(work)
        else:
            result.unchanged.append(work)
    return result


def import_text(text, fmt=None):
    return import_records(read(text, fmt))

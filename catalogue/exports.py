"""Exports of works for reference managers: CSL-JSON, BibTeX and RIS, all UTF-8.

Cyrillic is written as it is (no LaTeX escapes for letters, no transliteration).

Where an archival document's archive and location go, format by format:

| format   | archive (name)                  | location (f. 17, op. 162, d. 20, l. 162)            |
|----------|---------------------------------|-----------------------------------------------------|
| CSL-JSON | `archive`; city in `archive-place` | `archive_location`                               |
| RIS      | `DB` (Zotero: "archive"); city in `CY` | `AN` (Zotero: "archiveLocation")            |
| BibTeX   | `archive` (non-standard, for tools) | `note` (printed by BibTeX and biblatex styles, with the archive's abbreviation first), and `archive_location` (non-standard, for tools) |

CSL-JSON follows the CSL 1.0.2 variables, so citeproc processors and Zotero read it.
RIS follows Zotero's RIS translator (`AN` = archiveLocation, `DB` = archive), which
EndNote and Mendeley also read; `AV` was not used because Zotero does not map it.
BibTeX writes archival documents as `@unpublished` (an entry type both BibTeX and
biblatex know): `note` carries the whole location so that every style prints it, and
`location` (biblatex) carries the archive's city. `archive` and `archive_location`
are ignored by styles but kept so that a program reading the file back gets the
structured values.
"""

import json
import re

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from .models import Work
from .querysets import people_by_role, related

# How many works one export may hold: a bigger list must be narrowed by filters first.
MAX_EXPORT = 10_000

FORMATS = {
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
    "bibtex": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
}

_CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "edited_volume": "book",
    "document_collection": "book",
    "collected_works": "book",
    "memoir": "book",
    "chapter": "chapter",
    "archival_document": "manuscript",
    "other": "document",
}
_RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "edited_volume": "EDBOOK",
    "document_collection": "BOOK",
    "collected_works": "BOOK",
    "memoir": "BOOK",
    "chapter": "CHAP",
    "archival_document": "MANSCPT",
    "other": "GEN",
}
_BIBTEX_LANGUAGES = {"ru": "russian", "en": "english", "mn": "mongolian", "de": "german"}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_RANGE = re.compile(r"^\s*(\S+?)\s*[-–—]+\s*(\S+)\s*$")
_RANGE_DASH = re.compile(r"\s*[-–—]+\s*")


def exported(ids):
    """The works of `ids`, in that order, with what an export reads: a list row's
    relations (`with_list_relations`) and the whole each is part of. A fixed number of
    queries, however many works."""
    works = Work.objects.with_list_relations().in_order(ids)
    # Only the parts of a whole have one to read (the prefetch machinery costs a tenth
    # of an export even when no work has one).
    prefetch_related_objects([w for w in works if w.part_of_id], "part_of")
    return works


def response(fmt, works, filename):
    """An HTTP download of `works` in format `fmt`, named `filename` plus the extension."""
    content_type, extension = FORMATS[fmt]
    body = {"csl-json": csl_json, "bibtex": bibtex, "ris": ris}[fmt](works)
    result = HttpResponse(body.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")
    result["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}.{extension}"
    )
    return result


# What the three formats share.


def location_text(location):
    """`f. 17, op. 162, d. 20, l. 162` (with `p. 100` for a folder): the archival location."""
    file = location.file
    parts = [f"f. {file.inventory.fond.number}", f"op. {file.inventory.number}"]
    if file.folder_id:
        parts.append(f"p. {file.folder.number}")
    parts.append(f"d. {file.number}")
    if location.folios:
        parts.append(location.folios_english)
    return ", ".join(parts)


def _archives(work):
    """The archives of a document (usually one), each once, in order."""
    archives = []
    for location in related(work, "locations"):
        archive = location.file.inventory.fond.archive
        if archive not in archives:
            archives.append(archive)
    return archives


def _archive_name(archive):
    return archive.name_en or archive.name_ru or archive.abbreviation


def _archive_fields(work):
    """(archive names, locations, cities, full locations with the abbreviation) of a document."""
    locations = list(related(work, "locations"))
    archives = _archives(work)
    return (
        "; ".join(_archive_name(a) for a in archives),
        "; ".join(location_text(loc) for loc in locations),
        "; ".join(dict.fromkeys(a.city for a in archives if a.city)),
        "; ".join(
            f"{loc.file.inventory.fond.archive.abbreviation}, {location_text(loc)}"
            for loc in locations
        ),
    )


def _container(work):
    if work.periodical_id:
        return work.periodical.title
    if work.part_of_id:
        return work.part_of.title
    return work.container_title


def _languages(work):
    return [language.code for language in related(work, "languages")]


# CSL-JSON.


def _csl_name(person):
    if person.kind == person.Kind.ORGANISATION:
        return {"literal": person.name}
    if not person.given_names:
        return {"family": person.name}
    return {"family": person.name, "given": person.given_names}


def _csl_date(work):
    match = _ISO_DATE.match(work.date.strip()) if work.date else None
    if match:
        return {"date-parts": [[int(part) for part in match.groups() if part]]}
    if work.date:
        return {"literal": work.date.strip()}
    if work.year:
        return {"date-parts": [[work.year]]}
    return None


def csl_item(work):
    item = {"id": work.key, "type": _CSL_TYPES.get(work.kind, "document"), "title": work.title}
    people = people_by_role(work)
    for role, variable in (
        ("author", "author"),
        ("editor", "editor"),
        ("translator", "translator"),
        ("compiler", "compiler"),
    ):
        if people.get(role):
            item[variable] = [_csl_name(p) for p in people[role]]
    fields = {
        "original-title": work.title_original,
        "issued": _csl_date(work),
        "container-title": _container(work),
        "collection-title": work.series,
        "volume": work.volume,
        "issue": work.issue,
        "page": work.pages,
        "publisher": work.publisher,
        "publisher-place": work.place,
        "DOI": work.doi,
        "ISBN": work.isbn,
        "URL": work.url,
        "language": (_languages(work) or [""])[0],
        "note": work.note,
    }
    if work.is_archival and related(work, "locations"):
        archive, location, city, _ = _archive_fields(work)
        fields.update({"archive": archive, "archive_location": location, "archive-place": city})
    item.update({name: value for name, value in fields.items() if value})
    return item


def csl_json(works):
    """A JSON array, an item a line: a reference manager reads it as any JSON, and a
    reader can still find a work in it. (With `indent`, the json module writes with its
    Python encoder instead of its C one: nearly three times as long.)"""
    if not works:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(csl_item(w), ensure_ascii=False) for w in works) + "\n]\n"


# BibTeX.

_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "$": r"\$",
        "_": r"\_",
    }
)


def _bibtex_escape(text):
    return " ".join(str(text).split()).translate(_BIBTEX_SPECIAL)


def _bibtex_name(person):
    if person.kind == person.Kind.ORGANISATION:
        return "{" + _bibtex_escape(person.name) + "}"  # kept whole: never split into initials
    if person.given_names:
        return f"{_bibtex_escape(person.name)}, {_bibtex_escape(person.given_names)}"
    return _bibtex_escape(person.name)


def _bibtex_type(work):
    if work.is_archival:
        return "unpublished"
    if work.periodical_id:
        return "article"
    if work.kind == work.Kind.CHAPTER:
        return "incollection" if _container(work) else "misc"
    if work.kind in (work.Kind.OTHER,):
        return "misc"
    return "book"


def bibtex_entry(work):
    entry_type = _bibtex_type(work)
    fields = []
    people = people_by_role(work)
    for role in ("author", "editor", "translator"):
        if people.get(role):
            fields.append((role, " and ".join(_bibtex_name(p) for p in people[role])))
    fields.append(("title", work.title))
    if work.title_original:
        fields.append(("origtitle", work.title_original))
    container = _container(work)
    if container:
        fields.append(("journal" if entry_type == "article" else "booktitle", container))
    for name, value in (
        ("year", work.year),
        ("date", work.date),
        ("volume", work.volume),
        ("number", work.issue),
        ("pages", _RANGE_DASH.sub("--", work.pages.strip())),
        ("series", work.series),
        ("publisher", work.publisher),
        ("address", work.place),
        ("doi", work.doi),
        ("isbn", work.isbn),
        ("url", work.url),
    ):
        if value:
            fields.append((name, value))
    languages = [_BIBTEX_LANGUAGES.get(code, code) for code in _languages(work)]
    if languages:
        fields.append(("language", " and ".join(languages)))
    notes = [work.note] if work.note else []
    if work.is_archival and related(work, "locations"):
        archive, location, city, full = _archive_fields(work)
        notes.insert(0, full)
        fields += [("archive", archive), ("archive_location", location)]
        if city:
            fields.append(("location", city))
    if notes:
        fields.append(("note", ". ".join(notes)))
    lines = [f"@{entry_type}{{{work.key},"]
    for name, value in fields:
        text = value if name in ("author", "editor", "translator") else _bibtex_escape(value)
        lines.append(f"  {name} = {{{text}}},")
    lines.append("}")
    return "\n".join(lines)


def bibtex(works):
    header = (
        "% Exported from Opis. UTF-8: compile with biber/biblatex, or BibTeX with inputenc.\n\n"
    )
    return header + "\n\n".join(bibtex_entry(w) for w in works) + "\n"


# RIS.


def _ris_name(person):
    if person.kind == person.Kind.ORGANISATION or not person.given_names:
        return person.name
    return f"{person.name}, {person.given_names}"


def ris_entry(work):
    kind = _RIS_TYPES.get(work.kind, "GEN")
    if work.periodical_id:
        kind = "JOUR"
    lines = [("TY", kind), ("ID", work.key)]
    people = people_by_role(work)
    lines += [("AU", _ris_name(p)) for p in people.get("author", [])]
    # Zotero reads editors of a book from A3 and of other items from A2.
    editor_tag = "A3" if kind in ("BOOK", "EDBOOK") else "A2"
    lines += [(editor_tag, _ris_name(p)) for p in people.get("editor", [])]
    lines += [("A4", _ris_name(p)) for p in people.get("translator", [])]
    lines.append(("TI", work.title))
    if work.title_original:
        lines.append(("TT", work.title_original))
    container = _container(work)
    if container:
        lines.append(("T2", container))
        if work.periodical_id:
            lines.append(("JO", container))
    if work.series:
        lines.append(("T3" if container else "T2", work.series))
    if work.year:
        lines.append(("PY", str(work.year)))
    if work.date:
        lines.append(("DA", work.date))
    for tag, value in (("VL", work.volume), ("IS", work.issue)):
        if value:
            lines.append((tag, value))
    if work.pages:
        match = _RANGE.match(work.pages)
        if match:
            lines += [("SP", match[1]), ("EP", match[2])]
        else:
            lines.append(("SP", work.pages))
    for tag, value in (
        ("PB", work.publisher),
        ("CY", work.place),
        ("DO", work.doi),
        ("SN", work.isbn),
        ("UR", work.url),
    ):
        if value:
            lines.append((tag, value))
    lines += [("LA", code) for code in _languages(work)]
    if work.is_archival and related(work, "locations"):
        archive, location, city, _ = _archive_fields(work)
        lines += [("DB", archive), ("AN", location)]
        if city and not work.place:
            lines.append(("CY", city))
    if work.note:
        lines.append(("N1", work.note))
    lines.append(("ER", ""))
    # "ER  - " keeps its trailing space: strict readers look for the whole tag.
    return "\r\n".join(f"{tag}  - {' '.join(str(value).split())}" for tag, value in lines)


def ris(works):
    return "\r\n".join(ris_entry(w) + "\r\n" for w in works)

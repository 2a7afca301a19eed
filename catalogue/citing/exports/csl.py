"""CSL-JSON (CSL 1.0.2 variables), as citeproc processors and Zotero read it."""

import json
import re

from . import common

_TYPES = {
    "article": "article-journal",
    "book": "book",
    "edited_volume": "book",
    "document_collection": "book",
    "collected_works": "book",
    "memoir": "book",
    "chapter": "chapter",
    "newspaper": "article-newspaper",
    "webpage": "webpage",
    "thesis": "thesis",
    "archival_document": "manuscript",
    "other": "document",
}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _name(person, work):
    family, given = common.name_parts(person, work)
    if person.kind == person.Kind.ORGANISATION:
        return {"literal": family}
    name = {"family": family, "given": given} if given else {"family": family}
    if family != person.name:
        # The romanised form too, in citeproc-js's multilingual extension (Juris-M reads
        # it, other processors and Zotero skip it, Opis's import keeps it).
        name["multi"] = {"_key": {"ru-Latn": {"family": person.name, "given": person.given_names}}}
    return name


def _date(work):
    match = _ISO_DATE.match(work.date.strip()) if work.date else None
    if match:
        return {"date-parts": [[int(part) for part in match.groups() if part]]}
    if work.date:
        return {"literal": work.date.strip()}
    if work.year:
        return {"date-parts": [[work.year]]}
    return None


def csl_item(work):
    item = {"id": work.key, "type": _TYPES.get(work.kind, "document"), "title": work.title}
    people = common.people(work)
    for role in ("author", "editor", "translator", "compiler"):
        if people.get(role):
            item[role] = [_name(p, work) for p in people[role]]
    # Zotero's CSL-JSON import drops the variables it has no field for (original-title,
    # archive-place, the page of a book) but keeps `note` as Extra, where it and
    # citeproc-js read them back: so they are written twice.
    notes = [*common.extra_lines(work), work.note]
    fields = {
        "original-title": work.title_original,
        "issued": _date(work),
        "container-title": common.container(work),
        "collection-title": work.series,
        "volume": work.volume,
        "issue": work.issue,
        "page": work.pages,
        "publisher": work.publisher,
        "publisher-place": work.place,
        "DOI": work.doi,
        "ISBN": work.isbn,
        "URL": work.url,
        "language": (common.languages(work) or [""])[0],
        "note": "\n".join(line for line in notes if line),
    }
    if work.is_archival and common.related(work, "locations"):
        archive, location, city, _ = common.archive_fields(work)
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

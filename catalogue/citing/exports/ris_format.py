"""RIS, as Zotero's RIS translator reads it (EndNote and Mendeley read the same tags).

`AN` is Zotero's archiveLocation and `DB` its archive (`AV` was not used: Zotero does not
map it). No `JO`: Zotero reads it as the journal's abbreviation, and the catalogue holds
none. `M2` lines become Zotero's Extra (see the package's table).
"""

from . import common

_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "edited_volume": "EDBOOK",
    "document_collection": "BOOK",
    "collected_works": "BOOK",
    "memoir": "BOOK",
    "chapter": "CHAP",
    "newspaper": "NEWS",
    "webpage": "ELEC",
    "thesis": "THES",
    "archival_document": "MANSCPT",
    "other": "GEN",
}


def _name(person, work):
    family, given = common.name_parts(person, work)
    return f"{family}, {given}" if given else family


def ris_entry(work):
    kind = _TYPES.get(work.kind, "GEN")
    if work.periodical_id and kind not in ("NEWS", "ELEC"):
        kind = "JOUR"  # in a journal, whatever else the record says
    lines = [("TY", kind), ("ID", work.key)]
    people = common.people(work)
    lines += [("AU", _name(p, work)) for p in people.get("author", [])]
    # Zotero reads editors of a book from A3 and of other items from A2.
    editor_tag = "A3" if kind in ("BOOK", "EDBOOK") else "A2"
    lines += [(editor_tag, _name(p, work)) for p in people.get("editor", [])]
    lines += [("A4", _name(p, work)) for p in people.get("translator", [])]
    lines.append(("TI", work.title))
    container = common.container(work)
    if container:
        lines.append(("T2", container))  # journal, or the book a chapter is in
    if work.series:
        lines.append(("T3" if container else "T2", work.series))
    if work.year:
        lines.append(("PY", str(work.year)))
    if work.date:
        lines.append(("DA", work.date))
    for tag, value in (("VL", work.volume), ("IS", work.issue)):
        if value:
            lines.append((tag, value))
    if work.pages and not common.pages_of_a_book(work):
        pages = common.page_range(work.pages)
        lines += [("SP", pages[0]), ("EP", pages[1])] if pages else [("SP", work.pages)]
    for tag, value in (
        ("PB", work.publisher),
        ("CY", work.place),
        ("DO", work.doi),
        ("SN", work.isbn),
        ("UR", work.url),
    ):
        if value:
            lines.append((tag, value))
    lines += [("LA", code) for code in common.languages(work)]
    if work.is_archival and common.related(work, "locations"):
        archive, location, _, _ = common.archive_fields(work)
        lines += [("DB", archive), ("AN", location)]
    lines += [("M2", line) for line in common.extra_lines(work)]
    if work.note:
        lines.append(("N1", work.note))
    lines.append(("ER", ""))
    # "ER  - " keeps its trailing space: strict readers look for the whole tag.
    return "\r\n".join(f"{tag}  - {' '.join(str(value).split())}" for tag, value in lines)


def ris(works):
    return "\r\n".join(ris_entry(w) + "\r\n" for w in works)

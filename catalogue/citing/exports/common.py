"""What the three export formats share: archives and locations, containers, names."""

import re

from ...querysets import people_by_role, related

_RANGE = re.compile(r"^\s*(\S+?)\s*[-–—]+\s*(\S+)\s*$")
# Works described in Cyrillic: their people are named as the catalogue holds them in it.
CYRILLIC_LANGUAGES = {"ru", "uk", "be", "bg", "mn", "kk", "ky", "tg"}
# Kinds whose `pages` are the pages cited from a whole book, which Zotero's `book` cannot
# hold (its SP is numPages): they go to Extra as `page:`.
BOOK_KINDS = {"book", "edited_volume", "document_collection", "collected_works", "memoir"}


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


def archives(work):
    """The archives of a document (usually one), each once, in order."""
    found = []
    for location in related(work, "locations"):
        archive = location.file.inventory.fond.archive
        if archive not in found:
            found.append(archive)
    return found


def archive_name(archive):
    return archive.name_en or archive.name_ru or archive.abbreviation


def archive_fields(work):
    """(archive names, locations, cities, full locations with the abbreviation) of a document."""
    locations = list(related(work, "locations"))
    held_in = archives(work)
    return (
        "; ".join(archive_name(a) for a in held_in),
        "; ".join(location_text(loc) for loc in locations),
        "; ".join(dict.fromkeys(a.city for a in held_in if a.city)),
        "; ".join(
            f"{loc.file.inventory.fond.archive.abbreviation}, {location_text(loc)}"
            for loc in locations
        ),
    )


def container(work):
    if work.periodical_id:
        return work.periodical.title
    if work.part_of_id:
        return work.part_of.title
    return work.container_title


def languages(work):
    return [language.code for language in related(work, "languages")]


def in_cyrillic(work):
    codes = languages(work)
    return bool(codes) and codes[0] in CYRILLIC_LANGUAGES


def name_parts(person, work):
    """(family, given) as the work's script writes them: `("Батунаев", "Э. В.")` for a
    Russian work when the catalogue holds the Cyrillic form, else the romanised one.
    A collective is one family name with no given names."""
    original = person.name_original.strip() if in_cyrillic(work) else ""
    if person.kind == person.Kind.ORGANISATION:
        return (original or person.name, "")
    if original:
        family, _, given = original.partition(" ")
        return (family, given.strip())
    return (person.name, person.given_names)


def people(work):
    return people_by_role(work)


def page_range(pages):
    """("173", "184") for `173-184`, or None."""
    match = _RANGE.match(pages or "")
    return (match[1], match[2]) if match else None


def pages_of_a_book(work):
    """Pages cited from a whole book (Stalin's Writings, vol. 14, pp. 103–112)."""
    return work.kind in BOOK_KINDS and not work.periodical_id and bool(work.pages.strip())


def extra_lines(work):
    """The `Extra` lines Zotero keeps for what it has no field for (see the package's table)."""
    lines = []
    if work.title_original:
        lines.append(f"original-title: {work.title_original}")
    if work.is_archival and related(work, "locations"):
        city = archive_fields(work)[2]
        if city:
            lines.append(f"archive-place: {city}")
    if pages_of_a_book(work):
        lines.append(f"page: {work.pages.strip()}")
    return lines

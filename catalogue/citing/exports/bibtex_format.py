"""BibTeX, read by BibTeX, biblatex, pybtex, bibtexparser and Zotero.

Archival documents are `@unpublished` (an entry type both BibTeX and biblatex know):
`note` carries the whole location, so that every style prints it and Zotero keeps it
(as a note: its BibTeX import maps no field to archive or archiveLocation). `archive`
and `archive_location` are ignored by styles but kept for programs reading the file
back. No `location` for a document: biblatex and Zotero read it as the place of
publication, and an archive's city is not where a document was published.
"""

import re

from . import common

_LANGUAGES = {"ru": "russian", "en": "english", "mn": "mongolian", "de": "german"}
_RANGE_DASH = re.compile(r"\s*[-–—]+\s*")

# BibTeX and pybtex count every brace, escaped or not: `\}` still closes a group, so a
# title holding `} @misc(...` could close its entry and start another. Braces and
# backslashes are written as commands whose own braces are balanced (`\textbraceleft{}`),
# so that no value can close its field or its entry, whatever it holds.
_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "$": r"\$",
        "_": r"\_",
    }
)
# BibTeX splits a name list at " and " (any case) outside braces, and a name at commas.
_NAME_SEPARATOR = re.compile(r"(?i)\band\b|,")


def _bibtex_escape(text):
    return " ".join(str(text).split()).translate(_BIBTEX_SPECIAL)


def _bibtex_part(text):
    """One part of a name, braced when it holds what BibTeX would split on (`and`, a comma),
    so that "Smith and Jones" stays one family name instead of becoming two authors."""
    escaped = _bibtex_escape(text)
    return "{" + escaped + "}" if _NAME_SEPARATOR.search(text) else escaped


def _bibtex_name(person, work):
    family, given = common.name_parts(person, work)
    if person.kind == person.Kind.ORGANISATION:
        return "{" + _bibtex_escape(family) + "}"  # kept whole: never split into initials
    if given:
        return f"{_bibtex_part(family)}, {_bibtex_part(given)}"
    return _bibtex_part(family)


def _bibtex_type(work):
    if work.is_archival:
        return "unpublished"
    if work.periodical_id or work.kind == work.Kind.NEWSPAPER:
        return "article"  # a newspaper article too: `journal` holds the newspaper
    if work.kind == work.Kind.THESIS:
        # BibTeX has @mastersthesis and @phdthesis; the degree is not catalogued, and
        # @phdthesis is what Zotero exports for a thesis and reads back as one.
        return "phdthesis"
    if work.kind == work.Kind.WEBPAGE:
        return "misc"
    if work.kind == work.Kind.CHAPTER:
        # Zotero, BibTeX and biblatex all read a chapter as @incollection, its book or not.
        return "incollection"
    if work.kind == work.Kind.OTHER:
        return "misc"
    return "book"


def bibtex_entry(work):
    entry_type = _bibtex_type(work)
    fields = []
    people = common.people(work)
    for role in ("author", "editor", "translator"):
        if people.get(role):
            fields.append((role, " and ".join(_bibtex_name(p, work) for p in people[role])))
    fields.append(("title", _bibtex_escape(work.title)))
    if work.title_original:
        fields.append(("origtitle", _bibtex_escape(work.title_original)))
    container = common.container(work)
    if container:
        field = "journal" if entry_type == "article" else "booktitle"
        fields.append((field, _bibtex_escape(container)))
    for name, value in (
        ("year", work.year),
        ("date", work.date),
        ("volume", work.volume),
        ("number", work.issue),
        ("pages", _RANGE_DASH.sub("--", work.pages.strip())),
        ("series", work.series),
        ("school" if entry_type == "phdthesis" else "publisher", work.publisher),
        ("address", work.place),
        ("doi", work.doi),
        ("isbn", work.isbn),
        ("url", work.url),
    ):
        if value:
            fields.append((name, _bibtex_escape(value)))
    languages = [_LANGUAGES.get(code, code) for code in common.languages(work)]
    if languages:
        fields.append(("language", _bibtex_escape(" and ".join(languages))))
    notes = [work.note] if work.note else []
    if work.is_archival and common.related(work, "locations"):
        archive, location, city, full = common.archive_fields(work)
        notes.insert(0, f"{full}, {city}" if city else full)
        fields += [
            ("archive", _bibtex_escape(archive)),
            ("archive_location", _bibtex_escape(location)),
        ]
    if notes:
        fields.append(("note", _bibtex_escape(". ".join(notes))))
    lines = [f"@{entry_type}{{{work.key},"]
    lines += [f"  {name} = {{{text}}}," for name, text in fields]
    lines.append("}")
    return "\n".join(lines)


def bibtex(works):
    header = (
        "% Exported from Opis. UTF-8: compile with biber/biblatex, or BibTeX with inputenc.\n\n"
    )
    return header + "\n\n".join(bibtex_entry(w) for w in works) + "\n"

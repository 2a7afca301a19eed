"""The Chicago Manual of Style (17th ed.), notes-bibliography: the bibliography entry
(`chicago`) and the first, full note (`chicago_note`), plain text (no italics), in English.
A note gives the names in their natural order, joins its parts with commas and puts the
imprint in parentheses (14.20: "1. Zadie Smith, Swing Time (New York: Penguin Press, 2016),
315–16.").

- A title in another script is given romanised with its translation in brackets (14.98:
  "If an English translation of the title is added, it should follow the original title,
  enclosed in brackets, without italics or quotation marks"), romanised by ALA-LC (11.99)
  unless the record holds a romanised title: `Vospominaniia i razmyshleniia [Memories and
  Reflections]`. A journal whose Cyrillic title the record holds is romanised the same way.
- An archival document is cited as a manuscript item (14.222: "the title of the item, the
  date, the folder number or other locator, the name of the collection, and the name of the
  depository"), from the smallest unit out: folios, file, folder, inventory, fond, archive,
  city, in the f./op./d./l. abbreviations of English-language scholarship on Russian archives.
"""

import re

from ..search.translit import ala_lc
from .parts import (
    END_PUNCTUATION,
    contributions,
    imprint,
    is_organisation,
    issue_date,
    numeric_range,
    sentence,
    split_list,
)

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def chicago_range(text):
    """Inclusive numbers abbreviated as Chicago 9.64 prescribes: 173–84, 45–49, 101–8, 1496–500."""
    found = numeric_range(text)
    if not found:
        return (text or "").strip()
    first, last = found
    start, end = int(first), int(last)
    if start < 100 or start % 100 == 0 or end <= start or len(last) != len(first):
        return f"{first}–{last}"
    if start % 100 < 10:  # 101–108 → 101–8
        shown = str(end % 100) if end // 100 == start // 100 else last
        return f"{first}–{shown}"
    # 110–199 and the like: two digits or more, as needed.
    for digits in range(2, len(last) + 1):
        if first[:-digits] == last[:-digits]:
            return f"{first}–{last[-digits:]}"
    return f"{first}–{last}"


def _names(people, *, invert_first=True):
    def one(person, inverted):
        if is_organisation(person) or not person.given_names:
            return person.name
        if inverted:
            return f"{person.name}, {person.given_names}"
        return f"{person.given_names} {person.name}"

    names = [one(p, invert_first and i == 0) for i, p in enumerate(people)]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        separator = ", and " if invert_first else " and "
        return f"{names[0]}{separator}{names[1]}"
    return f"{', '.join(names[:-1])}, and {names[-1]}"


def _quoted(title, end="."):
    """`“Title.”`: the closing punctuation inside the quotation marks, unless it ends in ? or !."""
    title = title.strip()
    return f"“{title}”" if title.endswith(END_PUNCTUATION) else f"“{title}{end}”"


def _romanised(original):
    return ala_lc(original) if _CYRILLIC.search(original) else original


def title(work):
    """The romanised original title with the catalogued (English) one in brackets, where
    the record holds the original; else the catalogued title."""
    catalogued = work.title.strip()
    romanised = work.title_transliterated.strip() or _romanised(work.title_original.strip())
    if romanised and romanised != catalogued:
        return f"{romanised} [{catalogued}]"
    return catalogued


def _journal_issue(work, pages):
    """`Journal 24, no. 4 (2011): 659–77`, the same in a note and in the bibliography
    (Chicago 14.171)."""
    journal = _journal(work.periodical)
    if work.volume:
        journal += f" {work.volume}"
    if work.issue:
        journal += f", no. {work.issue}"
    if work.year:
        journal += f" ({work.year})"
    if pages:
        journal += f": {pages}"
    return journal


def _newspaper(work):
    """14.191: `Pravda, August 25, 1939`: the newspaper and the day, no volume or page."""
    name = _journal(work.periodical) if work.periodical_id else _container(work)
    day = issue_date(work, "en") or (str(work.year) if work.year else "")
    return ", ".join(part for part in (name, day) if part)


def _webpage(work):
    """14.206: `Site Name, May 1, 2019`: the site and the date of the page, when known."""
    site = _journal(work.periodical) if work.periodical_id else _container(work)
    day = issue_date(work, "en") or (str(work.year) if work.year else "")
    return ", ".join(part for part in (site, day) if part)


def _thesis(work):
    """14.224: `PhD diss., University of Chicago, 2005`. The catalogue does not record the
    degree, so the kind is named, not a degree guessed: `Thesis, University, 2005`."""
    return ", ".join(
        part for part in ("Thesis", work.publisher.strip(), str(work.year or "")) if part
    )


# Kinds whose Chicago form follows the quoted title with their own details.
_OWN_FORMS = {"newspaper": _newspaper, "webpage": _webpage, "thesis": _thesis}


def _journal(periodical):
    original = periodical.title_original.strip()
    return _romanised(original) if original else periodical.title


def _container(work):
    return title(work.part_of) if work.part_of_id else work.container_title.strip()


def untitled(work):
    """A document imported without a title has its printed location for a title
    (`РГАСПИ. Ф. 17. Оп. 3. Д. 1001. Л. 5–7.`): it is cited by its location alone."""
    if not work.title.strip():
        return True
    abbreviations = set()
    for location in work.locations.all():
        archive = location.file.inventory.fond.archive
        abbreviations |= {archive.abbreviation, archive.abbreviation_ru} - {""}
    return any(re.match(rf"{re.escape(a)}\W", work.title) for a in abbreviations)


def chicago(work):
    authors = contributions(work, "author")
    editors = contributions(work, "editor")
    head = ""
    if authors:
        head = _names(authors)
    elif editors:
        head = f"{_names(editors)}, {'eds' if len(editors) > 1 else 'ed'}."
        editors = []
    edited_by = f"Edited by {_names(editors, invert_first=False)}" if editors else ""
    link = f"https://doi.org/{work.doi}" if work.doi else work.url
    published = imprint(split_list(work.place), split_list(work.publisher), work.year)

    if work.is_archival:
        return _archival(work, head)

    if work.kind in _OWN_FORMS:
        where = _OWN_FORMS[work.kind](work)
        return f"{sentence(head)} {_quoted(title(work))} {sentence(where, link)}".strip()

    if work.periodical_id:
        journal = _journal_issue(work, chicago_range(work.pages) if work.pages else "")
        entry = f"{sentence(head)} {_quoted(title(work))}".strip()
        return f"{entry} {sentence(journal, link)}".strip()

    container = _container(work)
    if work.kind == work.Kind.CHAPTER or container:
        inside = ""
        if container:
            inside = f"In {container}"
            if edited_by:
                inside += f", edited by {_names(editors, invert_first=False)}"
            if work.volume:
                inside += f", vol. {work.volume}"
            if work.pages:
                inside += f", {chicago_range(work.pages)}"
        entry = f"{sentence(head)} {_quoted(title(work))}".strip()
        return f"{entry} {sentence(inside, work.series, published, link)}".strip()

    volume = f"Vol. {work.volume}" if work.volume else ""
    if work.pages:
        volume = f"{volume}, {chicago_range(work.pages)}" if volume else chicago_range(work.pages)
    return sentence(head, title(work), edited_by, work.series, volume, published, link)


def _archival(work, head):
    """`Uritsky, S. P. “Title,” ll. 73–74, d. 38, p. 100, op. 25, f. 9, AVP RF, Moscow.`"""
    parts = [] if untitled(work) else [_quoted(title(work), ",")]
    if work.date.strip():
        parts.append(work.date.strip())
    where = "; ".join(_location(loc) for loc in work.locations.all())
    text = " ".join(parts)
    if where:
        text = f"{text} {where}" if text.endswith("”") else ", ".join(p for p in (text, where) if p)
    return f"{sentence(head)} {sentence(text)}".strip()


def _location(location):
    file = location.file
    inventory = file.inventory
    fond = inventory.fond
    archive = fond.archive
    parts = [location.folios_english] if location.folios else []
    parts.append(f"d. {file.number}")
    if file.folder_id:
        parts.append(f"p. {file.folder.number}")
    parts += [f"op. {inventory.number}", f"f. {fond.number}", archive.abbreviation]
    if archive.city:
        parts.append(archive.city)
    return ", ".join(parts)


# The full note.


def _note_names(people):
    """`G. K. Zhukov`, `A and B`, `A, B, and C`; four or more: the first `et al.` (14.76)."""
    names = [
        person.name
        if is_organisation(person) or not person.given_names
        else f"{person.given_names} {person.name}"
        for person in people
    ]
    if len(names) > 3:
        return f"{names[0]} et al."
    if len(names) < 3:
        return " and ".join(names)
    return f"{', '.join(names[:-1])}, and {names[-1]}"


def chicago_note(work):
    authors = contributions(work, "author")
    editors = contributions(work, "editor")
    head = _note_names(authors) if authors else ""
    if not authors and editors:
        head = f"{_note_names(editors)}, {'eds' if len(editors) > 1 else 'ed'}."
        editors = []
    link = f"https://doi.org/{work.doi}" if work.doi else work.url
    published = imprint(split_list(work.place), split_list(work.publisher), work.year)
    published = f"({published})" if published else ""
    pages = chicago_range(work.pages) if work.pages else ""

    if work.is_archival:
        parts = [] if untitled(work) else [_quoted(title(work), ",")]
        if work.date.strip():
            parts.append(work.date.strip() + ",")
        parts.append("; ".join(_location(loc) for loc in work.locations.all()))
        body = " ".join(p for p in parts if p).rstrip(",")
        return sentence(f"{head}, {body}" if head else body)

    if work.kind == work.Kind.THESIS:
        # 14.224: `Author, “Title” (PhD diss., University, Year), 45.`
        text = f"{_quoted(title(work), '')} ({_thesis(work)})"
        return sentence(", ".join(p for p in (head, text, pages, link) if p))

    if work.kind in _OWN_FORMS:
        text = f"{_quoted(title(work), ',')} {_OWN_FORMS[work.kind](work)}"
        return sentence(", ".join(p for p in (head, text, link) if p))

    if work.periodical_id:
        journal = _journal_issue(work, pages)
        text = f"{_quoted(title(work), ',')} {journal}"
        return sentence(", ".join(p for p in (head, text, link) if p))

    edited_by = f"ed. {_note_names(editors)}" if editors else ""
    container = _container(work)
    if work.kind == work.Kind.CHAPTER or container:
        inside = f"in {container}" if container else ""
        inside = ", ".join(p for p in (inside, edited_by) if p)
        quoted = _quoted(title(work), "," if inside else "")
        text = " ".join(p for p in (quoted, inside, published) if p)
        return sentence(", ".join(p for p in (head, text, pages, link) if p))

    volume = f"vol. {work.volume}" if work.volume else ""
    text = ", ".join(p for p in (title(work), edited_by, work.series, volume) if p)
    text = f"{text} {published}".strip()
    return sentence(", ".join(p for p in (head, text, pages, link) if p))

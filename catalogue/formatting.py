"""Formatted citations of a work: GOST R 7.0.5-2008 (Russian and English) and Chicago.

Every form is built from the catalogue record alone. What the record lacks is left
out, never guessed: a work with no Cyrillic title keeps its catalogued title in the
Russian form, and a place stays as catalogued ("Moscow" is not turned into "М.").

The functions read only what `Work.objects.with_list_relations()` plus `part_of`
fetched (contributions with people, periodical, locations down to the archive), so
formatting a page of works costs no queries of its own.

Forms, in short:
- GOST R 7.0.5-2008, Russian: `Батунаев Э. В. Title // Journal. 2019. Т. 5, № 3. С. 173–184.`;
  archival: `Title // РГАСПИ. Ф. 17. Оп. 162. Д. 20. Л. 162.` (folder `П.` where the
  archive uses one; `Лл.` for a range; `об.` for a verso).
- The same in English, as Russian journals print their reference lists and as the seed
  does: `Vol.`, `No.`, `P.`, and `RGASPI. F. 17. Op. 162. D. 20. L. 162.` The seed writes
  `L.` for single folios and ranges alike (`L. 73-74`); so does this form.
- Chicago notes-bibliography, bibliography entry, plain text (no italics):
  `Batunaev, Eduard V. “Title.” Journal 5, no. 3 (19) (2019): 173–84. https://doi.org/...`;
  archival: `“Title.” RGASPI, f. 17, op. 162, d. 20, l. 162.` (f./op./d./l., the usage
  of English-language scholarship on Russian archives).
"""

import re

from .archival import parse_folios
from .querysets import people_by_role

_END_PUNCTUATION = (".", "?", "!", "…")
_RANGE = re.compile(r"^\s*(\d+)\s*[-–—]\s*(\d+)\s*$")

_LABELS = {
    "ru": {
        "volume": "Т.",
        "issue": "№",
        "pages": "С.",
        "editor": "ред.",
        "compiler": "сост.",
        "translator": "пер.",
        "et_al": "[и др.]",
        "fond": "Ф.",
        "inventory": "Оп.",
        "folder": "П.",
        "file": "Д.",
    },
    "en": {
        "volume": "Vol.",
        "issue": "No.",
        "pages": "P.",
        "editor": "ed. by",
        "compiler": "comp. by",
        "translator": "transl. by",
        "et_al": "[et al.]",
        "fond": "F.",
        "inventory": "Op.",
        "folder": "P.",
        "file": "D.",
    },
}


def citations(work):
    """The three forms, as the work detail page and its JSON show them."""
    return {"gost": gost(work), "gost_en": gost_en(work), "chicago": chicago(work)}


def gost(work):
    """GOST R 7.0.5-2008, in Russian (Cyrillic names and titles where the record has them)."""
    return _gost(work, "ru")


def gost_en(work):
    """GOST R 7.0.5-2008 in English transliteration, the seed's reference-list form."""
    return _gost(work, "en")


# Small helpers.


def _sentence(*parts):
    """Join non-empty parts with `. `, never doubling a full stop; end with one."""
    text = ""
    for part in parts:
        part = (part or "").strip()
        if not part:
            continue
        if text:
            text += " " if text.endswith(_END_PUNCTUATION) else ". "
        text += part
    if text and not text.endswith(_END_PUNCTUATION):
        text += "."
    return text


def _strip_end(text):
    return text.strip().rstrip(".").strip() if text else ""


def dash_range(text):
    """`173-184` → `173–184`: an en dash between the numbers of a range."""
    match = _RANGE.match(text or "")
    return f"{match[1]}–{match[2]}" if match else (text or "").strip()


def chicago_range(text):
    """Inclusive numbers abbreviated as Chicago 9.64 prescribes: 173–84, 45–49, 101–8, 1496–500."""
    match = _RANGE.match(text or "")
    if not match:
        return (text or "").strip()
    first, last = match[1], match[2]
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


def initials(given_names):
    """`Eduard V.` → `E. V.`; `Yu. M.` stays; `Jean-Paul` → `J.-P.`."""
    result = []
    for token in (given_names or "").split():
        if token.endswith("."):
            result.append(token)
            continue
        result.append("-".join(f"{piece[0]}." for piece in token.split("-") if piece))
    return " ".join(result)


def _contributions(work, role):
    return people_by_role(work).get(role, [])


def _is_organisation(person):
    return person.kind == person.Kind.ORGANISATION


def _name_inverted(person, lang):
    """`Батунаев Э. В.` / `Batunaev E. V.`: family name first, then initials (GOST heading)."""
    if _is_organisation(person):
        return person.name_original if lang == "ru" and person.name_original else person.name
    if lang == "ru" and person.name_original:
        return person.name_original
    return f"{person.name} {initials(person.given_names)}".strip()


def _name_direct(person, lang):
    """`Э. В. Батунаев` / `E. V. Batunaev`: initials first (GOST statement of responsibility)."""
    if _is_organisation(person):
        return _name_inverted(person, lang)
    if lang == "ru" and person.name_original:
        family, _, rest = person.name_original.partition(" ")
        return f"{rest} {family}".strip()
    return f"{initials(person.given_names)} {person.name}".strip()


def _title(work, lang):
    return (work.title_original if lang == "ru" and work.title_original else work.title).strip()


def _periodical_title(work, lang):
    periodical = work.periodical
    if lang == "ru" and periodical.title_original:
        return periodical.title_original
    return periodical.title


def _container(work, lang):
    if work.part_of_id:
        return _title(work.part_of, lang)
    return work.container_title.strip()


def _imprint(work):
    """`Moscow: Publisher, 1974`; several places and publishers paired when they match."""
    places = [p.strip() for p in work.place.split(";") if p.strip()]
    publishers = [p.strip() for p in work.publisher.split(";") if p.strip()]
    if places and publishers and len(places) == len(publishers):
        text = "; ".join(
            f"{place}: {publisher}" for place, publisher in zip(places, publishers, strict=True)
        )
    elif places and publishers:
        text = f"{'; '.join(places)}: {'; '.join(publishers)}"
    else:
        text = "; ".join(places or publishers)
    year = str(work.year) if work.year else ""
    return ", ".join(part for part in (text, year) if part)


# GOST R 7.0.5-2008.


def _gost_heading(work, lang):
    """The heading (up to three authors), the title, and the statement of responsibility."""
    labels = _LABELS[lang]
    authors = _contributions(work, "author")
    title = _title(work, lang)
    if work.is_archival and work.date:
        title = f"{_strip_end(title)}, {work.date.strip()}"
    responsibility = []
    if len(authors) > 3:
        names = ", ".join(_name_direct(p, lang) for p in authors[:3])
        responsibility.append(f"{names} {labels['et_al']}")
    for role in ("editor", "compiler", "translator"):
        people = _contributions(work, role)
        if people:
            responsibility.append(
                f"{labels[role]} {', '.join(_name_direct(p, lang) for p in people)}"
            )
    text = title
    if 1 <= len(authors) <= 3:
        text = f"{', '.join(_name_inverted(p, lang) for p in authors)} {title}"
    if responsibility:
        text = f"{_strip_end(text)} / {'; '.join(responsibility)}"
    return text


def _gost_location(location, lang):
    labels = _LABELS[lang]
    file = location.file
    inventory = file.inventory
    fond = inventory.fond
    archive = fond.archive
    name = (
        (archive.abbreviation_ru or archive.abbreviation) if lang == "ru" else archive.abbreviation
    )
    parts = [
        name,
        f"{labels['fond']} {fond.number}",
        f"{labels['inventory']} {inventory.number}",
    ]
    if file.folder_id:
        parts.append(f"{labels['folder']} {file.folder.number}")
    parts.append(f"{labels['file']} {file.number}")
    folios = _gost_folios(location, lang)
    if folios:
        parts.append(folios)
    return _sentence(*parts)


def _gost_folios(location, lang):
    parsed = parse_folios(location.folios)
    if parsed is None:
        return location.folios.strip()
    if lang == "ru":
        return parsed.russian()
    # The seed's English form: `L.` before one folio or a range, `ob.` for a verso.
    text = parsed.russian().removeprefix("Лл. ").removeprefix("Л. ")
    return f"L. {text.replace(' об.', ' ob.')}"


def _gost(work, lang):
    labels = _LABELS[lang]
    head = _gost_heading(work, lang)
    if work.is_archival:
        locations = list(work.locations.all())
        if not locations:
            return _sentence(head)
        where = " ".join(_gost_location(loc, lang) for loc in locations)
        return f"{_strip_end(head)} // {where}"

    pages = f"{labels['pages']} {dash_range(work.pages)}" if work.pages else ""
    volume = f"{labels['volume']} {work.volume}" if work.volume else ""
    if work.periodical_id:
        numbering = ", ".join(
            part
            for part in (volume, f"{labels['issue']} {work.issue}" if work.issue else "")
            if part
        )
        year = str(work.year) if work.year else ""
        return (
            f"{_strip_end(head)} // "
            f"{_sentence(_periodical_title(work, lang), year, numbering, pages)}"
        )
    series = f"({work.series.strip()})" if work.series else ""
    container = _container(work, lang)
    if container:
        return (
            f"{_strip_end(head)} // {_sentence(container, volume, _imprint(work), series, pages)}"
        )
    return _sentence(head, volume, _imprint(work), series, pages)


# Chicago notes-bibliography: the bibliography entry.


def _chicago_names(people, *, invert_first=True):
    def one(person, inverted):
        if _is_organisation(person) or not person.given_names:
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


def _quoted(title):
    """`“Title.”`: the full stop inside the quotation marks, unless the title ends in ? or !."""
    title = title.strip()
    return f"“{title}”" if title.endswith(_END_PUNCTUATION) else f"“{title}.”"


def chicago(work):
    """The Chicago Manual of Style (17th ed.) bibliography entry, in English."""
    authors = _contributions(work, "author")
    editors = _contributions(work, "editor")
    head = ""
    if authors:
        head = _chicago_names(authors)
    elif editors:
        head = f"{_chicago_names(editors)}, {'eds' if len(editors) > 1 else 'ed'}."
        editors = []
    edited_by = f"Edited by {_chicago_names(editors, invert_first=False)}" if editors else ""
    doi = f"https://doi.org/{work.doi}" if work.doi else ""
    link = doi or work.url

    if work.is_archival:
        title = _quoted(_title(work, "en"))
        where = "; ".join(_chicago_location(loc) for loc in work.locations.all())
        date = work.date.strip()
        entry = f"{_sentence(head)} {title}".strip()
        return f"{entry} {_sentence(date, where)}".strip()

    volume = f"Vol. {work.volume}" if work.volume else ""
    if work.periodical_id:
        title = _quoted(work.title)
        journal = work.periodical.title
        if work.volume:
            journal += f" {work.volume}"
        if work.issue:
            journal += f", no. {work.issue}"
        if work.year:
            journal += f" ({work.year})"
        if work.pages:
            journal += f": {chicago_range(work.pages)}"
        entry = f"{_sentence(head)} {title}".strip()
        return f"{entry} {_sentence(journal, link)}".strip()

    container = _container(work, "en")
    if work.kind == work.Kind.CHAPTER or container:
        title = _quoted(work.title)
        inside = ""
        if container:
            inside = f"In {container}"
            if edited_by:
                inside += f", edited by {_chicago_names(editors, invert_first=False)}"
            if work.volume:
                inside += f", vol. {work.volume}"
            if work.pages:
                inside += f", {chicago_range(work.pages)}"
        entry = f"{_sentence(head)} {title}".strip()
        return f"{entry} {_sentence(inside, work.series, _imprint(work), link)}".strip()

    if work.pages:
        volume = f"{volume}, {chicago_range(work.pages)}" if volume else chicago_range(work.pages)
    return _sentence(head, work.title, edited_by, work.series, volume, _imprint(work), link)


def _chicago_location(location):
    file = location.file
    inventory = file.inventory
    fond = inventory.fond
    parts = [fond.archive.abbreviation, f"f. {fond.number}", f"op. {inventory.number}"]
    if file.folder_id:
        parts.append(f"p. {file.folder.number}")
    parts.append(f"d. {file.number}")
    if location.folios:
        parts.append(location.folios_english)
    return ", ".join(parts)

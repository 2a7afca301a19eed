"""Formatted citations of a work: GOST R 7.0.5-2008 (as written, and in the English of
Russian journals' reference lists) and Chicago (catalogue/citing/chicago.py).

Every form is built from the catalogue record alone. What the record lacks is left out or
given as catalogued, never guessed: a Russian work with no Cyrillic title keeps its
catalogued title, and `missing_for_gost` names the fields that would complete it (the work
page shows them under the citation, the admin beside the fields).

GOST R 7.0.5-2008, the form called "gost":
- a work is described in its own language (4.5: "Библиографическую ссылку составляют на
  языке ... текста документа"): a Russian work in Russian, `Т.`, `№`, `С.`, places as
  GOST 7.0.12 abbreviates them (`М.`, `Л.`, `СПб.`); a work in another language with its
  labels in English: `Vol. 24, no. 4. P. 659–677.`
- archival documents: `Title // РГАСПИ. Ф. 17. Оп. 162. Д. 20. Л. 162.`, `Л.` before one
  folio or several (GOST 7.0.12 abbreviates "лист" and "листы" alike: `Л.`), `об.` for a
  verso; a document without a title of its own is cited by its location alone.
The form called "gost_en" is the seed's English reference list: `Vol.`, `No.`, `P.`, and
`RGASPI. F. 17. Op. 162. D. 20. L. 162.`

The functions read only what `Work.objects.with_list_relations()` plus `part_of` fetched
(contributions with people, periodical, locations down to the archive), so formatting a
page of works costs no queries of its own.
"""

from django.utils.translation import gettext as _

from ..archival import parse_folios
from .chicago import chicago, chicago_note, untitled
from .parts import (
    CYRILLIC_LANGUAGES,
    contributions,
    dash_range,
    imprint,
    initials,
    is_organisation,
    issue_date,
    language,
    sentence,
    split_list,
    strip_end,
)

__all__ = ["chicago", "chicago_note", "citations", "dash_range", "gost", "gost_en", "initials"]

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
        "folios": "Л.",
        "verso": "об.",
        "online": "[Электронный ресурс]",
        "thesis": "дис.",
    },
    # A work in English (or another language of Latin script) described in English.
    "own": {
        "volume": "Vol.",
        "issue": "no.",
        "pages": "P.",
        "editor": "ed. by",
        "compiler": "comp. by",
        "translator": "transl. by",
        "et_al": "[et al.]",
        "fond": "F.",
        "inventory": "Op.",
        "folder": "P.",
        "file": "D.",
        "folios": "L.",
        "verso": "ob.",
        "online": "[Electronic resource]",
        "thesis": "thesis",
    },
}
# The seed's English reference list writes `No.`, as Russian journals' English lists do.
_LABELS["en"] = {**_LABELS["own"], "issue": "No."}

# GOST 7.0.12-2011, 4.3: the places of publication abbreviated in a Russian description.
# Any other place is written in full in Russian, which the catalogue does not hold yet.
_RUSSIAN_PLACES = {
    "moscow": "М.",
    "москва": "М.",
    "leningrad": "Л.",
    "ленинград": "Л.",
    "st petersburg": "СПб.",
    "st. petersburg": "СПб.",
    "saint petersburg": "СПб.",
    "санкт-петербург": "СПб.",
}


def citations(work):
    """The four forms, as the work detail page and its JSON show them."""
    return {
        "gost": gost(work),
        "gost_en": gost_en(work),
        "chicago": chicago(work),
        "chicago_note": chicago_note(work),
    }


def description_language(work):
    """'ru' for a work in Russian (or with no language recorded), else 'own'."""
    code = language(work)
    return "ru" if not code or code in CYRILLIC_LANGUAGES else "own"


def gost(work):
    """GOST R 7.0.5-2008 as written: the work described in its own language."""
    return _gost(work, description_language(work))


def gost_en(work):
    """GOST R 7.0.5-2008 in English transliteration, the seed's reference-list form."""
    return _gost(work, "en")


def missing_for_gost(work):
    """What the catalogue lacks for a Russian description, named as the admin names the
    field that would hold it: [] when nothing is missing or the work is not Russian."""
    if description_language(work) != "ru":
        return []
    missing = []
    if not work.title_original.strip() and not (work.is_archival and untitled(work)):
        missing.append(_("title in original script"))
    if work.periodical_id and not work.periodical.title_original.strip():
        missing.append(_("journal: title in original script"))
    for role in ("author", "editor", "compiler", "translator"):
        for person in contributions(work, role):
            if not person.name_original.strip():
                missing.append(_("%(person)s: name in original script") % {"person": person})
    if any(p.lower() not in _RUSSIAN_PLACES for p in split_list(work.place)):
        missing.append(_("place of publication in Russian"))
    return missing


# Names, titles, places.


def _name_inverted(person, lang):
    """`Батунаев Э. В.` / `Batunaev E. V.`: family name first, then initials (GOST heading)."""
    if lang == "ru" and person.name_original:
        return person.name_original
    if is_organisation(person):
        return person.name
    return f"{person.name} {initials(person.given_names)}".strip()


def _name_direct(person, lang):
    """`Э. В. Батунаев` / `E. V. Batunaev`: initials first (GOST statement of responsibility)."""
    if is_organisation(person):
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


def _imprint(work, lang):
    places = split_list(work.place)
    if lang == "ru":
        places = [_RUSSIAN_PLACES.get(place.lower(), place) for place in places]
    return imprint(places, split_list(work.publisher), work.year)


# GOST R 7.0.5-2008.


def _gost_heading(work, lang):
    """The heading (up to three authors), the title, and the statement of responsibility."""
    labels = _LABELS[lang]
    authors = contributions(work, "author")
    title = _title(work, lang)
    if work.is_archival and work.date:
        title = f"{strip_end(title)}, {work.date.strip()}"
    responsibility = []
    if len(authors) > 3:
        names = ", ".join(_name_direct(p, lang) for p in authors[:3])
        responsibility.append(f"{names} {labels['et_al']}")
    for role in ("editor", "compiler", "translator"):
        people = contributions(work, role)
        if people:
            responsibility.append(
                f"{labels[role]} {', '.join(_name_direct(p, lang) for p in people)}"
            )
    text = title
    if 1 <= len(authors) <= 3:
        text = f"{', '.join(_name_inverted(p, lang) for p in authors)} {title}"
    if responsibility:
        text = f"{strip_end(text)} / {'; '.join(responsibility)}"
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
    if location.folios.strip():
        parts.append(_gost_folios(location, labels))
    return sentence(*parts)


def _gost_folios(location, labels):
    """`Л. 162`, `Л. 73–74`, `Л. 1–15 об.` (and `L.`, `ob.` in English)."""
    parsed = parse_folios(location.folios)
    if parsed is None:
        return location.folios.strip()
    text = parsed.russian().removeprefix("Лл. ").removeprefix("Л. ")
    return f"{labels['folios']} {text.replace(' об.', ' ' + labels['verso'])}"


def _gost(work, lang):
    labels = _LABELS[lang]
    if work.is_archival:
        locations = list(work.locations.all())
        where = " ".join(_gost_location(loc, lang) for loc in locations)
        if locations and untitled(work):
            return where  # its location is all it has: not given twice
        head = _gost_heading(work, lang)
        return f"{strip_end(head)} // {where}" if locations else sentence(head)

    head = _gost_heading(work, lang)
    pages = f"{labels['pages']} {dash_range(work.pages)}" if work.pages else ""
    volume = f"{labels['volume']} {work.volume}" if work.volume else ""
    if work.kind == work.Kind.WEBPAGE:
        # GOST R 7.0.5-2008 marks an online resource so and gives its address (`URL:`).
        site = _periodical_title(work, lang) if work.periodical_id else _container(work, lang)
        head = f"{strip_end(head)} {labels['online']}"
        year = str(work.year) if work.year else ""
        where = sentence(site, year, f"URL: {work.url}" if work.url else "")
        return f"{head} // {where}" if site else sentence(head, year, where)
    if work.kind == work.Kind.THESIS:
        # `Заглавие : дис. М., 2005. С. 12.`: the degree is not catalogued, so not named.
        head = f"{strip_end(head)} : {labels['thesis']}"
        return sentence(head, _imprint(work, lang), pages)
    if work.periodical_id and work.kind == work.Kind.NEWSPAPER:
        # `// Правда. 1939. 25 авг. № 235. С. 1.`: a newspaper's issue by its day.
        year = str(work.year) if work.year else ""
        day = issue_date(work, "ru") if lang == "ru" else issue_date(work, "en")
        if day.endswith(year) and year:
            day = day[: -len(year)].strip(" ,")
        number = f"{labels['issue']} {work.issue}" if work.issue else ""
        where = sentence(_periodical_title(work, lang), year, day, number, pages)
        return f"{strip_end(head)} // {where}"
    if work.periodical_id:
        numbering = ", ".join(
            part
            for part in (volume, f"{labels['issue']} {work.issue}" if work.issue else "")
            if part
        )
        year = str(work.year) if work.year else ""
        return (
            f"{strip_end(head)} // "
            f"{sentence(_periodical_title(work, lang), year, numbering, pages)}"
        )
    series = f"({work.series.strip()})" if work.series else ""
    container = _container(work, lang)
    published = _imprint(work, lang)
    if container:
        return f"{strip_end(head)} // {sentence(container, volume, published, series, pages)}"
    return sentence(head, volume, published, series, pages)

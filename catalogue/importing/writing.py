"""Writing the Records read from a CSL-JSON or RIS file (importing/files.py) into the catalogue.

A record matches an existing work by the rules a pasted list follows (`matching`): DOI,
ISBN, or title, year and first author compared folded, so that case and Cyrillic/Latin
look-alikes do not split a match; an archival document by its location. A
matched work is updated only where the file gives a value: an import never blanks a
field an editor filled, and never replaces the people or archival locations an editor
curated. An archival document keeps its archive and location: CSL `archive` and
`archive_location`, RIS `DB` and `AN` (the fields Zotero uses, and Opis exports).
An archive is found by its name or abbreviation; an archive the catalogue does not
know is reported, not created, because its slug and names are an editor's decision.
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
from . import matching
from .files import read
from .matching import unique_slug


@dataclass
class Result:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    problems: list = field(default_factory=list)


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

"""One set of rules for meeting the catalogue: is this reference, person or journal in it?

Both importers (the pasted list, `reference_list.py`, and the reference manager's
file, `writing.py`) ask here, so a reference is linked, not duplicated, whichever way
it comes in. Names and titles are compared folded (`folding.fold`, `sort_key`): case,
Cyrillic/Latin look-alikes (`Belov Е.` with a Cyrillic Е) and romanisation do not split
a match.

- A published work is the same if it has the same DOI; else the same ISBN (a book, not
  a chapter in it); else the same title, year and first author's family name.
- An archival document is the same if its first location is the same file and folios.
- A person is the same if the family name folds alike and the given names agree, or one
  side gives only the initials of the other (`G. K.` and `Georgii Konstantinovich`).
- A journal is the same if its title or original title folds alike.
"""

import re
from dataclasses import dataclass

from django.db.models import Q

from ..citations import make_slug
from ..models import ArchivalFile, ArchivalLocation, Contribution, Periodical, Person, Work
from ..search.folding import fold, sort_key

# Kinds of published work that an ISBN names alone; a chapter shares its book's ISBN.
_BOOK_KINDS = (
    Work.Kind.BOOK,
    Work.Kind.EDITED_VOLUME,
    Work.Kind.DOCUMENT_COLLECTION,
    Work.Kind.COLLECTED_WORKS,
    Work.Kind.MEMOIR,
)


@dataclass
class Name:
    """A person's name as a reference gives it, or a collective's in `family`."""

    family: str
    given: str = ""
    organisation: bool = False
    # The romanised form beside a name in its own script, where a file carries one
    # (CSL-JSON's `multi`, as Opis exports write it).
    romanised: "Name | None" = None


def _words(given):
    return re.findall(r"\w+", fold(given))


def _given_agree(first, second):
    """Given names agree if equal, or if one side is only the other's initials."""
    a, b = _words(first), _words(second)
    if a == b:
        return True
    if not a or not b or len(a) != len(b):
        return False
    if all(len(w) <= 2 for w in a) or all(len(w) <= 2 for w in b):
        return all(x[0] == y[0] for x, y in zip(a, b, strict=True))
    return False


def find_person(name):
    """The catalogued person or collective of this Name, or None: by the name, by its
    romanised form, or by the name in original script (`Урицкий С. П.`)."""
    romanised = getattr(name, "romanised", None)
    found = _find_by_name(name) or (romanised and _find_by_name(romanised))
    if found:
        return found
    written = f"{name.family} {name.given}".strip()
    return Person.objects.filter(name_original=written).order_by("pk").first()


def _find_by_name(name):
    family = fold(name.family)
    if not family:
        return None
    # The search key starts with the folded family name and a space (or is only that):
    # narrowed in the database, then compared exactly.
    candidates = Person.objects.filter(
        Q(search_key=family) | Q(search_key__startswith=f"{family} ")
    ).order_by("pk")
    agreeing = [p for p in candidates if fold(p.name) == family]
    exact = [p for p in agreeing if _words(p.given_names) == _words(name.given)]
    if exact:
        return exact[0]
    return next((p for p in agreeing if _given_agree(p.given_names, name.given)), None)


def unique_slug(model, field_name, text, max_length=120):
    base = make_slug(text, max_length - 6) or model._meta.model_name
    slug, number = base, 1
    while model.objects.filter(**{field_name: slug}).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def find_or_create_person(name):
    """(person, created) for a Name; a new person gets a slug no one else has."""
    person = find_person(name)
    if person is not None:
        return person, False
    kind = Person.Kind.ORGANISATION if name.organisation else Person.Kind.PERSON
    # A name in its own script with a romanised form is catalogued in Latin script, the
    # original kept beside it.
    latin, original = name, ""
    if romanised := getattr(name, "romanised", None):
        latin, original = romanised, f"{name.family} {name.given}".strip()
    person = Person(
        slug=unique_slug(Person, "slug", f"{latin.family} {latin.given}"),
        kind=kind,
        name=latin.family.strip()[:200],
        given_names=latin.given.strip()[:200],
        name_original=original[:300],
    )
    person.save()
    return person, True


def find_periodical(title):
    key = fold(title)
    if not key:
        return None
    candidates = Periodical.objects.filter(
        Q(search_key=key) | Q(search_key__startswith=f"{key} ") | Q(search_key__endswith=f" {key}")
    ).order_by("pk")
    return next((p for p in candidates if key in (fold(p.title), fold(p.title_original))), None)


def find_or_create_periodical(title):
    """(periodical, created) for a journal's title as cited."""
    title = " ".join(title.split())
    periodical = find_periodical(title)
    if periodical is not None:
        return periodical, False
    periodical = Periodical(slug=unique_slug(Periodical, "slug", title), title=title[:300])
    periodical.save()
    return periodical, True


def clean_doi(doi):
    """`https://doi.org/10.1/x`, `doi:10.1/x` → `10.1/x`."""
    doi = (doi or "").strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix) :]
    return doi.strip()


def clean_isbn(isbn):
    """The digits (and a final X) of an ISBN, or "" if it has not 10 or 13 of them."""
    digits = re.sub(r"[^0-9Xx]", "", isbn or "").upper()
    return digits if len(digits) in (10, 13) else ""


def _title_keys(title):
    # A title parsed with or without its closing full stop is the same title.
    key = sort_key((title or "").strip().rstrip(" .,;:"))
    return [key, f"{key}."] if key else []


def find_work(*, title, year=None, first=None, doi="", isbn="", kind=""):
    """The catalogued work a reference describes, or None.

    Meant for published works; an archival document is better found by its location
    (`find_document`), and is looked for here only among archival documents. `first` is the Name of the first author (or, for an edited volume, the first editor).
    """
    if doi := clean_doi(doi):
        if work := Work.objects.filter(doi__iexact=doi).first():
            return work
    digits = clean_isbn(isbn)
    if digits and kind != Work.Kind.CHAPTER:
        books = Work.objects.filter(Q(isbn=digits) | Q(isbn=isbn.strip()), kind__in=_BOOK_KINDS)
        if work := books.first():
            return work
    keys = _title_keys(title)
    if not keys:
        return None
    candidates = Work.objects.filter(Q(sort_title__in=keys) | Q(title_original=title), year=year)
    # A book and an archival document of the same title are not the same work.
    archival = Q(kind=Work.Kind.ARCHIVAL_DOCUMENT)
    candidates = candidates.filter(archival if kind == Work.Kind.ARCHIVAL_DOCUMENT else ~archival)
    ids = list(candidates.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return None
    # The first author of each candidate, or its first editor if it names no author.
    firsts = {}
    people = (
        Contribution.objects.filter(work_id__in=ids, role__in=("author", "editor"))
        .select_related("person")
        .order_by("work_id", "role", "position")  # "author" sorts before "editor"
    )
    for contribution in people:
        firsts.setdefault(contribution.work_id, fold(contribution.person.name))
    family = fold(first.family) if first else None
    found = next((pk for pk in ids if firsts.get(pk) == family), None)
    return Work.objects.get(pk=found) if found else None


def find_archival_file(archive, fond, inventory, folder, file):
    """The catalogued file at these numbers (`archive` is a slug), or None; writes nothing."""
    folder = (folder or "").strip()
    lookup = {"folder__number": folder} if folder else {"folder": None}
    return ArchivalFile.objects.filter(
        inventory__fond__archive__slug=(archive or "").strip(),
        inventory__fond__number=(fond or "").strip(),
        inventory__number=(inventory or "").strip(),
        number=(file or "").strip(),
        **lookup,
    ).first()


def find_document(file, folios, title):
    """The archival document first located at this file and folios: the one with this
    title if several are, else the first. The location decides, not the title: the
    catalogue corrects titles that print garbled (the seed's "Quantum Army" is the
    Kwantung Army), and the next article citing the document prints them garbled again.
    """
    if file is None:
        return None
    locations = ArchivalLocation.objects.filter(
        file=file, folios=(folios or "").strip(), position=1
    ).select_related("work")
    works = [location.work for location in locations.order_by("work_id")]
    same = (work for work in works if sort_key(work.title) == sort_key(title))
    return next(same, works[0] if works else None)

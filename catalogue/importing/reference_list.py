"""Importing a reference list: parsed references become works, people and archival rows.

Used by `manage.py import_references` and the admin's "import references" page. The
whole list goes in one transaction: if one reference cannot be imported, nothing is,
and the error names its line. Importing the same list again creates nothing new (every
row is looked up by its natural key, or the citation's number, before it is created), and
a reference already in the catalogue, pasted for another work or uploaded from a file, is
linked by the rules of `matching`, which the file upload (importing/writing.py) shares.
"""

from collections import Counter
from dataclasses import fields

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..archival import number_problem
from ..citations import ParsedReference, clean_text, make_slug
from ..models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    Citation,
    Contribution,
    Folder,
    Fond,
    Inventory,
    Language,
    Work,
)
from ..search.folding import fold
from . import matching
from .printed_names import name_from_printed
from .report import ImportReport

# Re-exported: `manage.py parse_references` and its tests read their input through here.
from .text import InputRejected, decode_input, read_source  # noqa: F401

# One list's limit: what the admin's review grid and one transaction are sized for.
MAX_REFERENCES = 2000


class ImportFailed(Exception):
    """One reference cannot be imported; nothing of the list has been written."""


def parsed_from_dict(data):
    """A ParsedReference from plain data (the admin's corrected rows)."""
    names = {f.name for f in fields(ParsedReference)}
    return ParsedReference(**{k: v for k, v in data.items() if k in names})


def import_references(parsed_references, citing, dry_run=False, links=None):
    """Import the references of `citing` (a Work); all or nothing. Returns an ImportReport.

    With `citing` None the references become works (or are matched to catalogued ones)
    and no citation is written: a list whose citing work is not catalogued yet.

    `links` holds the editor's choices by reference number: the Work a reference cites,
    or None for a new work even where one matches. A reference not in it is matched by
    the rules of `matching`, and a new work is made only if nothing matches.
    """
    report = ImportReport(dry_run=dry_run)
    references = [p for p in parsed_references if p.is_reference]
    for parsed in parsed_references:
        if not parsed.is_reference:
            report.skipped.append((parsed.line, parsed.message or "no reference"))
    if len(references) > MAX_REFERENCES:
        raise ImportFailed(f"{len(references)} references: the limit is {MAX_REFERENCES}.")
    # A note that cites several works gives several references under its number, each
    # with its place in the note (`index`); a number and place twice is a mistake.
    places = Counter(_place(p) for p in references)
    for parsed in references:
        where = _where(parsed)
        if parsed.number is None or parsed.number < 1:
            raise ImportFailed(f"{where}: the reference has no number.")
        if places[_place(parsed)] > 1:
            raise ImportFailed(f"{where}: the number {_label(parsed)} is used twice in the list.")
    # Links given by number alone (`{3: work}`) are for the first reference of the note.
    links = {(k if isinstance(k, tuple) else (k, 1)): v for k, v in (links or {}).items()}
    with transaction.atomic():
        importer = _Importer(citing, report, links)
        for parsed in references:
            try:
                importer.add(parsed)
            except ImportFailed as error:
                raise ImportFailed(f"{_where(parsed)}: {error}") from None
            except Exception as error:  # a database error names its line, and rolls back
                raise ImportFailed(f"{_where(parsed)}: {type(error).__name__}: {error}") from error
        if dry_run:
            transaction.set_rollback(True)
    return report


def _place(parsed):
    """(number, index): where a reference stands in the list, its note and its place there."""
    return (parsed.number, parsed.index or 1)


def _label(parsed):
    """`12`, or `12.2` for the second reference of note 12 (as Citation.place prints it)."""
    number, index = _place(parsed)
    return f"{number}.{index}" if index > 1 else str(number)


def _where(parsed):
    line = f"line {parsed.line}" if parsed.line else "a reference"
    return f"{line} (reference {parsed.number})" if parsed.number else line


class _Importer:
    def __init__(self, citing, report, links):
        self.citing = citing
        self.links = links
        self.report = report
        self.languages = {language.code: language for language in Language.objects.all()}

    # The English name (verbose_name_raw), whatever the editor's language: the report counts
    # by it, and the summary translates the count (counted_records) with Russian plurals.
    def _created(self, obj):
        self.report.created.append((obj._meta.verbose_name_raw, str(obj)))
        return obj

    def _get_or_create(self, model, defaults=None, **lookup):
        obj = model.objects.filter(**lookup).first()
        if obj is not None:
            self.report.reused[model._meta.verbose_name_raw] += 1
            return obj, False
        obj = model(**lookup, **(defaults or {}))
        obj.save()
        return self._created(obj), True

    def add(self, parsed):
        text = clean_text(parsed.citation)
        number, index = _place(parsed)
        existing = None
        if self.citing is not None:
            existing = Citation.objects.filter(
                citing=self.citing, number=number, index=index
            ).first()
        if existing is not None:
            if fold(existing.text_as_printed) != fold(text):
                # The work by its title, the reference whole: an editor recognises both.
                raise ImportFailed(
                    _(
                        "“%(work)s” already has a reference %(number)s with another text: "
                        "“%(text)s”. Correct the number, or untick the reference."
                    )
                    % {
                        "work": Truncator(self.citing.title).words(20, truncate="…"),
                        "number": _label(parsed),
                        "text": existing.text_as_printed,
                    }
                )
            self.report.reused["citation"] += 1
            self.report.citations.append((parsed.number, existing.cited, False))
            return
        if not (parsed.title or "").strip():
            if not parsed.is_archival:
                raise ImportFailed("no title: correct the reference before import.")
            # A document cited by its coordinates alone is described by them, as printed.
            parsed.title = text
        match = (number, index) not in self.links
        work = None if match else self.links[number, index]
        if work is not None:
            self.report.reused["work"] += 1
        elif parsed.is_archival:
            work = self._archival_work(parsed, match)
        else:
            work = self._published_work(parsed, match)
        if self.citing is not None and work.pk == self.citing.pk:
            raise ImportFailed("the reference is the citing work itself.")
        if parsed.language:
            language = self.languages.get(parsed.language)
            if language is None:
                raise ImportFailed(
                    f"the language code {parsed.language!r} is not in the catalogue."
                )
            work.languages.add(language)
        if self.citing is None:  # no citing work: the work alone
            self.report.citations.append((parsed.number, work, False))
            return
        note = "; ".join(f"{entry['field']}: {entry['reason']}" for entry in parsed.unsure)
        citation = Citation(
            citing=self.citing,
            cited=work,
            number=number,
            index=index,
            text_as_printed=text,
            editorial_note=f"Read by the import: {note}." if note else "",
        )
        citation.save()
        self._created(citation)
        self.report.citations.append((parsed.number, work, True))

    # -- archival documents ---------------------------------------------------------

    @staticmethod
    def _locations(parsed):
        top = {
            key: getattr(parsed, key)
            for key in ("archive", "fond", "inventory", "folder", "file", "folios")
        }
        top["archive_as_printed"] = parsed.archive_as_printed
        locations = [dict(location) for location in parsed.locations] or [top]
        # The top-level fields are the first location as corrected (the admin edits them).
        locations[0].update({k: v for k, v in top.items() if k != "archive_as_printed"})
        return locations

    def _archival_file(self, location):
        slug = (location.get("archive") or "").strip()
        for part in ("archive", "fond", "inventory", "file"):
            if not (location.get(part) or "").strip():
                raise ImportFailed(
                    f"the {part} is missing: an archival reference needs "
                    "archive, fond, inventory and file."
                )
        for part in ("fond", "inventory", "folder", "file"):
            number = (location.get(part) or "").strip()
            if number and (problem := number_problem(number)):
                raise ImportFailed(f"the {part} number {number!r} {problem}")
        archive = Archive.objects.filter(slug=slug).first()
        if archive is None:
            if make_slug(slug) != slug:
                raise ImportFailed(f"{slug!r} cannot be an archive's slug.")
            printed = location.get("archive_as_printed") or slug.upper()
            archive = Archive(
                slug=slug,
                abbreviation=printed[:40],
                note="Created by a reference import: not in the archive registry; check it.",
            )
            archive.save()
            self._created(archive)
        else:
            self.report.reused["archive"] += 1
        fond, _ = self._get_or_create(Fond, archive=archive, number=location["fond"].strip())
        inventory, _ = self._get_or_create(
            Inventory, fond=fond, number=location["inventory"].strip()
        )
        folder = None
        if (location.get("folder") or "").strip():
            folder, _ = self._get_or_create(
                Folder, inventory=inventory, number=location["folder"].strip()
            )
        file, _ = self._get_or_create(
            ArchivalFile, inventory=inventory, folder=folder, number=location["file"].strip()
        )
        return file

    def _coded_work(self, parsed, match):
        """A document an archive cites by an item code (JACAR), with no fond or file."""
        slug = (parsed.archive or "").strip()
        if not Archive.objects.filter(slug=slug).exists():
            raise ImportFailed(f"the archive {slug!r} is not in the catalogue.")
        key = make_slug(f"{slug}-{parsed.reference_code}", max_length=120)
        work = Work.objects.filter(key=key).first()
        if work is not None and match:
            self.report.reused["work"] += 1
            return work
        work = Work(
            key=self._free_key(key) if work else key,
            kind=Work.Kind.ARCHIVAL_DOCUMENT,
            title=parsed.title.strip()[:1000],
            year=parsed.year,
            note=f"Cited by the reference code {parsed.reference_code} of {parsed.archive_as_printed}.",
        )
        work.save()
        self._created(work)
        self._contributions(work, parsed)
        return work

    def _archival_work(self, parsed, match=True):
        if parsed.reference_code and not parsed.fond and not parsed.locations:
            return self._coded_work(parsed, match)
        locations = self._locations(parsed)
        files = [(self._archival_file(loc), (loc.get("folios") or "").strip()) for loc in locations]
        first_file, first_folios = files[0]
        # The same document cited again: same first file and folios, same title.
        if match and (found := matching.find_document(first_file, first_folios, parsed.title)):
            self.report.reused["work"] += 1
            return found
        # The seed's keys: avp-rf-9-25-100-38, rgaspi-17-162-18.
        base = make_slug("-".join(p for p in first_file.natural_key() if p), max_length=110)
        work = Work(
            key=self._free_key(base, first_folios),
            kind=Work.Kind.ARCHIVAL_DOCUMENT,
            title=parsed.title.strip()[:1000],
            year=parsed.year,
        )
        work.save()
        self._created(work)
        for position, (file, folios) in enumerate(files, start=1):
            location = ArchivalLocation(work=work, file=file, folios=folios[:60], position=position)
            location.save()
            self._created(location)
        self._contributions(work, parsed)
        return work

    def _free_key(self, base, hint=""):
        candidates = [base]
        if hint:
            candidates.append(make_slug(f"{base}-{hint}", max_length=120))
        candidates += [f"{base[:115]}-{n}" for n in range(2, 100)]
        for key in candidates:
            if not Work.objects.filter(key=key).exists():
                return key
        raise ImportFailed(f"no free citation key near {base!r}.")

    # -- published works ------------------------------------------------------------

    def _published_work(self, parsed, match=True):
        if match and (found := matching.find_work(**_published_lookup(parsed))):
            self.report.reused["work"] += 1
            return found
        title = parsed.title.strip()[:1000]
        people = [name_from_printed(p) for p in (parsed.authors or parsed.editors)]
        kind = work_kind(parsed.kind)
        doi = matching.clean_doi(getattr(parsed, "doi", None))
        isbn = (getattr(parsed, "isbn", None) or "").strip()
        return self._new_published_work(parsed, title, people, kind, doi, isbn)

    def _new_published_work(self, parsed, title, people, kind, doi, isbn):
        if doi and Work.objects.filter(doi__iexact=doi).exists():
            raise ImportFailed(
                f"the DOI {doi} belongs to a catalogued work: link that work, or correct the DOI."
            )
        if people:
            base = "-".join(n for n in (make_slug(p.family) for p in people[:2]) if n)
            base += str(parsed.year or "")
        else:
            base = "-".join(make_slug(title).split("-")[:5]) + (
                f"-{parsed.year}" if parsed.year else ""
            )
        periodical = None
        if (parsed.periodical or "").strip():
            periodical, created = matching.find_or_create_periodical(parsed.periodical)
            self._count(periodical, created)
        url = (getattr(parsed, "url", None) or "").strip()
        work = Work(
            key=self._free_key(base or "work"),
            kind=kind,
            title=title,
            year=parsed.year if parsed.year and 1 <= parsed.year <= 2100 else None,
            periodical=periodical,
            volume=(parsed.volume or "")[:40],
            issue=(parsed.issue or "")[:40],
            pages=(parsed.pages or "")[:40],
            series=(parsed.series or "")[:200],
            container_title=(parsed.container or "")[:500],
            publisher=(parsed.publisher or "")[:300],
            place=(parsed.place or "")[:200],
            doi=doi[:200],
            isbn=isbn[:20],
            # A URL the model would refuse is dropped, not saved broken; the citation
            # keeps it as printed.
            url=url[:500] if _is_url(url) else "",
        )
        work.save()
        self._created(work)
        self._contributions(work, parsed)
        return work

    def _count(self, obj, created):
        if created:
            self._created(obj)
        else:
            self.report.reused[obj._meta.verbose_name_raw] += 1
        return obj

    def _contributions(self, work, parsed):
        for role, people in (
            (Contribution.Role.AUTHOR, parsed.authors),
            (Contribution.Role.EDITOR, parsed.editors),
        ):
            for position, printed in enumerate(people or [], start=1):
                name = name_from_printed(printed)
                if not make_slug(f"{name.family} {name.given}"):
                    raise ImportFailed(f"cannot make a link name for the person {printed!r}.")
                person = self._count(*matching.find_or_create_person(name))
                self._get_or_create(
                    Contribution,
                    work=work,
                    person=person,
                    role=role,
                    defaults={"position": position},
                )


def _published_lookup(parsed):
    """What `matching.find_work` is asked about a published reference. The parser gives
    `doi` (and may give `isbn`) from issue 22 on: read them if it does."""
    people = parsed.authors or parsed.editors
    return {
        "title": (parsed.title or "").strip()[:1000],
        "year": parsed.year,
        "first": name_from_printed(people[0]) if people else None,
        "doi": getattr(parsed, "doi", None) or "",
        "isbn": getattr(parsed, "isbn", None) or "",
        "kind": work_kind(parsed.kind),
    }


def find_existing(parsed):
    """The catalogued work an import would link this reference to, or None. Writes
    nothing: the review grid shows it before the editor imports."""
    if not parsed.is_archival:
        return matching.find_work(**_published_lookup(parsed)) if parsed.title else None
    if parsed.reference_code and not parsed.fond and not parsed.locations:
        key = make_slug(f"{(parsed.archive or '').strip()}-{parsed.reference_code}", 120)
        return Work.objects.filter(key=key).first()
    first = _Importer._locations(parsed)[0]
    parts = ("archive", "fond", "inventory", "folder", "file")
    file = matching.find_archival_file(*(first.get(part) for part in parts))
    title = parsed.title or clean_text(parsed.citation)
    return matching.find_document(file, first.get("folios"), title)


def work_kind(kind):
    """The catalogue's kind for the parser's: one it does not know is "other", and a
    published reference is never an archival document."""
    if kind in Work.Kind.values and kind != Work.Kind.ARCHIVAL_DOCUMENT:
        return kind
    return Work.Kind.OTHER


def _is_url(url):
    try:
        URLValidator()(url)
    except ValidationError:
        return False
    return len(url) <= 500

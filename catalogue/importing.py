"""Importing a reference list: parsed references become works, people and archival rows.

Used by `manage.py import_references` and the admin's "import references" page. The
whole list goes in one transaction: if one reference cannot be imported, nothing is,
and the error names its line. Importing the same list again creates nothing new (every
row is looked up by its natural key, or the citation's number, before it is created).
"""

import re
from collections import Counter
from dataclasses import dataclass, field, fields

from django.db import transaction

from .archival import number_problem
from .citations import ParsedReference, _is_person, clean_text, make_slug
from .folding import fold, sort_key
from .models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    Citation,
    Contribution,
    Folder,
    Fond,
    Inventory,
    Language,
    Periodical,
    Person,
    Work,
)

# A reference list is a few kilobytes; a megabyte is a book's worth. Past that it is a
# mistake (a pasted PDF, a binary file), and parsing it would tie up a worker.
MAX_BYTES = 1_000_000
MAX_REFERENCES = 2000
MAX_LINES = 5000


class InputRejected(ValueError):
    """The input is not a reference list we can read: empty, binary, too large."""


class ImportFailed(Exception):
    """One reference cannot be imported; nothing of the list has been written."""


def decode_input(data):
    """Bytes of a pasted or uploaded list → (text, notices).

    UTF-8 first; a line that is not UTF-8 is read as cp1251 (Windows Cyrillic), with a
    notice saying which lines, so a file mixing the two still reads.
    """
    if not data or not data.strip():
        raise InputRejected("The input is empty: paste or give a reference list.")
    if len(data) > MAX_BYTES:
        raise InputRejected(
            f"The input is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes. "
            "Split the reference list into smaller parts."
        )
    if b"\x00" in data:
        raise InputRejected("The input is a binary file (it holds NUL bytes), not a text.")
    notices = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        lines, fallback = [], []
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                lines.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                try:
                    lines.append(raw.decode("cp1251"))
                except UnicodeDecodeError:
                    raise InputRejected(
                        f"Line {number} is neither UTF-8 nor cp1251 text."
                    ) from None
                fallback.append(str(number))
        text = "\n".join(lines)
        shown = ", ".join(fallback[:10]) + (" ..." if len(fallback) > 10 else "")
        notices.append(f"Not UTF-8: read as cp1251 (Windows Cyrillic) on line(s) {shown}.")
    return check_text(text), notices


def check_text(text):
    """Refuse what is not text a person wrote: control characters, no letters at all."""
    if not text.strip():
        raise InputRejected("The input is empty: paste or give a reference list.")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputRejected(
            f"The input is over the limit of {MAX_BYTES:,} bytes. "
            "Split the reference list into smaller parts."
        )
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    letters = sum(1 for c in text if c.isalpha())
    if controls > max(2, len(text) // 200) or letters < len(text.strip()) * 0.2:
        raise InputRejected("The input does not look like text (binary data or junk).")
    lines = sum(1 for line in text.splitlines() if line.strip())
    if lines > MAX_LINES:
        raise InputRejected(
            f"The input has {lines:,} lines; one reference list has at most {MAX_LINES:,}."
        )
    return text


@dataclass
class ImportReport:
    created: list = field(default_factory=list)  # (model verbose name, str(object))
    reused: Counter = field(default_factory=Counter)
    skipped: list = field(default_factory=list)  # (line, message)
    citations: list = field(default_factory=list)  # (number, cited work, created?)
    dry_run: bool = False

    @property
    def counts(self):
        return Counter(model for model, _ in self.created)

    def lines(self):
        verb = "would create" if self.dry_run else "created"
        out = [f"{verb} {model}: {label}" for model, label in self.created]
        out += [f"line {line}: skipped, {message}" for line, message in self.skipped]
        summary = ", ".join(f"{n} {m}" for m, n in sorted(self.counts.items())) or "nothing"
        out.append(f"{'Would create' if self.dry_run else 'Created'}: {summary}.")
        return out


def parsed_from_dict(data):
    """A ParsedReference from plain data (the admin's corrected rows)."""
    names = {f.name for f in fields(ParsedReference)}
    return ParsedReference(**{k: v for k, v in data.items() if k in names})


def import_references(parsed_references, citing, dry_run=False):
    """Import the references of `citing` (a Work); all or nothing. Returns an ImportReport."""
    report = ImportReport(dry_run=dry_run)
    references = [p for p in parsed_references if p.is_reference]
    for parsed in parsed_references:
        if not parsed.is_reference:
            report.skipped.append((parsed.line, parsed.message or "no reference"))
    if len(references) > MAX_REFERENCES:
        raise ImportFailed(f"{len(references)} references: the limit is {MAX_REFERENCES}.")
    numbers = Counter(p.number for p in references)
    for parsed in references:
        where = _where(parsed)
        if parsed.number is None or parsed.number < 1:
            raise ImportFailed(f"{where}: the reference has no number.")
        if numbers[parsed.number] > 1:
            raise ImportFailed(f"{where}: the number {parsed.number} is used twice in the list.")
    with transaction.atomic():
        importer = _Importer(citing, report)
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


def _where(parsed):
    line = f"line {parsed.line}" if parsed.line else "a reference"
    return f"{line} (reference {parsed.number})" if parsed.number else line


def split_person(text):
    """`Zhukov G. K.` → ("Zhukov", "G. K."); `G. K. Zhukov` and `Coox, Alvin D.` alike;
    `Hiroaki Kuromiya` → ("Kuromiya", "Hiroaki"). Word by word, in time linear in the text
    (a regular expression with nested repeats took seconds on a run of dots)."""
    text = " ".join(text.split())
    if text.count(",") == 1:  # Coox, Alvin D.
        name, given = (part.strip() for part in text.split(","))
        if name and given:
            return name, given
    words = text.split(" ")
    if len(words) < 2:
        return text, ""
    if not _is_initial(words[0]) and all(_is_initial(word) for word in words[1:]):
        return words[0], " ".join(words[1:])
    if not _is_initial(words[-1]):
        return words[-1], " ".join(words[:-1])
    return text, ""


_INITIAL = re.compile(r"(?:[^\W\d_]{1,2}\.-?)+|[^\W\d_]")


def _is_initial(word):
    """`G.`, `Yu.`, `G.K.`, `J.-P.`, or a lone letter whose full stop a comma took."""
    return bool(_INITIAL.fullmatch(word))


def _capitalise_initials(given):
    # `yu. V.` (seed No. 14) is the initials Yu. V.
    return " ".join(part[:1].upper() + part[1:] for part in given.split())


class _Importer:
    def __init__(self, citing, report):
        self.citing = citing
        self.report = report
        self.languages = {language.code: language for language in Language.objects.all()}

    def _created(self, obj):
        self.report.created.append((obj._meta.verbose_name, str(obj)))
        return obj

    def _get_or_create(self, model, defaults=None, **lookup):
        obj = model.objects.filter(**lookup).first()
        if obj is not None:
            self.report.reused[model._meta.verbose_name] += 1
            return obj, False
        obj = model(**lookup, **(defaults or {}))
        obj.save()
        return self._created(obj), True

    def add(self, parsed):
        text = clean_text(parsed.citation)
        existing = Citation.objects.filter(citing=self.citing, number=parsed.number).first()
        if existing is not None:
            if fold(existing.text_as_printed) != fold(text):
                raise ImportFailed(
                    f"{self.citing.key} already has a reference {parsed.number} with another "
                    f"text: {existing.text_as_printed[:80]!r}"
                )
            self.report.reused["citation"] += 1
            self.report.citations.append((parsed.number, existing.cited, False))
            return
        if not (parsed.title or "").strip():
            if not parsed.is_archival:
                raise ImportFailed("no title: correct the reference before import.")
            # A document cited by its coordinates alone is described by them, as printed.
            parsed.title = text
        if parsed.is_archival:
            work = self._archival_work(parsed)
        else:
            work = self._published_work(parsed)
        if work.pk == self.citing.pk:
            raise ImportFailed("the reference is the citing work itself.")
        if parsed.language:
            language = self.languages.get(parsed.language)
            if language is None:
                raise ImportFailed(
                    f"the language code {parsed.language!r} is not in the catalogue."
                )
            work.languages.add(language)
        note = "; ".join(f"{entry['field']}: {entry['reason']}" for entry in parsed.unsure)
        citation = Citation(
            citing=self.citing,
            cited=work,
            number=parsed.number,
            text_as_printed=text,
            editorial_note=f"Read by the import: {note}." if note else "",
        )
        citation.save()
        self._created(citation)
        self.report.citations.append((parsed.number, work, True))

    # -- archival documents ---------------------------------------------------------

    def _locations(self, parsed):
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

    def _coded_work(self, parsed):
        """A document an archive cites by an item code (JACAR), with no fond or file."""
        slug = (parsed.archive or "").strip()
        if not Archive.objects.filter(slug=slug).exists():
            raise ImportFailed(f"the archive {slug!r} is not in the catalogue.")
        key = make_slug(f"{slug}-{parsed.reference_code}", max_length=120)
        work = Work.objects.filter(key=key).first()
        if work is not None:
            self.report.reused["work"] += 1
            return work
        work = Work(
            key=key,
            kind=Work.Kind.ARCHIVAL_DOCUMENT,
            title=parsed.title.strip()[:1000],
            year=parsed.year,
            note=f"Cited by the reference code {parsed.reference_code} of {parsed.archive_as_printed}.",
        )
        work.save()
        self._created(work)
        self._contributions(work, parsed)
        return work

    def _archival_work(self, parsed):
        if parsed.reference_code and not parsed.fond and not parsed.locations:
            return self._coded_work(parsed)
        locations = self._locations(parsed)
        files = [(self._archival_file(loc), (loc.get("folios") or "").strip()) for loc in locations]
        first_file, first_folios = files[0]
        # The same document cited again: same first file and folios, same title.
        for location in ArchivalLocation.objects.filter(
            file=first_file, folios=first_folios, position=1
        ).select_related("work"):
            if sort_key(location.work.title) == sort_key(parsed.title):
                self.report.reused["work"] += 1
                return location.work
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

    def _published_work(self, parsed):
        title = parsed.title.strip()[:1000]
        people = parsed.authors or parsed.editors
        same = Work.objects.filter(sort_title=sort_key(title), year=parsed.year).exclude(
            kind=Work.Kind.ARCHIVAL_DOCUMENT
        )
        # The same title and year is the same work only if the first author agrees too.
        if people:
            same = same.filter(contributions__person__slug=self._person_slug(people[0]))
        else:
            same = same.filter(contributions__isnull=True)
        if work := same.first():
            self.report.reused["work"] += 1
            return work
        if people:
            names = [make_slug(split_person(p)[0]) for p in people[:2]]
            base = "-".join(n for n in names if n) + str(parsed.year or "")
        else:
            base = "-".join(make_slug(title).split("-")[:5]) + (
                f"-{parsed.year}" if parsed.year else ""
            )
        periodical = None
        if (parsed.periodical or "").strip():
            periodical = self._periodical(parsed.periodical.strip())
        kind = parsed.kind if parsed.kind in Work.Kind.values else Work.Kind.OTHER
        if kind == Work.Kind.ARCHIVAL_DOCUMENT:
            kind = Work.Kind.OTHER
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
        )
        work.save()
        self._created(work)
        self._contributions(work, parsed)
        return work

    def _periodical(self, title):
        found = Periodical.objects.filter(search_key=fold(title)).first()
        if found:
            self.report.reused["periodical"] += 1
            return found
        slug = make_slug(title, max_length=120) or "periodical"
        periodical, _ = self._get_or_create(Periodical, slug=slug, defaults={"title": title[:300]})
        return periodical

    def _contributions(self, work, parsed):
        for role, people in (
            (Contribution.Role.AUTHOR, parsed.authors),
            (Contribution.Role.EDITOR, parsed.editors),
        ):
            for position, printed in enumerate(people or [], start=1):
                person = self._person(printed)
                self._get_or_create(
                    Contribution,
                    work=work,
                    person=person,
                    role=role,
                    defaults={"position": position},
                )

    @staticmethod
    def _person_fields(printed):
        """(slug, name, given names, kind) of a name as printed."""
        printed = " ".join(printed.split())
        if _is_person(printed):
            name, given = split_person(printed)
            given = _capitalise_initials(given)
            return make_slug(f"{name} {given}", 120), name, given, Person.Kind.PERSON
        return make_slug(printed, 120), printed, "", Person.Kind.ORGANISATION

    def _person_slug(self, printed):
        return self._person_fields(printed)[0]

    def _person(self, printed):
        slug, name, given, kind = self._person_fields(printed)
        if not slug:
            raise ImportFailed(f"cannot make a link name for the person {printed!r}.")
        person, _ = self._get_or_create(
            Person,
            slug=slug,
            defaults={"name": name[:200], "given_names": given[:200], "kind": kind},
        )
        return person


def read_source(source, stdin=None):
    """The text of a file path, or of stdin for `-`, checked as decode_input checks it."""
    if source == "-":
        stream = getattr(stdin, "buffer", stdin)
        data = stream.read(MAX_BYTES + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise InputRejected(f"Cannot read {source}: {error.strerror or error}.") from None
    return decode_input(data)

"""The archive registry: every name an archive is printed under, mapped to its slug.

Archive names are data, not code: `ArchiveRegistry.from_db()` reads the archives and
their other names (Cyrillic abbreviations, translations, former names) once per run;
`from_fixture()` reads fixtures/archives.json for tools that run without a database.
"""

import json
import re
from dataclasses import dataclass

from .text import clean_text, unify_homoglyphs


def _name_key(name):
    """How a printed archive name is compared: case, punctuation and `Archives`/`Archive`
    folded (the seed prints "Russian State Archives of ...")."""
    name = unify_homoglyphs(clean_text(name)).casefold().replace("ё", "е")
    name = re.sub(r"[^\w]+", " ", name).strip()
    return re.sub(r"\barchives\b", "archive", name)


@dataclass(frozen=True)
class RegistryArchive:
    slug: str
    abbreviation: str
    uses_folders: bool = False


class ArchiveRegistry:
    """Every name an archive is printed under, mapped to the archive's slug.

    Abbreviations match case-sensitively (a short capitalised word must not match an
    ordinary word); full names match whatever their case and punctuation.
    """

    def __init__(self, archives, names):
        """archives: RegistryArchive rows; names: (slug, name, is_abbreviation) rows."""
        self.archives = {archive.slug: archive for archive in archives}
        self._keys = {}
        abbreviations, full_names = set(), set()
        for slug, name, is_abbreviation in names:
            name = clean_text(name)
            if not name or slug not in self.archives:
                continue
            self._keys.setdefault(_name_key(name), slug)
            (abbreviations if is_abbreviation else full_names).add(name)

        def pattern(names, flags):
            if not names:
                return None
            parts = []
            for name in sorted(names, key=len, reverse=True):
                words = re.findall(r"\w+", unify_homoglyphs(name))
                words = [r"archives?" if w.casefold() == "archive" else re.escape(w) for w in words]
                if words and words[-1].casefold() == "archives":
                    words[-1] = r"archives?"
                parts.append(r"[\s.,’'ʼ-]*".join(words))
            return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", flags)

        # An archive printed as "Archives" where the registry says "Archive" still matches.
        self._abbreviation_re = pattern(abbreviations, 0)
        self._name_re = pattern(full_names, re.IGNORECASE)

    @classmethod
    def from_db(cls):
        from ..models import Archive, ArchiveName

        archives, names = [], []
        for archive in Archive.objects.all():
            archives.append(
                RegistryArchive(archive.slug, archive.abbreviation, archive.uses_folders)
            )
            names += [
                (archive.slug, archive.abbreviation, True),
                (archive.slug, archive.abbreviation_ru, True),
                (archive.slug, archive.name_en, False),
                (archive.slug, archive.name_ru, False),
            ]
        abbreviation_kinds = {
            ArchiveName.Kind.ABBREVIATION,
            ArchiveName.Kind.FORMER_ABBREVIATION,
        }
        for slug, name, kind in ArchiveName.objects.values_list("archive__slug", "name", "kind"):
            names.append((slug, name, kind in abbreviation_kinds))
        return cls(archives, names)

    @classmethod
    def from_fixture(cls, path):
        """The registry of a fixture file (archives.json), for tools that run without a DB."""
        with open(path, encoding="utf-8") as handle:
            objects = json.load(handle)
        archives, names = [], []
        for obj in objects:
            fields = obj["fields"]
            if obj["model"] == "catalogue.archive":
                slug = fields["slug"]
                archives.append(
                    RegistryArchive(slug, fields["abbreviation"], fields.get("uses_folders", False))
                )
                names += [
                    (slug, fields["abbreviation"], True),
                    (slug, fields.get("abbreviation_ru", ""), True),
                    (slug, fields.get("name_en", ""), False),
                    (slug, fields.get("name_ru", ""), False),
                ]
            elif obj["model"] == "catalogue.archivename":
                kind = fields.get("kind", "name")
                names.append((fields["archive"][0], fields["name"], kind.endswith("abbreviation")))
        return cls(archives, names)

    def find_all(self, text):
        """Every archive name in text: (start, end, slug, as printed), in text order."""
        found = []
        for regex in (self._abbreviation_re, self._name_re):
            if regex is None:
                continue
            for match in regex.finditer(text):
                slug = self._keys.get(_name_key(match.group()))
                if slug:
                    found.append((match.start(), match.end(), slug, match.group()))
        # Where a name and an abbreviation overlap, keep the longer.
        found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
        kept = []
        for hit in found:
            if kept and hit[0] < kept[-1][1]:
                continue
            kept.append(hit)
        return kept

    def uses_folders(self, slug):
        archive = self.archives.get(slug)
        return bool(archive and archive.uses_folders)

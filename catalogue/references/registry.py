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


_TOKEN = re.compile(r"\w+")
# Words tried as the start of a name in one text: a reference names a few archives, and
# text naming hundreds is not a reference (nor worth a worker's time).
_MAX_STARTS = 64
_JOIN = re.compile(r"[\s.,’'ʼ-]{0,4}")


# Letters a scan misreads in a Cyrillic abbreviation (`АЛ РФ` for `АП РФ`); a name read
# through this fold is flagged by the finder (its printed form is not a registered name).
_OCR = re.compile(r"^[А-Я]{1,3}$")
_OCR_FOLD = str.maketrans("Л", "П")


def _fold_word(word, fold):
    if not fold:
        return word
    word = word.casefold().replace("ё", "е")
    return "archive" if word == "archives" else word


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

        # Names are matched word by word (a dictionary look-up a word, linear in the text):
        # abbreviations as printed, full names whatever their case, and "Archives" where
        # the registry says "Archive".
        self.printed_names = {unify_homoglyphs(name) for name in abbreviations}
        self._tables = ({}, {})
        self._first_words = set()  # the first words of full names, case folded (a quick filter)
        for table, group, fold in (
            (self._tables[0], abbreviations, False),
            (self._tables[1], full_names, True),
        ):
            for name in group:
                words = tuple(_fold_word(w, fold) for w in _TOKEN.findall(unify_homoglyphs(name)))
                if words:
                    table.setdefault(words, self._keys[_name_key(name)])
                    if fold:
                        raw = _TOKEN.findall(unify_homoglyphs(name))[0].casefold()
                        self._first_words.update(
                            {raw, words[0], "archives"}
                            if words[0] == "archive"
                            else {raw, words[0]}
                        )
                    longest = table.get(words[0], 0)
                    table[words[0]] = (
                        max(longest, len(words)) if isinstance(longest, int) else longest
                    )

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
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        abbreviations, first_words = self._tables[0], self._first_words
        starts = [
            i
            for i, (_, _, word) in enumerate(tokens)
            if word in abbreviations or word.casefold() in first_words or "Л" in word
        ]
        found = []
        for i in starts[:_MAX_STARTS]:
            start, word = tokens[i][0], tokens[i][2]
            for table, fold in zip(self._tables, (False, True), strict=True):
                first = _fold_word(word, fold)
                if not fold and first not in table and _OCR.search(first):
                    first = first.translate(_OCR_FOLD)  # `АЛ РФ`: П read as Л in a scan
                longest = table.get(first)
                if not isinstance(longest, int):
                    longest = 1 if longest else 0
                if not longest:
                    continue
                words, j, best = [first], i, None
                while True:
                    slug = table.get(tuple(words))
                    if isinstance(slug, str):
                        best = (j, slug)
                    if len(words) >= longest or j + 1 >= len(tokens):
                        break
                    if not _JOIN.fullmatch(text, tokens[j][1], tokens[j + 1][0]):
                        break
                    j += 1
                    words.append(_fold_word(tokens[j][2], fold))
                if best:
                    end = tokens[best[0]][1]
                    found.append((start, end, best[1], text[start:end]))
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

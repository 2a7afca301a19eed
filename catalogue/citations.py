"""Reading a reference as printed into a structured record.

`parse_reference(text, registry)` reads ONE reference; `parse_text(text, registry)`
splits a reference list (numbered, or one reference a line) and reads every entry.
Both return `ParsedReference` objects (`.as_dict()` gives plain JSON-ready data).

The parser reads what a historian reads, and says where it guessed: every repair of
a garbled print (a missing label, `E.` for the file label, `Pp.` for folios) and every
inference (a language from the script, an archive not in the registry) is listed in
`unsure` with its reason, so that an editor checks it before import.

Archive names are data, not code: `ArchiveRegistry.from_db()` reads the archives and
their other names (Cyrillic abbreviations, translations, former names) once per run.
"""

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from django.utils.text import slugify

# --- text clean-up --------------------------------------------------------------------

# Cyrillic and Latin letters that print alike, upper and lower case (one to one, so
# positions in the text do not move).
_CYRILLIC = "АВЕКМНОРСТУХаеорсухкмтвн"
_LATIN = "ABEKMHOPCTYXaeopcyxkmtbh"
_TO_LATIN = str.maketrans(_CYRILLIC, _LATIN)
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_WORD = re.compile(r"[^\W\d_]+")


def _script(char):
    if "a" <= char.lower() <= "z":
        return "latin"
    if "\u0400" <= char <= "\u04ff":
        return "cyrillic"
    return None


def dominant_script(text):
    scripts = [_script(c) for c in text]
    return "latin" if scripts.count("latin") >= scripts.count("cyrillic") else "cyrillic"


def unify_homoglyphs(text):
    """Read a word printed in two scripts (`Мoscow`, `Belov Е.`) in the script of most of
    its letters. A one-letter word (an initial, the `Р` of `Р-9401`) takes the script of
    the word before it (`Belov Е.` is Latin, `Ф. Р-1` Cyrillic), or of the whole text."""
    dominant = dominant_script(text)
    previous = None
    out, last = [], 0
    for match in _WORD.finditer(text):
        word = match.group()
        scripts = [_script(c) for c in word]
        latin, cyrillic = scripts.count("latin"), scripts.count("cyrillic")
        if len(word) == 1 and word in _CYRILLIC + _LATIN:
            latin, cyrillic = (1, 0) if (previous or dominant) == "latin" else (0, 1)
        if latin and cyrillic and latin == cyrillic:
            unified = word
        elif latin > cyrillic:
            unified = word.translate(_TO_LATIN)
        else:
            unified = word.translate(_TO_CYRILLIC) if latin else word
        out.append(text[last : match.start()])
        out.append(unified)
        last = match.end()
        # A letter that has no twin in the other script (Ф, Д, F, D) tells the script too.
        if len(word) > 1 or word not in _CYRILLIC + _LATIN or not previous:
            previous = "latin" if latin > cyrillic else "cyrillic" if cyrillic else previous
    out.append(text[last:])
    return "".join(out)


def clean_text(text):
    """NFC, one space for any run of white space (the seed has no-break spaces)."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(" " if unicodedata.category(c) in {"Cc", "Cf", "Zs"} else c for c in text)
    return " ".join(text.split())


def dash(text):
    return re.sub(r"\s*[-–—]\s*", "-", text)


_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ө": "o", "ү": "u", "і": "i", "ї": "i", "є": "e", "ў": "u",
}  # fmt: skip


def make_slug(text, max_length=100):
    """A Latin slug for keys and links: Cyrillic transliterated (a simple table, for keys
    only; the record keeps the original spelling)."""
    text = "".join(_TRANSLIT.get(c, _TRANSLIT.get(c.lower(), c)) for c in text.casefold())
    return slugify(text)[:max_length].strip("-")


# --- the archive registry -------------------------------------------------------------


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
                parts.append(r"[\s.,-]*".join(words))
            return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", flags)

        # An archive printed as "Archives" where the registry says "Archive" still matches.
        self._abbreviation_re = pattern(abbreviations, 0)
        self._name_re = pattern(full_names, re.IGNORECASE)

    @classmethod
    def from_db(cls):
        from .models import Archive, ArchiveName

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


# --- the parsed reference -------------------------------------------------------------

PARTS = ("archive", "fond", "inventory", "folder", "file", "folios")


@dataclass
class ParsedReference:
    citation: str
    number: int | None = None
    line: int | None = None
    is_reference: bool = True
    message: str = ""
    is_archival: bool = False
    kind: str = ""
    archive: str | None = None
    archive_as_printed: str | None = None
    archive_known: bool = False
    fond: str | None = None
    inventory: str | None = None
    folder: str | None = None
    file: str | None = None
    folios: str | None = None
    reference_code: str | None = None
    locations: list = field(default_factory=list)
    title: str | None = None
    authors: list = field(default_factory=list)
    editors: list = field(default_factory=list)
    year: int | None = None
    language: str | None = None
    periodical: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    series: str | None = None
    container: str | None = None
    publisher: str | None = None
    place: str | None = None
    doi: str | None = None
    url: str | None = None
    unsure: list = field(default_factory=list)
    ibid: bool = False

    def as_dict(self):
        return asdict(self)

    def doubt(self, field_name, reason):
        entry = {"field": field_name, "reason": reason}
        if entry not in self.unsure:
            self.unsure.append(entry)

    @property
    def unsure_fields(self):
        return {entry["field"] for entry in self.unsure}


# --- language markers -----------------------------------------------------------------

_LANGUAGE_WORDS = {
    "russian": "ru", "mongolian": "mn", "english": "en", "german": "de", "french": "fr",
    "japanese": "ja", "chinese": "zh", "ukrainian": "uk", "kazakh": "kk", "belarusian": "be",
    "polish": "pl", "рус": "ru", "монг": "mn", "англ": "en", "нем": "de", "фр": "fr",
    "франц": "fr", "япон": "ja", "кит": "zh", "укр": "uk",
}  # fmt: skip
_LANGUAGE_MARK = re.compile(
    r"[\[(]\s*(?:in\s+(?P<en>[A-Za-z]+)|на\s+(?P<ru>[а-яё]+)\.?\s*(?:яз\.?|языке)?)\s*[\])]\.?",
    re.IGNORECASE,
)
_MONGOLIAN_LETTERS = set("ӨөҮү")


def _find_language(text, parsed):
    match = _LANGUAGE_MARK.search(text)
    if match:
        word = (match.group("en") or match.group("ru")).casefold()
        code = _LANGUAGE_WORDS.get(word)
        if code is None:
            parsed.doubt("language", f"the mark {match.group()!r} names no language known here")
        parsed.language = code
        return (text[: match.start()] + text[match.end() :]).strip()
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if _script(c) == "cyrillic")
    if letters and cyrillic > len(letters) / 2:
        if _MONGOLIAN_LETTERS & set(text):
            parsed.language = "mn"
            parsed.doubt("language", "no language mark; read from Mongolian letters ө, ү")
        else:
            parsed.language = "ru"
            parsed.doubt("language", "no language mark; read from the Cyrillic script")
    return text


# --- archival coordinates -------------------------------------------------------------

_LETTER = r"A-Za-zА-Яа-яЁё"
_PLAIN_NUMBER = rf"(?:[{_LETTER}]{{1,3}}-)?\d+(?:[{_LETTER}](?![{_LETTER}]))?"
_NUMBER = rf"{_PLAIN_NUMBER}(?:/\d+)?"
_VERSO = r"(?:об\.?|ob\.?|v\.?|verso)(?![\w])"
_ONE_FOLIO = rf"\d+(?:\s*{_VERSO})?"
_FOLIO_RANGE = rf"{_ONE_FOLIO}(?:\s*[-–—]\s*{_ONE_FOLIO})?"
_FOLIOS = rf"{_FOLIO_RANGE}(?:\s*,\s*{_FOLIO_RANGE}(?!\s*[{_LETTER}]))*"

# Labels in the order a chain runs; `garbled_*` are misprints seen in translated lists.
# Mongolian archives write ф. (фонд), д. (данс: the inventory), х/н (хадгаламжийн
# нэгж: the file) and х. (хуудас: the folio); `х/н` tells such a chain apart.
_LABELS = [
    ("mongolian_file", r"(?:[Хх]/[Нн]|[Hh]/[Nn])\.?"),
    ("file", r"(?:[Ее]д\.\s*хр\.|[Ee]d\.\s*khr\.|[Ee]d\.\s*kh\.)"),
    ("folios", r"(?:Лл|лл|Ll|ll|Fols?|fols?|ff)\.|(?:[Ll]isty?|[Лл]ист[ыа]?)(?!\w)"),
    ("inventory", r"(?:Оп|оп|Op|op|ОП)\.|(?:[Oo]pis['’ʹ]?|[Оо]пись)(?!\w)"),
    ("garbled_folios", r"(?:Pp|pp|PP)\."),
    ("fond", r"(?:Ф|ф|F|f)\.|(?:[Ff]ond|[Фф]онд)(?!\w)"),
    ("folder", r"(?:П|п|P|p)\.|(?:[Pp]apka|[Пп]апка)(?!\w)"),
    ("file", r"(?:Д|д|D|d)\.|(?:[Dd]elo|[Дд]ело|[Ff]ile)(?!\w)"),
    ("folios", r"(?:Л|л|L|l)\.|(?:[Ll]ist|[Лл]ист)(?!\w)"),
    ("garbled_file", r"E\."),
    ("mongolian_folios", r"[Хх]\."),
]
_LABEL_RES = [(level, re.compile(rf"(?<![\w.]){label}")) for level, label in _LABELS]
_NUMBER_RE = re.compile(rf"\s*({_NUMBER})(?![\w])")
_FOLIOS_RE = re.compile(rf"\s*({_FOLIOS})")
_SEPARATOR = re.compile(r"[\s.,:]*")
_FOND_START = re.compile(rf"(?<![\w.])(?:(?:Ф|ф|F|f)\.|(?:[Ff]ond|[Фф]онд)(?!\w))\s*{_NUMBER}")
_REFERENCE_CODE = re.compile(r"(?<!\w)Ref(?:erence)?\.?\s*(?:[Cc]ode)?[.:]?\s*([A-Z]\d{11})(?!\w)")
_SLASHED = re.compile(
    rf"[,.]?\s*({_PLAIN_NUMBER})/({_PLAIN_NUMBER})/({_PLAIN_NUMBER})(?![\w/])"
    rf"(?:\s*,\s*(?:ll?|лл?|[Ff]ols?|ff)\.\s*({_FOLIOS}))?"
)
_LEVEL = {"fond": 0, "inventory": 1, "folder": 2, "file": 3, "folios": 4}


def normalise_folios(text):
    """`1–15 об.`, `1-15v.`, `5ob.-6` → `1-15 об.`, `5 об.-6`: hyphens, Russian verso mark."""
    text = dash(text.strip())
    text = re.sub(rf"\s*{_VERSO}", " об.", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    return text.strip()


def _read_label(text, pos):
    for level, regex in _LABEL_RES:
        match = regex.match(text, pos)
        if match:
            value_re = (
                _FOLIOS_RE
                if level in ("folios", "garbled_folios", "mongolian_folios")
                else _NUMBER_RE
            )
            value = value_re.match(text, match.end())
            if value:
                return level, value.group(1), value.end(), match.group()
    return None


def _read_chain(text, start, parsed, seed=None):
    """Read fond › inventory › [folder] › file › folios from `start`.

    Returns (locations, end). Several files in one chain (`D. 5. L. 3; D. 6. L. 1`) give
    several locations; a later fond or inventory starts a new branch of the same archive.
    `seed` is the location an `Ibid.` continues from (`Там же. Л. 15`).
    """
    locations, current, pos, last = [], dict(seed or {}), start, "file" if seed else None
    doubts, mongolian, fresh = [], False, bool(seed)

    def push():
        if current.get("fond") and not fresh:
            locations.append({key: current.get(key) for key in _LEVEL})

    while True:
        sep = _SEPARATOR.match(text, pos)
        here = sep.end()
        if text.startswith(";", here):
            here += 1
            here = _SEPARATOR.match(text, here).end()
        token = _read_label(text, here)
        if token:
            level, value, end, label = token
            if level == "folder" and current.get("file"):
                # `P.` after the file: a folio label misprinted, unless another file follows.
                following = _read_label(text, _SEPARATOR.match(text, end).end())
                if not (following and following[0] == "file"):
                    level = "garbled_folios"
            if level == "mongolian_file":
                if last == "file" and not current.get("inventory"):
                    # The `д.` just read was the данс, the inventory.
                    current["inventory"] = current.pop("file")
                elif last not in ("inventory", "folder"):
                    break
                level, mongolian = "file", True
            if level == "mongolian_folios":
                if not (mongolian and last == "file"):
                    break
                level = "folios"
            if level == "garbled_file":
                if last not in ("inventory", "folder"):
                    break
                doubts.append(("file", f"read the label {label!r} as the file label (Д./d.)"))
                level = "file"
            if level == "garbled_folios":
                if last != "file":
                    break
                doubts.append(("folios", f"read the label {label!r} as the folio label (Л./l.)"))
                level = "folios"
        else:
            if last is None:
                break
            # A number with no label: the next level down, if there is one to fill.
            if last == "fond":
                level, value_re, what = "inventory", _NUMBER_RE, "inventory"
            elif last in ("inventory", "folder"):
                level, value_re, what = "file", _NUMBER_RE, "file"
            elif last == "file":
                level, value_re, what = "folios", _FOLIOS_RE, "folio"
            else:
                break
            value = value_re.match(text, here)
            if not value or value.start(1) != here:
                break
            end, value = value.end(), value.group(1)
            if level != "folios" and _read_label(text, _SEPARATOR.match(text, end).end()) is None:
                # A bare number is a missing label only inside a chain that goes on.
                if level == "inventory" or level == "file":
                    following = text[end : end + 3].strip(" .,")
                    if following and not following[0].isdigit():
                        break
            doubts.append((level, f"the {what} number {value!r} is printed without its label"))
        if level == "fond":
            if current.get("fond") and not (current.get("inventory") or current.get("file")):
                break  # `F. 1. F. 2.`: not a chain; stop rather than read on
            if current.get("file") or current.get("fond"):
                push()
            current = {"fond": value}
        elif level == "inventory":
            if current.get("file"):
                push()
            current = {"fond": current.get("fond"), "inventory": value}
        elif level == "folder":
            if current.get("file"):
                push()
            current = {
                "fond": current.get("fond"),
                "inventory": current.get("inventory"),
                "folder": value,
            }
        elif level == "file":
            if current.get("file"):
                push()
                current = {k: current.get(k) for k in ("fond", "inventory", "folder")}
            current["file"] = value
        elif level == "folios":
            folios = normalise_folios(value)
            if current.get("folios") and not fresh:
                current["folios"] = f"{current['folios']}, {folios}"
            else:
                current["folios"] = folios
        last, pos, fresh = level, end, False
    fresh = False  # an `Ibid.` with nothing after it is the seed's location itself
    push()
    if not locations or not any(loc.get("inventory") or loc.get("file") for loc in locations):
        return [], start
    for field_name, reason in doubts:
        parsed.doubt(field_name, reason)
    return locations, pos


def _unknown_archive(segment):
    """The abbreviation as printed just before the fond, when the registry does not know it."""
    segment = segment.rstrip(" .,;:/")
    candidate = re.split(r"[.;,”\"»)]\s+|//|\s[—–-]\s", segment)[-1].strip(' .,;:/“"«(')
    if 2 <= len(candidate) <= 40 and len(re.findall(r"[A-ZА-ЯЁ]", candidate)) >= 2:
        words = candidate.split()
        if len(words) <= 4 and all(w[:1].isupper() or w.isdigit() for w in words):
            return candidate
    return None


def _parse_archival(text, registry, parsed):
    """Find the archival chains in text. Returns the start of the first archive name or
    chain (where the description of the document ends), or None if there is none."""
    hits = registry.find_all(text)
    pos, head_end, archive, archive_printed, known = 0, None, None, None, False
    while True:
        start = _FOND_START.search(text, pos)
        if not start:
            break
        locations, end = _read_chain(text, start.start(), parsed)
        if not locations:
            pos = start.end()
            continue
        segment_hits = [hit for hit in hits if pos <= hit[0] and hit[1] <= start.start()]
        begins = start.start()
        if segment_hits:
            hit = max(segment_hits, key=lambda h: h[1])
            archive, archive_printed, known = hit[2], hit[3], True
            begins = hit[0]
        else:
            printed = _unknown_archive(text[pos : start.start()])
            if printed:
                archive, archive_printed, known = make_slug(printed, max_length=50), printed, False
                begins = text.rfind(printed, pos, start.start())
            elif archive is None:
                parsed.doubt("archive", "no archive is named before the fond")
        if head_end is None:
            head_end = begins
        for location in locations:
            location["archive"] = archive
            location["archive_as_printed"] = archive_printed
            location["archive_known"] = known
            parsed.locations.append(location)
        if archive and not known:
            parsed.doubt("archive", f"{archive_printed!r} is not in the archive registry")
        pos = end
    if not parsed.locations:
        for hit in hits:
            # The Western short form: `RGASPI 17/162/20, l. 162` (fond/inventory/file).
            match = _SLASHED.match(text, hit[1])
            if match:
                fond, inventory, file, folios = match.groups()
                parsed.locations.append(
                    {
                        "archive": hit[2], "archive_as_printed": hit[3], "archive_known": True,
                        "fond": fond, "inventory": inventory, "folder": None, "file": file,
                        "folios": normalise_folios(folios) if folios else None,
                    }
                )  # fmt: skip
                head_end = hit[0] if head_end is None else head_end
    if not parsed.locations:
        # Archives that cite by an item code, not by fond (JACAR: `Ref. C13010195000`).
        code = _REFERENCE_CODE.search(text)
        if code and hits:
            hit = max((h for h in hits if h[1] <= code.start()), key=lambda h: h[1], default=None)
            if hit:
                parsed.is_archival = True
                parsed.kind = "archival_document"
                parsed.archive, parsed.archive_as_printed, parsed.archive_known = (
                    hit[2],
                    hit[3],
                    True,
                )
                parsed.reference_code = code.group(1)
                parsed.title = text[code.end() :].strip(" .,;:") or None
                parsed.doubt("file", "cited by the archive's reference code, not by fond and file")
                return hit[0]
        return None
    parsed.is_archival = True
    parsed.kind = "archival_document"
    first = parsed.locations[0]
    parsed.archive = first["archive"]
    parsed.archive_as_printed = first["archive_as_printed"]
    parsed.archive_known = first["archive_known"]
    for key in ("fond", "inventory", "folder", "file", "folios"):
        setattr(parsed, key, first.get(key))
    for location in parsed.locations:
        if location.get("folder") and not registry.uses_folders(location["archive"]):
            parsed.doubt("folder", "the archive is not known to use folders")
        if not location.get("inventory"):
            parsed.doubt("inventory", "no inventory is given")
        if not location.get("file"):
            parsed.doubt("file", "no file is given")
    return head_end


# --- published works ------------------------------------------------------------------

# Imported here, below the helpers that module takes from this one (clean_text, dash...).
from catalogue.references.published import (  # noqa: E402
    _PAGES,
    _YEAR,
    _guess_kind,  # noqa: F401 (parse_reference may ask for the kind alone)
    _is_person,
    _parse_published,
    _split_people,
    _take_quoted,
)

# --- one reference, and a list --------------------------------------------------------

_IBID = re.compile(r"^(?:ibid(?:em)?|там\s+же)(?![\w])\.?,?\s*", re.IGNORECASE)
_COPIED_BY_IBID = (
    "is_archival", "kind", "archive", "archive_as_printed", "archive_known", "fond",
    "inventory", "folder", "file", "folios", "reference_code", "title", "authors", "editors",
    "year", "language", "periodical", "volume", "issue", "pages", "series", "container",
    "publisher", "place",
)  # fmt: skip


def _fill_ibid(parsed, previous):
    """`Ibid. L. 15` / `Там же. С. 45`: the reference above, at other folios or pages."""
    fragment = _IBID.sub("", unify_homoglyphs(parsed.citation), count=1)
    for name in _COPIED_BY_IBID:
        value = getattr(previous, name)
        setattr(parsed, name, list(value) if isinstance(value, list) else value)
    parsed.locations = [dict(location) for location in previous.locations[-1:]]
    if previous.is_archival and previous.locations:
        seed = previous.locations[-1]
        locations, _ = _read_chain(fragment, 0, parsed, seed=seed)
        if locations:
            for location in locations:
                for key in ("archive", "archive_as_printed", "archive_known"):
                    location[key] = seed.get(key)
            parsed.locations = locations
        for key in ("fond", "inventory", "folder", "file", "folios"):
            setattr(parsed, key, parsed.locations[0].get(key))
    elif match := _PAGES.search(fragment):
        parsed.pages = dash(match.group(1))


# The longest real references run to a few hundred characters; past this the text is
# something else, and reading it would only cost time.
MAX_REFERENCE_CHARS = 3000
_LEADING_NUMBER = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+(?=\S)")


def parse_reference(text, registry, number=None, line=None):
    """Read ONE reference (with or without its number) into a ParsedReference."""
    citation = clean_text(text)
    match = _LEADING_NUMBER.match(citation)
    if match:
        number = number if number is not None else int(match.group(1) or match.group(2))
        citation = citation[match.end() :]
    parsed = ParsedReference(citation=citation, number=number, line=line)
    registry = registry if registry is not None else ArchiveRegistry([], [])
    if _IBID.match(citation):
        # Filled in from the reference above by parse_text (alone, there is nothing to copy).
        parsed.ibid = True
        parsed.doubt("title", "ibid.: the same source as the reference above")
        return parsed
    if len(citation) > MAX_REFERENCE_CHARS:
        parsed.is_reference = False
        parsed.message = (
            f"{len(citation):,} characters is too long for one reference "
            f"(the limit is {MAX_REFERENCE_CHARS:,}): are several run together?"
        )
        return parsed
    if not looks_like_reference(citation):
        parsed.is_reference = False
        parsed.message = "no reference found in this line"
        return parsed
    body = unify_homoglyphs(citation)
    body = _find_language(body, parsed)
    head_end = _parse_archival(body, registry, parsed)
    if head_end is not None and parsed.reference_code:
        if not parsed.title:
            parsed.doubt("title", "no description of the document is printed")
    elif head_end is not None:
        head = body[:head_end].strip(" .,;:/(")
        quoted = _take_quoted(head, parsed)
        if quoted:
            before, title, _after = quoted
            people = _split_people(before)
            if people and all(_is_person(p) for p in people):
                parsed.authors = people
            elif before.strip(" .,"):
                parsed.doubt("title", f"{before.strip()!r} before the quoted title is not read")
            parsed.title = title.strip(" .,")
            if year := re.search(rf"(?<![\d-])({_YEAR})\.?\s*$", before.strip()):
                parsed.year = int(year.group(1))
        else:
            parsed.title = head or None
        if not parsed.title:
            parsed.doubt("title", "no description of the document is printed")
    else:
        _parse_published(body, parsed)
    return parsed


_HEADINGS = re.compile(
    r"^(?:references|bibliography|sources|literature|notes|список литературы|литература|"
    r"источники|библиография|примечания|список источников и литературы)[:.]?$",
    re.IGNORECASE,
)


def looks_like_reference(text):
    """A reference has some words and something to cite by: a year, a fond, a quoted title."""
    text = text.strip()
    if len(text) < 8 or _HEADINGS.match(text):
        return False
    if _FOND_START.search(text) or re.search(r"[A-ZА-ЯЁ]{2,}\s+\d+/\d+/\d+", text):
        return True
    letters = sum(c.isalpha() for c in text)
    if letters < 5 or letters < len(text) * 0.4:
        return False
    return bool(
        re.search(rf"(?<!\d){_YEAR}(?!\d)", text)
        or _FOND_START.search(text)
        or re.search(r"[“«\"]", text)
        or re.search(r"\b(?:[Vv]ol|Т|pp|С)\.\s*\d", text)
        or (len(text.split()) >= 4 and "." in text)
    )


def split_references(text):
    """Split a reference list into (number, text, line) entries.

    A numbered list (`1. ...`, `[1] ...`, `1) ...`) keeps its numbers; an unnumbered line
    inside it continues the entry above (a wrapped line). Otherwise each non-empty line is
    an entry, numbered from 1.
    """
    lines = text.splitlines()
    numbered = [i for i, line in enumerate(lines) if _LEADING_NUMBER.match(line)]
    entries = []
    if len(numbered) >= 2 or (numbered and len([s for s in lines if s.strip()]) == 1):
        first = numbered[0]
        for index, raw in enumerate(lines):
            line = raw.strip()
            if not line:
                continue
            match = _LEADING_NUMBER.match(raw)
            if match:
                entries.append([int(match.group(1) or match.group(2)), raw, index + 1])
            elif index > first and entries and looks_like_continuation(line):
                entries[-1][1] += " " + line
            else:
                entries.append([None, raw, index + 1])
    else:
        count = 0
        for index, raw in enumerate(lines):
            if raw.strip():
                count += 1
                entries.append([count, raw, index + 1])
    return [tuple(entry) for entry in entries]


def looks_like_continuation(line):
    return not _HEADINGS.match(line) and len(line) < 400


def parse_text(text, registry):
    """Read every entry of a reference list, in order, with its number and line."""
    results = []
    for number, raw, line in split_references(text):
        if number is None:
            parsed = ParsedReference(
                citation=clean_text(raw),
                line=line,
                is_reference=False,
                message="an unnumbered line outside the numbered reference list"
                if looks_like_reference(clean_text(raw))
                else "no reference found in this line",
            )
        else:
            parsed = parse_reference(raw, registry, number=number, line=line)
            if parsed.ibid:
                previous = next((p for p in reversed(results) if p.is_reference), None)
                if previous is None:
                    parsed.doubt("title", "ibid. with no reference above it")
                else:
                    _fill_ibid(parsed, previous)
        results.append(parsed)
    # An English list marks the languages of non-English works ([In Russian]); an entry
    # with no mark in a list that marks others is taken to be in English.
    marked = [
        p for p in results if p.is_reference and p.language and not p.unsure_fields & {"language"}
    ]
    if marked:
        for parsed in results:
            if (
                parsed.is_reference
                and parsed.language is None
                and dominant_script(parsed.citation) == "latin"
            ):
                parsed.language = "en"
                parsed.doubt(
                    "language", "no language mark in a list that marks others: read as English"
                )
    return results

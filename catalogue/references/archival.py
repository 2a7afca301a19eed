"""Reading an archival reference: an archive's name, then its coordinates.

A chain of coordinates is read token by token, not by one regular expression a format:
a label (`Ф.`, `f.`, `fond (f.)`, `Оп.`, `opis'`, `D.`, `delo`, `ed. khr.`, `Л.`, `ll.`,
`listy`, `box`, `folder`...) and its number, in any case and spacing, with the things
people print between them skipped (descriptions in parentheses, `1806 g.`, `ч. 2`,
`razd. III`, OCR noise from a neighbouring column). Where no labels are printed, the
numbers after an archive's name are read by their separators (`shelfmarks.py`, with
British shelfmarks and Western collections).

Every pattern here is linear in its input: bounded repeats, no nested quantifiers that
can backtrack. Whatever is repaired or inferred is flagged on the reference (`doubt`).
"""

import re

from .text import dash

_L = "A-Za-zА-Яа-яЁёІіЇїЄєҐґ"
# A fond, inventory or file number: 17, 06, 1а, 112а, Р-9401, R-130, 3-os, 7523c, 5–57-В.
_ID = rf"(?:[{_L}]{{1,3}}-)?\d+(?:[-–]\d+)*(?:-?[{_L}]{{1,2}})?(?![{_L}\d])"
_VERSO = rf"(?:об(?:орот)?|ob|oб|v|verso)(?![{_L}])\.?"
_FOLIO = rf"\d+(?:\s?{_VERSO}|[a-zа-я](?![{_L}]))?"
# `â` is an en dash read in the wrong encoding (`1â50`), kept as printed.
_FOLIO_RANGE = rf"{_FOLIO}(?:\s?[-–—−â]\s?{_FOLIO})?"
_FOLIOS = rf"{_FOLIO_RANGE}(?:(?:\s?,\s?|\s(?:and|и|&)\s){_FOLIO_RANGE}(?![{_L}\d/]))*"

_ID_RE = re.compile(rf"\s?({_ID})")
_FOLIOS_RE = re.compile(rf"\s?({_FOLIOS})")
_ID_LIST_RE = re.compile(rf"(?:,\s?{_ID}){{1,6}}")
_SEPARATOR = re.compile(r"[\s.,:]{0,12}")
_PAREN = re.compile(r"\(([^()]{0,300})\)")
_AFTER_LABEL = re.compile(r"\s?(?:\([^()]{1,12}\)\s?)?[-:№]?")

_LABELS = (
    ("archival_number", r"(?:арх|apx|arkh)\.\s?(?:№|n°|no\.?)"),
    ("mongolian_file", r"[хh]/[нn]\.?|hn(?=-\d)"),
    ("file", r"ед\.\s?хр\.|ed\.\s?khr?\.|a\.\s?e\.|а\.\s?е\.|arkhivna\s+edinitsa|спр\.|spr\."),
    # RGANI's fond 89 and the Presidential Archive: perechen' (list) and dokument.
    ("inventory", rf"(?:perechen['’ʹ]?|перечень)(?![{_L}])|пер\.|per\."),
    ("file", rf"(?:dokument|документ|sprava|справа)(?![{_L}])|док\.|dok\."),
    ("folios", rf"лл\.|ll\.|fols?\.|ff\.|арк\.|ark\.|(?:листы|листа|лист|listy|list)(?![{_L}])"),
    ("inventory", rf"оп\.|op\.|on\.|он\.|(?:opis['’ʹ]?|опись|описи)(?![{_L}])"),
    ("section", rf"razd\.|разд\.|ч\.|т\.|(?:chast['’ʹ]?|часть|tom|vol)(?![{_L}])\.?"),
    ("fond", rf"ф\.|f\.|(?:fond|фонд)(?![{_L}])|[fф](?=-\d)"),
    ("folder", rf"п\.|p\.|(?:papka|папка|box)(?![{_L}])"),
    ("file", rf"дд\.|dd\.|д\.|d\.|(?:delo|dela|дело|дела|folder)(?![{_L}])|[dд](?=[\s-]\d)"),
    ("folios", r"л\.|l\.|pp\.|[lл](?=\s\d)"),
    ("garbled_file", r"e\."),
    ("mongolian_folios", r"х\."),
    ("ocr_folios", r"11\.|1\.(?=\s\d)"),
)
_LABEL_RE = re.compile(
    r"(?<![\w.])\(?(?:" + "|".join(f"(?P<{level}{i}>{pattern})" for i, (level, pattern) in
                              enumerate(_LABELS)) + r")\)?",
    re.IGNORECASE,
)  # fmt: skip
_PLURAL = re.compile(r"^(?:дд|dd|dela|дела)", re.IGNORECASE)
_FOND_START = re.compile(
    rf"(?<![\w.])(?:[Фф]\.|[Ff]\.|(?:[Ff]ond|FOND|[Фф]онд)(?![{_L}])|[FfФф](?=-\d))"
)
_YEAR_IN_CHAIN = re.compile(r"\s?(1[5-9]\d\d|20\d\d)\s?(?:g\.|г\.|\.)")
_NEXT = {
    "fond": ("inventory",),
    "inventory": ("folder", "file"),
    "folder": ("file",),
    "file": ("folios",),
    "folios": (),
}
_LEVEL = {"fond": 0, "inventory": 1, "folder": 2, "file": 3, "folios": 4}
_KEYS = ("fond", "inventory", "folder", "file", "folios")
_LABEL_LEVEL = {f"{level}{i}": level for i, (level, _pattern) in enumerate(_LABELS)}


def normalise_folios(text):
    """`1–15 об.`, `1-15v.`, `5ob.-6` → `1-15 об.`, `5 об.-6`: hyphens, Russian verso mark."""
    text = dash(text.strip())
    text = re.sub(rf"\s?{_VERSO}", " об.", text)
    text = re.sub(r"\s?,\s?", ", ", text)
    return text.strip()


def read_label(text, pos):
    """(level, label as printed, end) of a label at pos, or None."""
    match = _LABEL_RE.match(text, pos)
    if not match:
        return None
    return _LABEL_LEVEL[match.lastgroup], match.group(match.lastgroup), match.end()


def _value(text, pos, level):
    regex = _FOLIOS_RE if level == "folios" else _ID_RE
    return regex.match(text, _AFTER_LABEL.match(text, pos).end())


class _Chain:
    """The state of one chain being read: the current location and what was read."""

    def __init__(self, seed=None):
        self.locations, self.doubts = [], []
        self.current = dict(seed or {})
        self.last = "file" if seed else None
        self.fresh = bool(seed)

    def push(self):
        if any(self.current.values()) and not self.fresh:
            self.locations.append({key: self.current.get(key) for key in _KEYS})

    def put(self, level, value):
        current = self.current
        if level == "fond":
            if current.get("fond") or current.get("file"):
                self.push()
            self.current = {"fond": value}
        elif level == "inventory":
            if current.get("file"):
                self.push()
            self.current = {"fond": current.get("fond"), "inventory": value}
        elif level == "folder":
            if current.get("file"):
                self.push()
            self.current = {k: current.get(k) for k in ("fond", "inventory")}
            self.current["folder"] = value
        elif level == "file":
            if current.get("file"):
                self.push()
                self.current = {k: current.get(k) for k in ("fond", "inventory", "folder")}
            self.current["file"] = value
        elif level == "folios":
            folios = normalise_folios(value)
            if current.get("folios") and not self.fresh:
                current["folios"] = f"{current['folios']}, {folios}"
            else:
                current["folios"] = folios
        self.last, self.fresh = level, False


def _resolve(level, label, chain, text, end):
    """The level a label stands for here (a misprint read in context), or None to stop."""
    last = chain.last
    if level == "folder" and chain.current.get("file"):
        # `P.`/`p.` after the file: a page (folio) label, unless another file follows.
        following = read_label(text, _SEPARATOR.match(text, end).end())
        if not (following and following[0] == "file"):
            if not label.lower().startswith("p"):
                return None
            return "folios"
    if level == "mongolian_file":
        if last == "file" and not chain.current.get("inventory"):
            chain.current["inventory"] = chain.current.pop("file")  # the `д.` was the данс
        elif last not in ("inventory", "folder"):
            return None
        chain.mongolian = True
        return "file"
    if level == "mongolian_folios":
        return "folios" if getattr(chain, "mongolian", False) and last == "file" else None
    if level == "garbled_file":
        if last not in ("inventory", "folder"):
            return None
        chain.doubts.append(("file", f"read the label {label!r} as the file label (Д./d.)"))
        return "file"
    if level == "ocr_folios":
        if last != "file":
            return None
        chain.doubts.append(("folios", f"read {label!r} as the folio label ll. (a misread scan)"))
        return "folios"
    if level == "folios" and label.lower() in ("pp.",) and last == "file":
        chain.doubts.append(("folios", f"read the label {label!r} as the folio label (Л./l.)"))
    if level == "inventory" and label.lower() in ("on.", "он."):
        if last != "fond":
            return None
        chain.doubts.append(("inventory", f"read {label!r} as Оп. (a misread scan)"))
    return level


def _skip_gap(text, pos, chain):
    """Skip what a chain prints between its numbers: a description in parentheses, a year
    (`1806 g.`), a part (`ч. 2`), or a few words of a neighbouring column in a bad scan,
    when a label that goes on with the chain follows. Returns the new position or None."""
    if paren := _PAREN.match(text, pos):
        return paren.end()
    if year := _YEAR_IN_CHAIN.match(text, pos):
        after = _SEPARATOR.match(text, year.end()).end()
        if read_label(text, after):
            chain.doubts.append(("file", f"the year {year.group(1)} in the chain is not a number"))
            return after
    window = text[pos : pos + 120]
    if ";" in window:
        window = window[: window.index(";")]
    for match in re.finditer(r"(?<![\w.])\(?[^\W\d_]", window):
        token = read_label(text, pos + match.start())
        if not token or token[0] in ("section", "archival_number"):
            continue
        level = token[0].replace("ocr_", "").replace("garbled_", "").replace("mongolian_", "")
        if level not in _LEVEL or chain.last not in _LEVEL or level == "fond":
            return None
        if _LEVEL[level] <= _LEVEL[chain.last]:
            return None
        if match.start() <= 16 or level in _NEXT[chain.last]:
            if match.start() > 0:
                gap = window[: match.start()].strip(" .,")
                chain.doubts.append((level, f"{gap[:40]!r} between the numbers is not read"))
            return pos + match.start()
        return None
    return None


def read_chain(text, start, parsed, seed=None):
    """Read fond › inventory › [folder] › file › folios from `start`.

    Returns (locations, end). Several files in one chain (`D. 5. L. 3; D. 6. L. 1`) give
    several locations; a later fond or inventory starts a new branch of the same archive.
    `seed` is the location an `Ibid.` continues from (`Там же. Л. 15`).
    """
    chain, pos = _Chain(seed), start
    while True:
        here = _SEPARATOR.match(text, pos).end()
        if text.startswith(";", here) and chain.last:
            here = _SEPARATOR.match(text, here + 1).end()
        token = read_label(text, here)
        if token and token[0] == "section":
            value = re.compile(r"\s?(?:[IVXLC]{1,6}|\d{1,4})(?![\w])").match(text, token[2])
            if value and chain.last:
                chain.doubts.append(("inventory", f"{text[here : value.end()]!r} has no slot"))
                pos = value.end()
                continue
            break
        if token and token[0] == "archival_number":
            value = _ID_RE.match(text, _AFTER_LABEL.match(text, token[2]).end())
            if not value:
                break
            chain.doubts.append(("file", f"the archival number {value.group(1)!r} is not kept"))
            chain.last = chain.last or "inventory"
            pos = value.end()
            continue
        if token:
            level, label, end = token
            level = _resolve(level, label, chain, text, end)
            if level is None:
                break
            if level == "fond" and chain.current.get("fond") and chain.last == "fond":
                break  # `F. 1. F. 2.`: not a chain; stop rather than read on
            value = _value(text, end, level)
            if not value:
                gap = _skip_gap(text, end, chain) if chain.last else None
                if gap is None:
                    break
                pos = gap
                continue
            value_text, end = value.group(1), value.end()
            if level in ("file", "inventory") and (
                more := _ID_LIST_RE.match(text, end)
            ):  # `Dd. 3, 5`, `Оп. 113, 114`: several at one level
                after = _SEPARATOR.match(text, more.end()).end()
                if _PLURAL.match(label) or (level == "inventory" and not read_label(text, after)):
                    value_text, end = value_text + more.group(), more.end()
        else:
            if chain.last is None:
                break
            if text[here : here + 1].isdigit():
                year = _YEAR_IN_CHAIN.match(text, here)
                after = year and _SEPARATOR.match(text, year.end()).end()
                if year and read_label(text, after):
                    chain.doubts.append(("file", f"the year {year.group(1)} is not a number"))
                    pos = after
                    continue
            elif (gap := _skip_gap(text, here, chain)) is not None and gap != here:
                pos = gap
                continue
            # A number with no label: the next level down, if there is one to fill.
            level = {"fond": "inventory", "inventory": "file", "folder": "file"}.get(
                chain.last, "folios" if chain.last == "file" else None
            )
            if level is None:
                break
            value = (_FOLIOS_RE if level == "folios" else _ID_RE).match(text, here)
            if not value or value.start(1) != here:
                break
            end, value_text = value.end(), value.group(1)
            following = text[end : end + 3].strip(" .,")
            if level != "folios" and read_label(text, _SEPARATOR.match(text, end).end()) is None:
                # A bare number is a missing label only inside a chain that goes on.
                if following and not following[0].isdigit():
                    break
            chain.doubts.append((level, f"the number {value_text!r} is printed without its label"))
        chain.put(level, value_text)
        pos = end
    chain.fresh = False  # an `Ibid.` with nothing after it is the seed's location itself
    chain.push()
    if not chain.locations or (
        seed is None and not any(loc.get("inventory") or loc.get("file") for loc in chain.locations)
    ):
        return [], start
    for field_name, reason in chain.doubts:
        parsed.doubt(field_name, reason)
    return chain.locations, pos


def unknown_archive(segment):
    """The abbreviation as printed just before the numbers, when the registry does not know it."""
    segment = segment.rstrip(" .,;:/")
    candidate = re.split(r"[.;,”\"»)(:]\s|//|\s[—–-]\s", segment)[-1].strip(' .,;:/“"«()')
    words = candidate.split()
    while words and not (words[0][:1].isupper() or words[0].isdigit()):
        words.pop(0)  # `henceforth TsDA-TsPA`: the name is the capitalised words at the end
    candidate = " ".join(words)
    if 2 <= len(candidate) <= 40 and len(re.findall(r"[A-ZА-ЯЁ]", candidate)) >= 2:
        if len(words) <= 4 and all(w[:1].isupper() or w.isdigit() for w in words):
            return candidate
    return None

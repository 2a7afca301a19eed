"""Archival numbers printed with no labels, and Western shelfmarks.

After an archive's name, numbers with no labels are read by their separators and their
order: `558.11.1549.40`, `9401/1a/185`, `R-130/2/161, 1`, `558, 3, 406`, `302 1/15`.
British shelfmarks (`KV 2/1588`), Western collections (`Papers (HIA), box 1, folder 7`),
a lone abbreviation and shelfmark (`DRA, B202-00-00-06/0617`) and the State Department's
decimal files (`761.93 Outer Mongolia/4`) have their own small grammars. Every pattern
is linear in its input; whatever is inferred is flagged on the reference.
"""

import re

from .archival import _FOLIOS, _KEYS, _L, normalise_folios

# --- numbers with no labels: dots, slashes, commas --------------------------------------

_PART = rf"(?:[{_L}]{{1,3}}-)?\d+(?:-?[{_L}]{{1,2}})?(?![{_L}\d])"
_NUMERIC = re.compile(rf"[,:]?\s?(?P<first>{_PART})(?P<sep>\.(?=\w)|/|,\s?(?=\d)|\s(?=\d+/))")
_NEXT_PART = {
    ".": re.compile(rf"\.({_PART}(?:[-–]\d+)?)(?=[^\w/]|$)"),
    "/": re.compile(rf"/({_PART}(?:[-–]\d+)?)(?!\w)"),
    ",": re.compile(rf",\s?({_PART}(?::\d+)?)(?![\w/.]\w|[-–])"),
    " ": re.compile(rf"\s({_PART})(?=/)"),
}
_LAST_FOLIOS = {
    ".": re.compile(rf"\.({_FOLIOS})"),
    "/": re.compile(rf"/({_FOLIOS})"),
    ",": re.compile(rf",\s?({_FOLIOS})"),
}
_SLASH_TAIL = re.compile(
    rf"(?:\s?\((?:1[5-9]\d\d|20\d\d)\))?,\s?(?:(?:ll?|лл?|ff?)\.\s?)?({_FOLIOS})"
)


def read_numbers(text, pos, parsed):
    """`558.11.1549.40`, `9401/1a/185`, `R-130/2/161, 1`, `558, 3, 406`, `302 1/15` after
    an archive's name: fond, inventory, file and folios by their order. Returns
    (location, end) or (None, pos)."""
    match = _NUMERIC.match(text, pos)
    if not match:
        return None, pos
    sep = match.group("sep").strip()[:1] or " "
    parts, end = [match.group("first")], match.start("sep")
    while len(parts) < 6:
        step = _NEXT_PART[sep].match(text, end)
        last = _LAST_FOLIOS.get(sep) and _LAST_FOLIOS[sep].match(text, end)
        if len(parts) >= 3 and last and (not step or last.end() > step.end()):
            parts.append(last.group(1))
            end = last.end()
            break
        if not step:
            break
        parts.append(step.group(1))
        end = step.end()
        if sep == " ":
            sep = "/"
    if (sep == "," and len(parts) < 3) or len(parts) < 2:
        return None, pos
    location = dict.fromkeys(_KEYS)
    location["fond"], location["inventory"] = parts[0], parts[1]
    if len(parts) >= 3:
        location["file"] = parts[-2] if len(parts) >= 5 else parts[2]
    if len(parts) >= 4:
        location["folios"] = normalise_folios(parts[-1])
    if len(parts) >= 5:
        location["inventory"] = None
        parsed.doubt(
            "inventory",
            f"{len(parts)} numbers: read the first as the fond, the last two as file and "
            f"folios; {', '.join(parts[1:-2])} have no slot",
        )
    if sep == "/" and len(parts) == 3 and (tail := _SLASH_TAIL.match(text, end)):
        location["folios"] = normalise_folios(tail.group(1))
        end = tail.end()
    if sep in ".," and len(parts) >= 3 and not re.match(r"[.,;)]?\s|[.,;)]?$", text[end:]):
        return None, pos
    parsed.doubt("fond", "no labels are printed: the numbers are read by their order")
    return location, end


# --- British and other Western shelfmarks ----------------------------------------------

# Department codes of The National Archives (Kew) that historians of Russia cite.
TNA_DEPARTMENTS = frozenset(
    "ADM AIR BT CAB CO DEFE DO FCO FO GFM HO HS INF KV MEPO MUN PREM T WO".split()
)
_TNA = re.compile(
    r"(?<![\w/])(?P<dept>[A-Z]{1,4}),?\s?(?P<series>\d{1,4})/(?P<piece>\d+[A-Za-z]?)"
    r"(?:/(?P<item>\d+))?(?:/(?P<sub>\d+(?:\s(?:and|&)\s\d+)?))?(?![\w/])"
    rf"(?:,\s?(?:ff?|fols?|pp?)\.\s?(?P<folios>{_FOLIOS}))?"
)


def read_tna(text, pos, parsed, named):
    """`KV 2/1588`, `HO 144/2158/322428`, `PREM, 4/30/8`: department and series in the
    fond, the piece in the file, an item after it in the folios."""
    for match in _TNA.finditer(text, pos):
        if match.group("dept") not in TNA_DEPARTMENTS and not named:
            continue
        location = dict.fromkeys(_KEYS)
        location["fond"] = f"{match.group('dept')} {match.group('series')}"
        location["file"] = match.group("piece")
        if match.group("item"):
            location["file"] += "/" + match.group("item")
        if match.group("sub"):
            location["folios"] = match.group("sub")
            parsed.doubt("folios", "the item number after the piece is kept in the folios")
        elif match.group("folios"):
            location["folios"] = normalise_folios(match.group("folios"))
        return location, match.start(), match.end()
    return None


# A reference that is only an archive's abbreviation and one shelfmark, as Western and
# Central European archives are cited: `DRA, B202-00-00-06/0617`, `AJBT KMJ, 1-3-b/651,
# pp. 33-40`, `MOL, 276 f. 65/359`, `HP 387, pp. 10, 21–23`.
_SIGNATURE = re.compile(
    r"(?P<archive>[A-Z][A-Za-z]{1,5}),?\s(?:(?P<series>[A-Z]{2,5}),\s)?"
    r"(?P<mark>[A-Za-z0-9][\w/-]{0,30}\d[\w/-]{0,30}|\d{1,6})"
    r"(?:\s(?:f|fol|folder)\.\s(?P<unit>[\w/-]{1,30}))?"
    rf"(?:,\s?(?:pp?|ll?|ff?)\.\s?(?P<pages>{_FOLIOS}))?\s?[.;]?"
)


def read_signature(text, parsed):
    """The whole reference as an abbreviation and one shelfmark: (location, printed) or None."""
    match = _SIGNATURE.fullmatch(text.strip())
    if not match or match.group("archive") in TNA_DEPARTMENTS:
        return None
    location = dict.fromkeys(_KEYS)
    if match.group("unit"):
        location["fond"], location["file"] = match.group("mark"), match.group("unit")
    else:
        location["fond"], location["file"] = match.group("series"), match.group("mark")
    if match.group("pages"):
        location["folios"] = normalise_folios(match.group("pages"))
    parsed.doubt(
        "file", "one shelfmark with no labels: read as the file (its parts are not told apart)"
    )
    return location, match.group("archive")


# The US Department of State's decimal files (National Archives, RG 59): a subject class,
# maybe a country, and after a slash a serial or a date (`761.93 Outer Mongolia/4`,
# `501.AA/7–1246`, `793C.02/7-2061`).
_DECIMAL_FILE = re.compile(
    r"(?<![\w.])(?P<file>\d{3}[A-Z]?\.[0-9A-Z]{2,4}(?:\s[A-Z][a-z]+){0,2}"
    r"(?P<slash>/[\d–-]{1,12})?)(?![\w/])"
)
_STATE_DEPARTMENT = re.compile(r"Department of State|State Department|Central Files|ibid\.,\s?$")


def read_decimal_file(text, parsed):
    """A State Department decimal file: (location, start, end) or None."""
    for match in _DECIMAL_FILE.finditer(text):
        if not match.group("slash") and not _STATE_DEPARTMENT.search(text[: match.start()][-60:]):
            continue
        location = dict.fromkeys(_KEYS)
        location["file"] = match.group("file")
        parsed.doubt("archive", "a State Department decimal file: the archive is not printed")
        return location, match.start(), match.end()
    return None


_COLLECTION = re.compile(
    r"(?P<name>[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,6}\s(?:Papers|Collection|Archives?|Files))\s?\($"
)
# `Hoover Institution Archives, Boris Nicolaevsky Collection, box 5`: the archive first.
_COLLECTION_AFTER = re.compile(
    r"(?:,\s?[A-Z][\w.]{0,20}(?:\s[A-Z][\w.]{0,20})?(?=,)){0,2}"  # `, Stanford, CA`
    r",\s?(?P<name>[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,6}\s(?:Papers|Collection|Files))(?=,)"
)
_WESTERN_LABEL = re.compile(
    r",?\s?(?P<label>box|folder|reel|item|pp?\.)\s?(?P<value>:\s.*|\d+(?:\s\d)?(?:[-–]\d+)?)",
    re.IGNORECASE,
)
_PAGES_BEFORE = re.compile(r"\bpp?\.\s?(\d+(?:\s\d)?(?:[-–]\d+)?)\s?:\s?[^:]*$")


def read_collection(text, hit_start, hit_end, parsed):
    """A Western collection: `Paul Dukes Papers (HIA), box 1, folder 7` and
    `(typescript: HIA), p. 17`. The collection goes in the fond, the box in the folder,
    the folder in the file, pages in the folios (the corpus's convention)."""
    location = dict.fromkeys(_KEYS)
    head = text[:hit_start]
    if head.endswith("(") and (collection := _COLLECTION.search(head[-120:])):
        location["fond"] = collection.group("name")
    pos = hit_end
    if text.startswith(")", pos):
        pos += 1
    elif not location["fond"] and (after := _COLLECTION_AFTER.match(text, pos)):
        location["fond"], pos = after.group("name"), after.end()
    while match := _WESTERN_LABEL.match(text, pos):
        label, value = match.group("label").lower(), match.group("value").strip()
        if value.startswith(":"):
            value = value[1:].strip().rstrip(".")
        value = re.sub(r"(?<=\d)\s(?=\d)", "", value)
        if label == "box":
            location["folder"] = value
        elif label in ("folder", "reel", "item"):
            location["file"] = value
        else:
            location["folios"] = value
        pos = match.end()
    if (
        not location["folios"]
        and "p." in head[-200:]
        and (pages := _PAGES_BEFORE.search(head[-200:]))
    ):
        location["folios"] = re.sub(r"(?<=\d)\s(?=\d)", "", pages.group(1))
    if not any(location.values()):
        return None, hit_end
    parsed.doubt(
        "fond", "a Western collection: collection, box and folder are read as fond, folder and file"
    )
    return location, pos

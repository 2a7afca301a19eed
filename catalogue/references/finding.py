"""Finding the archival references in a reference's text, and the archive each names.

`parse_archival(text, registry, parsed)` tries, in order: labelled chains (`Ф. 17. Оп. 162`,
`fond (f.) 45`), chains that start right after an archive's name with any label
(`ЦА ФСБ. Арх. № Н-501. Д. 1`), numbers with no labels after an archive's name
(`GARF 678.2.278.24`, `TsDAHOU 1/20/5254 (1932), 1–16`, `GASPI 558, 3, 406`), British
shelfmarks (`KV 2/1588`), Western collections (`Papers (HIA), box 1`), and last an
archive named with no coordinates (`(Hoover Institution Archives)`). Each location keeps
its place in the text, so a note holding several references can be cut between them.
"""

import re

from .archival import _FOND_START, read_chain, read_label, unknown_archive
from .shelfmarks import (
    _PAGES_BEFORE,
    TNA_DEPARTMENTS,
    read_collection,
    read_decimal_file,
    read_numbers,
    read_signature,
    read_tna,
)
from .text import make_slug

_AFTER_NAME = re.compile(r"[\s.,:]{0,4}")
# An abbreviation printed before numbers the registry does not know: TsDAHOU, DAKhO, PIL.
_ABBREVIATION_BEFORE_NUMBERS = re.compile(
    r"(?<![\w’'-])(?P<name>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,3}[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё-]{0,8})"
    r"(?=[,:]?\s(?:[A-ZА-Я]{1,3}-)?\d+(?:-?[a-zа-я]{1,3})?(?:[./]\w|,\s?\d+,|\s\d+/))"
)
_TNA_NAMES = {"tna"}
# A real reference holds a handful of chains; text with dozens of false starts (`Ф. 1. `
# a thousand times) is not worth reading further, and must not cost a worker its time.
_MAX_MISSES = 40
_MAX_NAMES = 24
# Numbers after an unknown abbreviation that hold a year are a journal's, not a fond's.
_LOOKS_LIKE_AN_ISSUE = re.compile(r"[,:]?\s?(?:\d+[,.]\s?)?(?:18[5-9]\d|19\d\d|20[0-3]\d)[,.]\s?\d")
_ARCHIVE_WORDS = re.compile(
    r"(?P<name>(?:[A-Z][\w’'-]*\s|’s\s){0,5}(?:Archives?|Papers)|(?:[A-Z][\w’'-]*\s){1,3}archive)"
    r"(?=\s?[:;.]?\s?$|:\s)"
)
_ARCHIVE_AT_START = re.compile(r"^(?P<name>(?:[A-Z][\w’'-]*\s){1,5}Archives?)\.\s")


def _archive_of(hits, registry, text, start, end):
    """The archive named last in text[start:end] (a registry hit, or an unknown abbreviation)."""
    inside = [hit for hit in hits if start <= hit[0] and hit[1] <= end]
    if inside:
        hit = max(inside, key=lambda h: h[1])
        return {"archive": hit[2], "archive_as_printed": hit[3], "archive_known": True}, hit[0]
    printed = unknown_archive(text[start:end])
    if printed:
        slug = make_slug(printed, max_length=50)
        return {"archive": slug, "archive_as_printed": printed, "archive_known": False}, (
            text.rfind(printed, start, end)
        )
    return None, end


def _candidates(text, registry, parsed, hits):
    """Every chain in text: (start of its first number, end, locations, anchor)."""
    found, pos, misses = [], 0, 0
    # 1. Chains that start with a fond label, anywhere.
    while misses < _MAX_MISSES and (start := _FOND_START.search(text, pos)):
        locations, end = read_chain(text, start.start(), parsed)
        if locations:
            found.append((start.start(), end, locations, None))
            pos = end
        else:
            pos, misses = start.end(), misses + 1
    taken = [(s, e) for s, e, _, _ in found]

    def free(s, e):
        return not any(s < te and ts < e for ts, te in taken)

    # 2. After an archive's name: any label, or numbers with no label.
    anchors = [(hit[0], hit[1], hit) for hit in hits]
    for match in _ABBREVIATION_BEFORE_NUMBERS.finditer(text):
        if match.group("name") in TNA_DEPARTMENTS:
            continue  # `KV 2/1588`: a British series, read by read_tna
        if free(match.start(), match.end()) and not any(h[0] <= match.start() < h[1] for h in hits):
            anchors.append((match.start(), match.end(), None))
    for a_start, a_end, hit in sorted(anchors, key=lambda a: a[0])[: 2 * _MAX_MISSES]:
        here = _AFTER_NAME.match(text, a_end).end()
        if not free(a_end, here + 1):
            continue
        locations, end = [], here
        if read_label(text, here):
            locations, end = read_chain(text, here, parsed)
        if not locations:
            location, end = read_numbers(text, a_end, parsed)
            if location and hit is None and _LOOKS_LIKE_AN_ISSUE.match(text, a_end):
                location = None  # `KPSS, 1989, 12, 34–45`: a journal's year and issue
            locations = [location] if location else []
        if locations and free(here, end):
            anchor = hit or (a_start, a_end, None, text[a_start:a_end])
            found.append((here, end, locations, anchor))
            taken.append((a_start, end))
    return sorted(found, key=lambda f: f[0])


def _western(text, registry, parsed, hits):
    """British shelfmarks and Western collections, when no Russian-style chain is printed."""
    named_tna = [hit for hit in hits if hit[2] in _TNA_NAMES]
    tna = read_tna(text, 0, parsed, bool(named_tna))
    if tna:
        location, start, end = tna
        if named_tna:
            hit = named_tna[0]
            location.update(archive=hit[2], archive_as_printed=hit[3], archive_known=True)
            start = min(start, hit[0])
        else:
            location.update(archive="tna", archive_as_printed=None, archive_known=True)
            parsed.doubt(
                "archive", "no archive is printed: The National Archives, by the series code"
            )
        return [(start, end, location)]
    for hit in hits:
        location, end = read_collection(text, hit[0], hit[1], parsed)
        if location:
            location.update(archive=hit[2], archive_as_printed=hit[3], archive_known=True)
            return [(hit[0], end, location)]
    if signature := read_signature(text, parsed):
        location, printed = signature
        hit = next((h for h in hits if h[3] == printed), None)
        known = (
            {"archive": hit[2], "archive_known": True}
            if hit
            else {"archive": make_slug(printed, 50), "archive_known": False}
        )
        location.update(archive_as_printed=printed, **known)
        if not hit:
            parsed.doubt("archive", f"{printed!r} is not in the archive registry")
        return [(0, len(text), location)]
    if decimal := read_decimal_file(text, parsed):
        location, start, end = decimal
        if hits:
            hit = hits[0]
            location.update(archive=hit[2], archive_as_printed=hit[3], archive_known=True)
            parsed.unsure = [u for u in parsed.unsure if u["field"] != "archive"]
        else:
            location.update(archive=None, archive_as_printed=None, archive_known=False)
        return [(start, end, location)]
    return []


def _named_only(text, hits, parsed):
    """An archive named with no coordinates: `(Hoover Institution Archives)`, `…, TNA;`,
    `Lakoba archive: Stalin to Lakoba`, `German Foreign Ministry Archives. Microfilms …`."""
    for hit in hits:
        before, after = text[: hit[0]].rstrip(), text[hit[1] :].strip()
        in_parens = before.endswith(("(", ":")) or re.match(r"^[),;]", after)
        at_end = not re.search(r"\w", re.sub(r"^[),.;\s]*(?:pp?\.\s?\d+[-–\d]*)?", "", after))
        if in_parens or at_end or before.endswith(","):
            return {"archive": hit[2], "archive_as_printed": hit[3], "archive_known": True}
    if "rchive" not in text and "Papers" not in text:
        return None
    match = _ARCHIVE_WORDS.search(text) or _ARCHIVE_AT_START.match(text)
    if match and not re.search(r"[«“\"‘]", text[: match.start()][-3:]):
        printed = match.group("name").strip()
        known = next((h for h in hits if h[0] >= match.start() and h[1] <= match.end()), None)
        if known:
            return {"archive": known[2], "archive_as_printed": known[3], "archive_known": True}
        return {
            "archive": make_slug(printed, 50),
            "archive_as_printed": printed,
            "archive_known": False,
        }
    return None


def parse_archival(text, registry, parsed):
    """Find the archival references in text. Fills parsed.locations (each with its `span`
    in the text, not printed) and returns where the document's description ends (the
    start of the first archive name or chain), or None if nothing archival is found."""
    hits = registry.find_all(text)[:_MAX_NAMES]
    for hit in hits:
        printed = hit[3]
        if (
            "Л" in printed
            and printed not in registry.printed_names
            and re.fullmatch(r"[А-Я ]+", printed)
        ):
            parsed.doubt(
                "archive", f"{printed!r} read as a misprint of a registered abbreviation (Л for П)"
            )
    found = _candidates(text, registry, parsed, hits)
    placed, head_end, previous_end, archive = [], None, 0, None
    for start, end, locations, anchor in found:
        if anchor is not None:
            info = {
                "archive": anchor[2],
                "archive_as_printed": anchor[3],
                "archive_known": bool(anchor[2]),
            }
            begins = anchor[0]
            if not anchor[2]:
                printed = anchor[3]
                info = {
                    "archive": make_slug(printed, 50),
                    "archive_as_printed": printed,
                    "archive_known": False,
                }
        else:
            info, begins = _archive_of(hits, registry, text, previous_end, start)
            if info is None:
                begins = start
        if info is None:
            info = archive
            if info is None:
                parsed.doubt("archive", "no archive is named before the fond")
        archive = info or archive
        head_end = begins if head_end is None else head_end
        for location in locations:
            location.update(
                archive or {"archive": None, "archive_as_printed": None, "archive_known": False}
            )
            placed.append((begins, end, location))
        if archive and not archive["archive_known"]:
            parsed.doubt(
                "archive", f"{archive['archive_as_printed']!r} is not in the archive registry"
            )
        previous_end = end
    if not placed:
        placed = _western(text, registry, parsed, hits)
        head_end = placed[0][0] if placed else None
    if not placed:
        info = _named_only(text, hits, parsed)
        if info is None:
            return None
        location = dict.fromkeys(("fond", "inventory", "folder", "file", "folios"))
        location.update(info)
        if not info["archive_known"]:
            parsed.doubt(
                "archive", f"{info['archive_as_printed']!r} is not in the archive registry"
            )
        parsed.doubt("file", "an archive is named, with no fond or file")
        if "p." in text and (pages := _PAGES_BEFORE.search(text[-300:])):
            location["folios"] = re.sub(r"(?<=\d)\s(?=\d)", "", pages.group(1))
        placed = [(len(text), len(text), location)]
        head_end = (
            text.find(info["archive_as_printed"] or "") if info["archive_as_printed"] else len(text)
        )
    parsed.is_archival = True
    parsed.kind = "archival_document"
    parsed.spans = [(start, end) for start, end, _ in placed]
    parsed.locations = [location for _, _, location in placed]
    first = parsed.locations[0]
    parsed.archive = first["archive"]
    parsed.archive_as_printed = first["archive_as_printed"]
    parsed.archive_known = first["archive_known"]
    for key in ("fond", "inventory", "folder", "file", "folios"):
        setattr(parsed, key, first.get(key))
    for location in parsed.locations:
        if location.get("folder") and not registry.uses_folders(location["archive"]):
            if not location.get("fond") or location["fond"][:1].isdigit():
                parsed.doubt("folder", "the archive is not known to use folders")
        russian = re.match(r"\w{0,3}-?\d", location.get("fond") or "")
        if russian and not location.get("inventory"):
            parsed.doubt("inventory", "no inventory is given")
        if location.get("fond") and not location.get("file"):
            parsed.doubt("file", "no file is given")
    return max(head_end, 0)

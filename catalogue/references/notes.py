"""A note as printed: several references in one footnote, ibid., and cues around them.

`split_note(text)` cuts a note where one reference ends and the next begins: at a `;`
outside brackets and quotes (not inside a GOST imprint's `М.; Л.`), and, once read,
between two archival references that each name their archive (`RGASPI 558.4.2.2.
Poetry: RGASPI 558.4.600.`). `Там же`, `Ibid.` and `Id.` continue the reference before
them in the same note; a chain that starts with a lower label (`…; Д. 6. Л. 1`) does too.
"""

import itertools
import re

from .archival import read_chain, read_label
from .text import clean_text, dash, unify_homoglyphs

IBID = re.compile(r"^(?:ibid(?:em)?|там\s+же|id)(?![\w])\.?,?\s*", re.IGNORECASE)
# `См.:`, `See`, `Cf.`, `See also` before a reference: a cue, not part of it.
CUE = re.compile(
    r"^(?:см\.(?:\s+также)?:?|ср\.:?|see(?:\s+also)?:?|cf\.:?|compare|also|and)\s+",
    re.IGNORECASE,
)
# The most references one footnote is read into; past it the text is something else.
MAX_REFERENCES_A_NOTE = 40
_OPEN, _CLOSE = "([«“", ")]»”"
_SPECIAL = re.compile(r"[(\[«“)\]»”;]")
# `М.; Л.: Наука`, `СПб.; М.`: places in a GOST imprint, not two references.
_PLACE_LIST = re.compile(r"\s?[А-ЯЁA-Z][а-яёa-z]{0,3}\.\s?[:,;]")
# `Moscow: Nauka; Ulaanbaatar: Ulsyn hevlel`: a second place and publisher of one imprint.
_PLACE_PUBLISHER = re.compile(r"\s?[A-ZА-ЯЁ][\w-]+(?:\s[A-Z][\w-]+)?\s?:\s")
_SENTENCE_END = re.compile(r"(?:\.|:)\s(?=\S)")


def split_note(text):
    """(start, end) of each part of a note between top-level semicolons."""
    parts, depth, start = [], 0, 0
    if ";" not in text:
        return [(0, len(text))] if text.strip(" .,;") else []
    for match in _SPECIAL.finditer(text):
        index, char = match.start(), match.group()
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            if _PLACE_LIST.match(text, index + 1) and re.search(
                r"\b[А-ЯЁ][а-яё]{0,3}\.\s?$", text[:index]
            ):
                continue
            if _PLACE_PUBLISHER.match(text, index + 1):
                continue
            parts.append((start, index))
            start = index + 1
    parts.append((start, len(text)))
    parts = [(s, e) for s, e in parts if text[s:e].strip(" .,;")]
    if len(parts) > MAX_REFERENCES_A_NOTE:  # not a note: read the rest as one (refused) piece
        parts = [
            *parts[: MAX_REFERENCES_A_NOTE - 1],
            (parts[MAX_REFERENCES_A_NOTE - 1][0], len(text)),
        ]
    return parts


def cut_between(text, spans):
    """Where to cut a part holding several archival references that each name their
    archive: at the last sentence end between one chain and the next archive name."""
    cuts = []
    for (_, end), (begins, _) in itertools.pairwise(spans):
        if begins <= end:
            continue
        gap = text[end:begins]
        ends = [m.end() for m in _SENTENCE_END.finditer(gap)]
        cuts.append(end + ends[-1] if ends else begins)
    return cuts


# --- ibid. and chains that go on ----------------------------------------------------

_COPIED_BY_IBID = (
    "is_archival", "kind", "archive", "archive_as_printed", "archive_known", "fond",
    "inventory", "folder", "file", "folios", "reference_code", "title", "authors", "editors",
    "year", "language", "periodical", "volume", "issue", "pages", "series", "container",
    "publisher", "place",
)  # fmt: skip
_LOCATION_KEYS = ("fond", "inventory", "folder", "file", "folios")
_ARCHIVE_KEYS = ("archive", "archive_as_printed", "archive_known")
# `С. 45`, `p. 45`, `pp. 4-5`: the pages an ibid. of a published work moves to.
_PAGES = re.compile(r"(?<!\w)(?:pp?\.|[СсPp]\.|S\.)\s*(\d+(?:\s*[-–—]\s*\d+)?)(?!\s*с\.)")
MAX_NOTE_CHARS = 12000


def _fill_ibid(parsed, previous):
    """`Ibid. L. 15` / `Там же. С. 45`: the reference above, at other folios or pages."""
    fragment = IBID.sub("", unify_homoglyphs(parsed.citation), count=1)
    for name in _COPIED_BY_IBID:
        value = getattr(previous, name)
        setattr(parsed, name, list(value) if isinstance(value, list) else value)
    parsed.locations = [dict(location) for location in previous.locations[-1:]]
    if previous.is_archival and previous.locations:
        _continue_chain(parsed, fragment, previous.locations[-1])
    elif match := _PAGES.search(fragment):
        parsed.pages = dash(match.group(1))


def _continue_chain(parsed, fragment, seed):
    """Read a chain that goes on from `seed` (ibid., or `…; Д. 6. Л. 1`)."""
    locations, _ = read_chain(fragment, 0, parsed, seed=seed)
    if locations:
        for location in locations:
            for key in _ARCHIVE_KEYS:
                location[key] = seed.get(key)
        parsed.locations = locations
    parsed.is_archival, parsed.kind = True, "archival_document"
    for key in (*_ARCHIVE_KEYS, *_LOCATION_KEYS):
        setattr(parsed, key, parsed.locations[0].get(key) if parsed.locations else seed.get(key))


def _printed_ibid(parsed):
    """An ibid. with nothing before it in its note: what it prints, and a doubt for the rest."""
    fragment = IBID.sub("", unify_homoglyphs(parsed.citation), count=1)
    empty = {key: None for key in (*_ARCHIVE_KEYS, *_LOCATION_KEYS)}
    locations, _ = read_chain(fragment, 0, parsed, seed=empty)
    if locations:
        parsed.locations = locations
        parsed.is_archival, parsed.kind = True, "archival_document"
        for key in _LOCATION_KEYS:
            setattr(parsed, key, locations[0].get(key))
        parsed.doubt(
            "archive", "ibid. with no reference before it in this note: only what it prints"
        )
    elif match := _PAGES.search(fragment):
        parsed.pages = dash(match.group(1))


# --- a note ------------------------------------------------------------------------


def parse_note(text, registry, number=None, line=None, before=None, split=True):
    """Every reference of one note (one entry of a list), in order, each with its index.

    Reads each reference with citations.parse_reference (imported here when called:
    citations imports this module).

    `before` is the reference an ibid. opening the note continues (the entry above, in
    a numbered list); without it such an ibid. keeps only what it prints."""
    from ..citations import _LEADING_NUMBER, ParsedReference, parse_reference

    citation = clean_text(text)
    match = _LEADING_NUMBER.match(citation)
    if match:
        number = number if number is not None else int(match.group(1) or match.group(2))
        citation = citation[match.end() :]
    if len(citation) > MAX_NOTE_CHARS:
        parsed = ParsedReference(citation=citation[:200], number=number, line=line)
        parsed.is_reference = False
        parsed.message = (
            f"{len(citation):,} characters is too long for one note "
            f"(the limit is {MAX_NOTE_CHARS:,}): are several run together?"
        )
        return [parsed]
    pieces = []
    for start, end in split_note(citation) if split else [(0, len(citation))]:
        piece = citation[start:end].strip()
        parsed = parse_reference(piece, registry, number=number, line=line)
        spans = getattr(parsed, "spans", [])
        if split and len(set(spans)) > 1:
            body = CUE.sub("", unify_homoglyphs(piece), count=1)
            offset = len(piece) - len(body)
            cuts = [offset + c for c in cut_between(body, sorted(set(spans)))]
            cuts = cuts[: MAX_REFERENCES_A_NOTE - 1]
            bounds = [0, *cuts, len(piece)]
            parts = [piece[a:b].strip() for a, b in itertools.pairwise(bounds)]
            if len(parts) > 1 and all(parts):
                pieces += [parse_reference(p, registry, number=number, line=line) for p in parts]
                continue
        pieces.append(parsed)
    references = []
    for parsed in pieces:
        previous = references[-1] if references else before
        starts_chain = (
            not parsed.is_archival
            and previous is not None
            and previous.is_archival
            and previous.locations
            and _starts_with_label(parsed.citation)
        )
        if parsed.ibid and previous is not None and previous.is_reference:
            parsed.unsure = [u for u in parsed.unsure if u["field"] != "archive"]
            _fill_ibid(parsed, previous)
        elif (
            parsed.is_archival
            and parsed.archive is None
            and previous is not None
            and previous.is_archival
            and previous.archive
            and references
        ):
            # `…; Ф. 558. Оп. 11. Д. 5`: the archive named before goes on.
            for location in parsed.locations:
                for key in _ARCHIVE_KEYS:
                    location[key] = getattr(previous, key)
            for key in _ARCHIVE_KEYS:
                setattr(parsed, key, getattr(previous, key))
            parsed.unsure = [u for u in parsed.unsure if u["field"] != "archive"]
            parsed.doubt("archive", "no archive is named: the archive of the reference before it")
        elif starts_chain:
            parsed.is_reference, parsed.message = True, ""
            _continue_chain(parsed, unify_homoglyphs(parsed.citation), previous.locations[-1])
            parsed.doubt("archive", "the chain goes on from the reference before it")
        elif not parsed.is_reference and references:
            continue
        references.append(parsed)
    for index, parsed in enumerate(references, 1):
        parsed.index = index
    return references


def _starts_with_label(text):
    token = read_label(unify_homoglyphs(text), 0)
    return bool(token and token[0] in ("inventory", "folder", "file", "folios"))

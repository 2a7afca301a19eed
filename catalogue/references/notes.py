"""A note as printed: several references in one footnote, ibid., and cues around them.

`split_note(text)` cuts a note where one reference ends and the next begins: at a `;`
outside brackets and quotes (not inside a GOST imprint's `М.; Л.`), and, once read,
between two archival references that each name their archive (`RGASPI 558.4.2.2.
Poetry: RGASPI 558.4.600.`). `Там же`, `Ibid.` and `Id.` continue the reference before
them in the same note; a chain that starts with a lower label (`…; Д. 6. Л. 1`) does too.
"""

import itertools
import re

IBID = re.compile(r"^(?:ibid(?:em)?|там\s+же|id)(?![\w])\.?,?\s*", re.IGNORECASE)
# `См.:`, `See`, `Cf.`, `See also` before a reference: a cue, not part of it.
CUE = re.compile(
    r"^(?:см\.(?:\s+также)?:?|ср\.:?|see(?:\s+also)?:?|cf\.:?|compare|also|and)\s+",
    re.IGNORECASE,
)
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
    return [(s, e) for s, e in parts if text[s:e].strip(" .,;")]


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

"""Reading the people a reference names: authors, editors, initials, collectives.

`_read_names(text)` reads the list of people a reference starts with, word by word (a
loop over tokens, not one regular expression, so that every word is looked at a bounded
number of times); `_split_people`, `_is_person` and `_initials_only` serve the readers of
each style in references/published.py.
"""

import re
from functools import lru_cache

from .text import LETTER
from .text import YEAR as _YEAR

# --- names ----------------------------------------------------------------------------
#
# A list of people is read word by word: a name is two to four name words (`Hiroaki
# Kuromiya`, `R. W. Davies`, `J. Arch Getty`), a surname and its initials (`Кузьмин Ю. В.`,
# `Coox A. D.`), or an inverted name (`Coox, Alvin D.`, `Дэлгэржаргал, П.`); names are
# joined by commas, `and`, `&`, `и`, and may end with `et al.` or an editors' mark (`eds.`,
# `(ed.)`, `(ред.)`). Each word is looked at a bounded number of times.

_NAME_TOKEN = re.compile(r"[^\s,;:()\[\]“”‘«»\"&/]+|[,;:()\[\]“”‘«»\"&/]")
_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.-?){1,3}")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "ibn"}
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "of", "and", "for", "to", "from", "with", "by", "at", "see",
    "cf", "also", "doc", "docs", "vol", "vols", "no", "nos", "pp", "p", "ed", "eds", "trans",
    "der", "die", "das", "le", "la", "les", "il", "el", "op", "cit", "ibid", "idem", "id",
    "st", "mr", "dr", "sir", "general", "marshal", "letter", "resolution", "report",
    "notes", "in:", "ibid.", "там", "см", "ср", "под", "ред", "сост", "т", "вып", "кн",
}  # fmt: skip
_AND = {"and", "&", "и", "und"}


@lru_cache(maxsize=4096)  # the same words (initials, `and`, common names) recur in every list
def _kind_of(token):
    """`init`, `word`, `end` (a name word with its sentence's full stop), `particle`,
    `and`, `lower`, `other`, or the punctuation itself."""
    lower = token.casefold()
    if lower in _AND:
        return "and"
    if len(token) == 1 and not token.isalpha():
        return token
    if len(token) <= 9 and _INITIALS.fullmatch(token):
        # `yu. V.`: the seed prints a lower-case initial (No. 14).
        return "init" if token[0].isupper() else "small-init"
    if _NAME_WORD.fullmatch(token):
        if not token[0].isupper():
            return "particle" if lower in _PARTICLES else "lower"
        if lower.rstrip(".") in _NOT_NAMES:
            return "other"
        return "end" if token.endswith(".") else "word"
    return "other"


_NAME_KINDS = {"init", "small-init", "word", "end", "particle", ",", "and", "etal"}


def _tokens(text, limit=200):
    """[(kind, start, end)] of the first words of text, up to and with the first one that
    cannot be part of a name list (names never run longer)."""
    out = []
    for m in _NAME_TOKEN.finditer(text, 0, min(len(text), limit)):
        token = m.group()
        kind = _kind_of(token)
        if token.casefold() in {"et", "и"} and _ET_AL_AHEAD.match(text, m.end()):
            kind = "etal"
        # An initial whose full stop a separator took: `Belov E. A, 2003`, `Smith J,`.
        if len(token) == 1 and token.isupper() and not _LOWER_WORD_AHEAD.match(text, m.end()):
            kind = "init"
        elif len(token) == 2 and token.istitle() and m.end() == len(text):
            kind = "init"  # `Dashdavaa, Ch (2003)`: the separator took the full stop
        out.append((kind, m.start(), m.end()))
        if kind not in _NAME_KINDS:
            break
    return out


_LOWER_WORD_AHEAD = re.compile(r"\s+[a-zа-яё]")
_ET_AL_AHEAD = re.compile(r"\s*(?:al\.?|др\.)")
# What may follow a name: a comma, `and`, `et al.`, a quoted title, `(eds.)`, `(2010)`.
_AFTER_NAME = {",", "and", "etal", "“", "‘", "«", '"', ";", None}
_EDITORS_OR_YEAR_AHEAD = re.compile(
    rf"\s*\((?:eds?|edd|comps?|ред|сост|hrsg|hg|{_YEAR})\b", re.IGNORECASE
)


def _person_at(tokens, i, cyrillic, text):
    """Where one person's name that starts at token i ends (an index), or None."""
    n = len(tokens)

    def kind(j):
        return tokens[j][0] if j < n else None

    # A surname and its initials (GOST, Harvard): `Кузьмин Ю. В.`, `Coox A. D.`.
    surname_first = None
    if kind(i) == "word" and (
        kind(i + 1) == "init" or (kind(i + 1) == "small-init" and kind(i + 2) == "init")
    ):
        j = i + 2
        while kind(j) == "init" and j - i <= 3:
            j += 1
        surname_first = j
    # Inverted: `Coox, Alvin D.`, `Stickle, D. M.`, `Hughes, Lindsey.`, `Дэлгэржаргал, П.`.
    inverted = None
    if kind(i) == "word" and kind(i + 1) == ",":
        # Given names, then initials (`Alvin D.`, `D. M.`, `Lindsey.`, `Hiroaki.`), or
        # initials and one given name before a separator (`J. Arch,`).
        j = i + 2
        if kind(j) == "init":
            while kind(j) == "init" and j - i < 5:
                j += 1
            if kind(j) == "word" and kind(j + 1) in _AFTER_NAME:
                j += 1
        else:
            while kind(j) == "word" and j - i < 4:
                j += 1
            if kind(j) == "end":
                j += 1
            else:
                while kind(j) == "init" and j - i < 6:
                    j += 1
        if j > i + 2 and any(kind(k) in {"init", "end"} for k in range(i + 2, j)):
            if kind(j - 1) in {"init", "end"} or kind(j) in _AFTER_NAME:
                inverted = j
        elif j > i + 2 and kind(j) == "," and kind(j + 1) == "and":
            inverted = j  # `Smith, John, and Mary Jones.`
    # Given names first: `Hiroaki Kuromiya`, `R. W. Davies`, `Ludwig van Beethoven`.
    given_first = None
    j = i
    while j - i < 4 and (kind(j) in {"init", "word"} or (j > i and kind(j) == "particle")):
        j += 1
        if j - i >= 2 and kind(j - 1) == "word":
            given_first = j
    if kind(j) == "end" and 0 < j - i < 4:
        given_first = j + 1
    if given_first is not None and tokens[given_first - 1][0] != "end":
        # A name is followed by a separator, never by another word or a colon
        # (`Grand Delusion: Stalin...` is a title).
        follower = kind(given_first)
        if follower == "(" and _EDITORS_OR_YEAR_AHEAD.match(text, tokens[given_first - 1][2]):
            follower = None
        if follower not in _AFTER_NAME:
            given_first = None
    if cyrillic:
        # Russian prints initials, not given names: `Р. Б. Рыбаков`, never `История Монголии.`
        if given_first is not None and all(tokens[k][0] != "init" for k in range(i, given_first)):
            given_first = None
        order = (surname_first, inverted, given_first)
    elif inverted is not None and kind(i + 2) == "init":
        order = (inverted, given_first, surname_first)
    elif given_first is not None and surname_first is not None and kind(given_first - 1) == "end":
        # `Fitzpatrick S. Stalin's Peasants.`: a surname and its initial, then the title.
        order = (surname_first, inverted, given_first)
    else:
        order = (given_first, inverted, surname_first)
    return next((end for end in order if end is not None), None)


_LIST_TAIL = re.compile(
    r"(?P<etal>,?\s*(?:et\s+al\.?|и\s+др\.?))?"
    r"(?P<editors>,?\s*\(?(?:eds?|edd|comps?|ред|сост|hrsg|hg)\.?\)?(?=[\s,.:]|$))?",
    re.IGNORECASE,
)


def _read_names(text, cyrillic=None):
    """(people, end, editors): the names that text starts with, and where they end (past
    any `et al.` and editors' mark). ([], 0, False) when it does not start with a name."""
    tokens = _tokens(text)
    n = len(tokens)
    if cyrillic is None:
        cyrillic = bool(re.match(r"\W*[А-Яа-яЁё]", text))
    people, i, end = [], 0, 0
    while i < n:
        stop = _person_at(tokens, i, cyrillic, text)
        if stop is None and tokens[i][0] == "word" and not cyrillic:
            # Surnames alone, joined by `and`: `Donetskaia and Kondrashova, ‘...’`.
            if (
                i + 2 < n
                and tokens[i + 1][0] == "and"
                and tokens[i + 2][0] == "word"
                and (i + 3 == n or tokens[i + 3][0] in {",", "“", "‘", "«", '"'})
            ):
                stop = i + 1
            elif people and tokens[i - 1][0] == "and" and (i + 1 == n or tokens[i + 1][0] in ",."):
                stop = i + 1
        if stop is None:
            break
        person = text[tokens[i][1] : tokens[stop - 1][2]]
        i, end = stop, tokens[stop - 1][2]
        if tokens[stop - 1][0] == "end":
            # `Djilas, Milovan. Wartime.`: the full stop closes the list.
            people.append(person[:-1])
            break
        people.append(person)
        kinds = [t[0] for t in tokens[i : i + 2]]
        if kinds == [",", "and"]:
            i += 2
        elif kinds[:1] == ["and"]:
            i += 1
        elif kinds[:1] == [","] and _person_at(tokens, i + 1, cyrillic, text) is not None:
            i += 1
        else:
            break
    if not people:
        return [], 0, False
    editors = False
    if match := _LIST_TAIL.match(text, end):
        editors = bool(match.group("editors"))
        if match.group("etal") or editors:
            end = match.end()
    return [p.strip(" ,") for p in people], end, editors


def _split_people(text):
    """The people of a name list as printed: `Kotkin S., Elleman B. A. (eds.)` → two."""
    text = " ".join(text.split()).strip(" .,;")
    if not text:
        return []
    people, end, _editors = _read_names(text)
    if not people or text[end:].strip(" .,;:"):
        # Not a list of people's names: collectives, as printed.
        text = _EDITOR_MARK.sub("", text).strip(" .,")
        return [p for p in re.split(r",\s+(?=[A-ZА-ЯЁ])|\s+(?:and|и|&)\s+", text) if p]
    return [_with_stop(p) for p in people]


def _with_stop(person):
    # `Coox A. D` (the initial's full stop eaten by the separator before the year).
    if _LAST_INITIAL.search(person) and " " in person:
        return person + "."
    return person


def _is_person(name):
    """Is this one person's name (not a collective's): `Zhukov G. K.`, `Hiroaki Kuromiya`,
    `Coox, Alvin D.`, `R. W. Davies`?"""
    name = " ".join(str(name).split()).strip(" ,;")
    if not name or len(name) > 120:
        return False
    tokens = _tokens(name)
    stop = _person_at(tokens, 0, bool(re.match(r"\W*[А-Яа-яЁё]", name)), name)
    return stop is not None and stop == len(tokens)


_EDITOR_MARK = re.compile(r"\s*\((?:eds?|ред|отв\.\s*ред|comp|сост)\.?\)\.?\s*$", re.IGNORECASE)

_LAST_INITIAL = re.compile(rf"(?:^|[\s.])[{LETTER}]{{1,2}}$")

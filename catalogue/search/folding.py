"""Search keys: text folded so that what a reader types matches what was printed.

The key is stored beside the text it comes from (`search_key` columns) and queries
compare folded input against it: `fold()` makes both, so both sides always agree.
Folding in Python, not in SQL, because SQLite's LIKE folds only ASCII case and a
PostgreSQL database created with locale C does not fold Cyrillic either.

Folding (`fold()`):
- Unicode compatibility normalisation and case folding (`Ё` and `ё` alike);
- Cyrillic letters that look like Latin ones inside a Latin word are read as Latin
  (the seed prints `Belov Е.` with a Cyrillic Е and `Мoscow` with a Cyrillic М), and
  the reverse inside a Cyrillic word; a one-letter word (an initial) is read in the
  script of the nearest longer word;
- typographic quotes and dashes become plain ones, runs of white space one space;
  control characters count as space, invisible ones (a soft hyphen) are dropped;
- every word becomes its transliteration skeleton (`translit.skeleton`), so that
  `Жуков`, `Zhukov` and `Žukov` fold alike, as do `Лузянин` and `Luzianin`.

The key is not text to show (`Жуков` folds to `zhukov`, `Khalkhin` to `xalxin`): sort
keys use `normalise()`, the same folding without the skeleton.
"""

import re
import unicodedata
from itertools import accumulate

from .translit import skeleton

# The one table of Cyrillic and Latin letters that print alike, upper and lower case, one
# to one (so positions in a text do not move); the reference parser reads it too
# (references/text.py). Mapped only inside a word of the other script.
CYRILLIC_TWINS = "АВЕКМНОРСТУХаеорсухкмтвн"
LATIN_TWINS = "ABEKMHOPCTYXaeopcyxkmtbh"
TO_LATIN = str.maketrans(CYRILLIC_TWINS, LATIN_TWINS)
TO_CYRILLIC = str.maketrans(LATIN_TWINS, CYRILLIC_TWINS)
# A search key also reads the Serbian ј as j (no Latin j is read back as ј).
_CYRILLIC_LOOKALIKES = TO_LATIN | str.maketrans("ј", "j")
_LATIN_LOOKALIKES = TO_CYRILLIC
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
# Control characters (NUL, which PostgreSQL refuses in text) read as a space; invisible
# format characters (a soft hyphen or zero-width space pasted from a PDF) and lone
# surrogates are dropped, so `Халхин\u00adГол` is `ХалхинГол`.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(
    r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)
_PUNCTUATION = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "’": "'", "–": "-", "—": "-"})
_LATIN_LETTER = re.compile("[a-z]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")


def _word_script(word):
    """The script most letters of a word are in, or None on a tie or with no letters."""
    if word.isascii():
        return "latin" if _LATIN_LETTER.search(word) else None
    latin = len(_LATIN_LETTER.findall(word))
    if not latin:
        return "cyrillic" if _CYRILLIC_LETTER.search(word) else None
    cyrillic = len(_CYRILLIC_LETTER.findall(word))
    if latin > cyrillic:
        return "latin"
    if cyrillic > latin:
        return "cyrillic"
    return None


def _unify(text):
    """Read every word in one script: its own majority, or for an initial its neighbours'.

    A one-letter word (an initial) takes the script of the nearest longer word before
    it, else after it, else of the whole text: `Грайворонский В. В.` keeps a Cyrillic В
    (v) even in a key that also holds `Grajvoronskiy V. V.`.
    """
    if not (_LATIN_LETTER.search(text) and _CYRILLIC_LETTER.search(text)):
        return text  # one script only: nothing to read in the other
    words = [m.group() for m in _WORD.finditer(text)]
    scripts = [_word_script(word) for word in words]
    anchors = [
        script if len(word) > 1 else None for word, script in zip(words, scripts, strict=True)
    ]
    before = list(accumulate(anchors, lambda last, anchor: anchor or last))
    after = list(accumulate(reversed(anchors), lambda last, anchor: anchor or last))[::-1]
    latin, cyrillic = len(_LATIN_LETTER.findall(text)), len(_CYRILLIC_LETTER.findall(text))
    dominant = "latin" if latin >= cyrillic else "cyrillic"

    unified = []
    for i, (word, script) in enumerate(zip(words, scripts, strict=True)):
        if len(word) == 1 and script:
            script = before[i] or after[i] or dominant
        if script == "latin" and not word.isascii():
            word = word.translate(_CYRILLIC_LOOKALIKES)
        elif script == "cyrillic" and _LATIN_LETTER.search(word):
            word = word.translate(_LATIN_LOOKALIKES)
        unified.append(word)
    replacements = iter(unified)
    return _WORD.sub(lambda _: next(replacements), text)


def normalise(text):
    """Text folded for comparison but still readable: lower case, one script per word,
    plain punctuation. The search key before transliteration, and the sort key's base."""
    if not text:
        return ""
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", text))
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = _unify(text.translate(_PUNCTUATION))
    return _SPACE.sub(" ", text).strip()


def fold(text):
    """The search key of a text: normalised, then every word as its transliteration
    skeleton, so that any romanisation of a word matches its Cyrillic and the reverse."""
    # Dropping diacritics can leave a space behind (NFKC reads a lone macron as one).
    return _SPACE.sub(" ", skeleton(normalise(text))).strip()


# Query words are split at spaces and dashes (`Halhin-Gol` finds `Khalkhin Gol`), and
# lose the quotes and brackets around them (`«Восток»` finds `Vostok`).
_TERM_SEPARATOR = re.compile(r"[\s\-‐‑‒–—―]+")
_TERM_EDGES = "\"'«»“”„()[]{}<>,;:.!?"


def search_terms(query):
    """The folded words of a query, each once; each must be a substring of a key (an AND
    search). A word given again in any spelling (`ж zh Ж`) is one word: each costs the
    search a pass over its indexes, and ten of one letter stalled a search for 28 s."""
    terms = (term.strip(_TERM_EDGES) for term in _TERM_SEPARATOR.split(fold(query)))
    return list(dict.fromkeys(term for term in terms if term))


def limit_words(query, limit):
    """(`query` with its repeated words left out and no more than `limit` different words
    kept, the words past the limit as typed). Judged on the folded words, so `Жуков` and
    `Zhukov` are one word; a typed word that folds to several (`Halhin-Gol`) is kept or
    left out whole."""
    kept, dropped, terms = [], [], set()
    for word in query.split():
        new = set(search_terms(word)) - terms
        if not new:
            continue  # a repeat, or nothing to search for (punctuation)
        if len(terms) + len(new) > limit:
            dropped.append(word)
            continue
        kept.append(word)
        terms |= new
    return " ".join(kept), list(dict.fromkeys(dropped))


def sort_key(text):
    """A sort key for titles and names: normalised, leading quotes and punctuation dropped."""
    return normalise(text).lstrip("\"'«“([ -.")[:255]

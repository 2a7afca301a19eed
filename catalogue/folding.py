"""Search keys: text folded so that what a reader types matches what was printed.

The key is stored beside the text it comes from (`search_key` columns) and queries
compare folded input against it. Folding in Python, not in SQL, because SQLite's
LIKE folds only ASCII case and a PostgreSQL database created with locale C does not
fold Cyrillic either.

Folding:
- Unicode compatibility normalisation and case folding (`Ё` and `ё` alike);
- Cyrillic letters that look like Latin ones inside a Latin word are read as Latin
  (the seed prints `Belov Е.` with a Cyrillic Е and `Мoscow` with a Cyrillic М), and
  the reverse inside a Cyrillic word;
- typographic quotes and dashes become plain ones, runs of white space one space.
"""

import re
import unicodedata

# Cyrillic and Latin letters that print alike. Mapped only inside a word of the other script.
_CYRILLIC_LOOKALIKES = str.maketrans("аеорсухкмтвнiј", "aeopcyxkmtbhij")
_LATIN_LOOKALIKES = str.maketrans("aeopcyxkmtbh", "аеорсухкмтвн")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_PUNCTUATION = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "’": "'", "–": "-", "—": "-"})


def _script(char):
    if "a" <= char <= "z":
        return "latin"
    if "\u0400" <= char <= "\u04ff":
        return "cyrillic"
    return None


def _unify_word(word, dominant):
    """Read a mixed-script word in the script most of its letters are in.

    A one-letter word (an initial) takes the script of the whole text.
    """
    scripts = [_script(c) for c in word]
    latin, cyrillic = scripts.count("latin"), scripts.count("cyrillic")
    if len(word) == 1 and (latin or cyrillic):
        latin, cyrillic = (1, 0) if dominant == "latin" else (0, 1)
    if latin > cyrillic:
        return word.translate(_CYRILLIC_LOOKALIKES)
    if cyrillic > latin:
        return word.translate(_LATIN_LOOKALIKES)
    return word


def fold(text):
    """The search key of a text: lower case, one script per word, plain punctuation."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = text.translate(_PUNCTUATION)
    scripts = [_script(c) for c in text]
    dominant = "latin" if scripts.count("latin") >= scripts.count("cyrillic") else "cyrillic"
    text = _WORD.sub(lambda m: _unify_word(m.group(), dominant), text)
    return _SPACE.sub(" ", text).strip()


def search_terms(query):
    """The folded words of a query, quotes and punctuation around them dropped.

    Each must match (an AND search); punctuation inside a word stays: `khalkhin-gol`, `1-15`.
    """
    terms = (word.strip("\"'()[]{},;:.!?") for word in fold(query).split(" "))
    return [term for term in terms if term]


def sort_key(text):
    """A sort key for titles and names: folded, leading quotes and punctuation dropped."""
    return fold(text).lstrip("\"'«“([ -.")[:255]

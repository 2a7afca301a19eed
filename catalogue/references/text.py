"""Text clean-up shared by the reference parser: white space, dashes, homoglyphs, slugs."""

import re
import unicodedata

from django.utils.text import slugify

# Cyrillic and Latin letters that print alike: the search keys' table (one to one).
from ..search.folding import CYRILLIC_TWINS as _CYRILLIC
from ..search.folding import LATIN_TWINS as _LATIN
from ..search.folding import TO_CYRILLIC as _TO_CYRILLIC
from ..search.folding import TO_LATIN as _TO_LATIN

_WORD = re.compile(r"[^\W\d_]+")

# Patterns the readers of published works share: a letter of either script, a year of
# publication, a month's name in English or Russian.
LETTER = r"A-Za-zА-Яа-яЁё"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
)


_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")


def dominant_script(text):
    latin, cyrillic = len(_LATIN_LETTER.findall(text)), len(_CYRILLIC_LETTER.findall(text))
    return "latin" if latin >= cyrillic else "cyrillic"


def _first_telling_script(text, start):
    """The script of the first word from start that is longer than a letter or is a
    letter with no twin in the other script (`Д`, `F`), or None."""
    for match in _WORD.finditer(text, start):
        word = match.group()
        if len(word) > 1 or word not in _CYRILLIC + _LATIN:
            latin = len(_LATIN_LETTER.findall(word))
            cyrillic = len(_CYRILLIC_LETTER.findall(word))
            return "latin" if latin > cyrillic else "cyrillic" if cyrillic else None
    return None


def unify_homoglyphs(text):
    """Read a word printed in two scripts (`Мoscow`, `Belov Е.`) in the script of most of
    its letters. A one-letter word (an initial, the `Р` of `Р-9401`) takes the script of
    the word before it (`Belov Е.` is Latin, `Ф. Р-1` Cyrillic), or of the whole text."""
    if not (_LATIN_LETTER.search(text) and _CYRILLIC_LETTER.search(text)):
        return text  # one script only: nothing to unify (and most text is so)
    dominant = dominant_script(text)
    previous = leading = None
    out, last = [], 0
    for match in _WORD.finditer(text):
        word = match.group()
        latin = len(_LATIN_LETTER.findall(word))
        cyrillic = len(_CYRILLIC_LETTER.findall(word))
        if len(word) == 1 and word in _CYRILLIC + _LATIN:
            if previous is None and leading is None:
                # Initials that open the text (`Т., О., У. Д., and З. Н. “...”`) take the
                # script of the first word after them that tells one; found once.
                leading = _first_telling_script(text, match.end()) or dominant
            latin, cyrillic = (1, 0) if (previous or leading) == "latin" else (0, 1)
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
    if text.isprintable():  # no control, format or odd space characters: the quick path
        return " ".join(text.split())
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

"""The pieces GOST and Chicago citations share: sentences, ranges, initials, names, imprint."""

import re

from ..querysets import people_by_role, related

END_PUNCTUATION = (".", "?", "!", "…")
_RANGE = re.compile(r"^\s*(\d+)\s*[-–—]\s*(\d+)\s*$")
# Works described in Cyrillic by GOST's Russian form (see formatting.description_language).
CYRILLIC_LANGUAGES = {"ru", "uk", "be", "bg"}


def sentence(*parts):
    """Join non-empty parts with `. `, never doubling a full stop; end with one."""
    text = ""
    for part in parts:
        part = (part or "").strip()
        if not part:
            continue
        if text:
            text += " " if text.endswith(END_PUNCTUATION) else ". "
        text += part
    if text and not text.endswith(END_PUNCTUATION):
        text += "."
    return text


def strip_end(text):
    return text.strip().rstrip(".").strip() if text else ""


def dash_range(text):
    """`173-184` → `173–184`: an en dash between the numbers of a range."""
    match = _RANGE.match(text or "")
    return f"{match[1]}–{match[2]}" if match else (text or "").strip()


def numeric_range(text):
    """(first, last) of `173-184`, or None."""
    match = _RANGE.match(text or "")
    return (match[1], match[2]) if match else None


def initials(given_names):
    """`Eduard V.` → `E. V.`; `Yu. M.` stays; `Jean-Paul` → `J.-P.`."""
    result = []
    for token in (given_names or "").split():
        if token.endswith("."):
            result.append(token)
            continue
        result.append("-".join(f"{piece[0]}." for piece in token.split("-") if piece))
    return " ".join(result)


def contributions(work, role):
    return people_by_role(work).get(role, [])


def is_organisation(person):
    return person.kind == person.Kind.ORGANISATION


def language(work):
    """The work's first language code, '' when none is recorded."""
    languages = list(related(work, "languages"))
    return languages[0].code if languages else ""


def imprint(places, publishers, year):
    """`Moscow: Publisher, 1974`; several places and publishers paired when they match."""
    if places and publishers and len(places) == len(publishers):
        text = "; ".join(
            f"{place}: {publisher}" for place, publisher in zip(places, publishers, strict=True)
        )
    elif places and publishers:
        text = f"{'; '.join(places)}: {'; '.join(publishers)}"
    else:
        text = "; ".join(places or publishers)
    return ", ".join(part for part in (text, str(year) if year else "") if part)


def split_list(text):
    return [part.strip() for part in (text or "").split(";") if part.strip()]


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?\s*$")
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# GOST 7.0.12-2011, appendix: the months abbreviated (май, июнь, июль in full).
_MONTHS_RU = (
    "янв.", "февр.", "марта", "апр.", "мая", "июня", "июля", "авг.", "сент.", "окт.", "нояб.",
    "дек.",
)  # fmt: skip


def issue_date(work, lang):
    """The day of a newspaper's issue or a web page's date: `August 25, 1939` (Chicago,
    lang "en"), `25 авг.` (GOST, "ru", the year given apart); a date catalogued in another
    form is given as catalogued, and none is ''."""
    text = (work.date or "").strip()
    match = _ISO_DATE.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return text
    year, month, day = match.group(1), int(match.group(2)), match.group(3)
    if lang == "ru":
        return f"{int(day)} {_MONTHS_RU[month - 1]}" if day else ""
    name = _MONTHS_EN[month - 1]
    return f"{name} {int(day)}, {year}" if day else f"{name} {year}"

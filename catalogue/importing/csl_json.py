"""Reading a CSL-JSON file that may hold anything: each value is checked for the shape CSL
gives it before importing/files.py reads it, and a value of another shape is a message
naming its record and field, not a server error.

An upload gave a 500 on about 15 % of random records (issue 23): a month as a word in
`date-parts` (`[[2001, "May"]]`), a number of 5,000 digits (Python refuses to read or
print one), JSON nested too deeply to parse, a list or an object where text belongs.
The shapes are those of the CSL-JSON schema (citationstyles.org, csl-data.json): text
variables are strings or numbers, names are lists of objects, dates are objects whose
`date-parts` are lists of whole numbers.
"""

import json
import math

# Variables read as text. A number is text to CSL (`"volume": 5`).
TEXT = (
    "id",
    "type",
    "title",
    "original-title",
    "container-title",
    "collection-title",
    "volume",
    "issue",
    "page",
    "publisher",
    "publisher-place",
    "DOI",
    "note",
    "archive",
    "archive_location",
    "language",
)
# Text, or a list of texts: some exporters write ISBN and URL as lists.
TEXT_OR_LIST = ("ISBN", "URL")
NAMES = ("author", "editor", "translator")
NAME_PARTS = ("family", "given", "literal")
DATES = ("issued",)
DATE_TEXT = ("literal", "raw")

# A number longer than this is no page, volume or year: held as a marker while parsing
# (Python refuses to turn a string of more than 4,300 digits into an int), then refused
# with its record and field.
MAX_DIGITS = 40
# Problems listed before the rest are summed up: one list of a few is enough to act on.
MAX_PROBLEMS = 20


class HugeNumber:
    def __init__(self, digits):
        self.length = len(digits.lstrip("-"))


def _integer(digits):
    return int(digits) if len(digits) <= MAX_DIGITS else HugeNumber(digits)


def load(text):
    """The decoded JSON, or ValueError with a message for an editor."""
    try:
        return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise ValueError(f"Not valid JSON: {error}") from None
    except RecursionError:
        raise ValueError(
            "The JSON is nested too deeply to be a reference list: export it again."
        ) from None


def _is_number(value):
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _text_problem(value):
    if isinstance(value, str) and _printable(value) != value:
        return "holds a character that is not text (a lone surrogate)"
    if value is None or isinstance(value, str) or _is_number(value):
        return None
    if isinstance(value, HugeNumber):
        return f"is a number of {value.length:,} digits"
    if isinstance(value, float):
        return "is not a finite number"
    return f"must be text, not {_kind(value)}"


def _kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "text"
    return "a number"


def _date_part_problem(part):
    if isinstance(part, str) and part.strip().isdecimal() and len(part.strip()) <= 4:
        return None
    if isinstance(part, int) and not isinstance(part, bool) and -9999 <= part <= 9999:
        return None
    return f"date-parts must be whole numbers (year, month, day), not {json.dumps(_shown(part))}"


def _shown(value):
    if isinstance(value, HugeNumber):
        return f"a number of {value.length:,} digits"
    if isinstance(value, str):
        return _printable(value[:40])
    return value if _is_number(value) else _kind(value)


def _date_problem(value):
    if value is None:
        return None
    if not isinstance(value, dict):
        return f"must be an object with date-parts, not {_kind(value)}"
    for name in DATE_TEXT:
        if problem := _text_problem(value.get(name)):
            return f"{name} {problem}"
    parts = value.get("date-parts")
    if parts is None:
        return None
    if not isinstance(parts, list) or not all(isinstance(date, list) for date in parts):
        return "date-parts must be a list of dates, each a list such as [2001, 5, 3]"
    for date in parts:
        if len(date) > 3:
            return "a date in date-parts has more than three parts (year, month, day)"
        for part in date:
            if problem := _date_part_problem(part):
                return problem
    return None


def _names_problem(value):
    if value is None:
        return None
    if not isinstance(value, list):
        return f"must be a list of names, not {_kind(value)}"
    for position, name in enumerate(value, start=1):
        if not isinstance(name, dict):
            return f"name {position} must be an object with family and given names"
        for part in NAME_PARTS:
            if problem := _text_problem(name.get(part)):
                return f"name {position}: {part} {problem}"
    return None


def field_problems(item):
    """[(field, what is wrong)] of one record (a decoded JSON object)."""
    found = []
    for name in TEXT:
        if problem := _text_problem(item.get(name)):
            found.append((name, problem))
    for name in TEXT_OR_LIST:
        value = item.get(name)
        values = value if isinstance(value, list) else [value]
        if problem := next(filter(None, map(_text_problem, values)), None):
            found.append((name, problem))
    for name in NAMES:
        if problem := _names_problem(item.get(name)):
            found.append((name, problem))
    for name in DATES:
        if problem := _date_problem(item.get(name)):
            found.append((name, problem))
    return found


def _printable(text):
    """`text` as UTF-8 can carry it: JSON's `\\ud800` decodes to a lone surrogate, which
    no page (nor the database) can hold."""
    return text.encode("utf-8", "replace").decode("utf-8")


def record_name(item, index):
    """`record 3 (id “x”, “Title”)`: where an editor finds the record in the file."""
    described = []
    for name in ("id", "title"):
        value = item.get(name)
        if _is_number(value) or (isinstance(value, str) and value.strip()):
            text = _printable(str(value).strip()[:60])
            described.append(f"id “{text}”" if name == "id" else f"“{text}”")
    return f"record {index}" + (f" ({', '.join(described)})" if described else "")


def problems(items):
    """Every record's problems as sentences, the first MAX_PROBLEMS of them and a count."""
    found = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            found.append(f"Record {index} is {_kind(item)}, not a CSL-JSON object ({{…}}).")
            continue
        where = "R" + record_name(item, index)[1:]
        found += [f"{where}, “{name}”: {problem}." for name, problem in field_problems(item)]
    if len(found) > MAX_PROBLEMS:
        found = [*found[:MAX_PROBLEMS], f"… and {len(found) - MAX_PROBLEMS} more."]
    return found

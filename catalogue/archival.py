"""Archival numbers and folios, as archivists write them.

Fond, inventory, folder and file numbers are strings (`Р-9401`, `06`, `1а`, `112а`):
they sort "naturally" (2 before 10) by a key built here. Folios are written
`73-74`, `162`, `1-15 об.` (verso, Latin `ob.` or `v.`); they are parsed into
numbers for sorting and range queries, and printed back in Russian or English form.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

# What an archival number may hold: what the address of its unit's page can carry. The
# number is one segment of that address (catalogue/urls.py's converter takes exactly
# this), so a slash (`f. 33987/2`) or a control character made every page that links the
# unit fail. `.` and `..` are a segment that browsers read as "here" and "up".
NUMBER_MAX_LENGTH = 40
NUMBER_PATTERN = rf"[^/\x00-\x1f\x7f]{{1,{NUMBER_MAX_LENGTH}}}"
_NUMBER = re.compile(NUMBER_PATTERN)


def number_problem(number):
    """Why `number` cannot be an archival number (a sentence for an editor), or None."""
    if "/" in number:
        return "cannot hold a slash (“/”): the address of its page cannot carry one."
    if not _NUMBER.fullmatch(number) or number in (".", ".."):
        return (
            f"must be 1 to {NUMBER_MAX_LENGTH} characters, with no line breaks or "
            "control characters, and not “.” or “..”."
        )
    return None


def validate_number(number):
    """The field validator of every archival number (the admin's forms, full_clean)."""
    problem = number_problem(number.strip())
    if problem:
        raise ValidationError(f"The number “{number[:60]}” {problem}", code="archival_number")


_DIGITS = re.compile(r"(\d+)")
# One folio: a number, optionally followed by a verso mark (об., ob., v., verso).
_FOLIO = r"(\d+)\s*(об\.?|ob\.?|v\.?|verso)?"
_FOLIOS = re.compile(rf"^\s*{_FOLIO}\s*(?:[-–—]\s*{_FOLIO})?\s*$", re.IGNORECASE)


def natural_key(number):
    """A sort key for an archival number: digits padded, so `2` < `10` < `10а` < `Р-9401`.

    Leading zeros are kept apart (`06` sorts beside `6` but stays a different number).
    """
    parts = []
    for chunk in _DIGITS.split(number.strip().casefold()):
        if chunk.isdigit():
            parts.append(chunk.lstrip("0").rjust(12, "0") + chunk)
        else:
            parts.append(chunk)
    return "".join(parts)[:255]


@dataclass(frozen=True)
class Folios:
    first: int
    last: int
    first_verso: bool = False
    last_verso: bool = False

    @property
    def count(self):
        return self.last - self.first + 1

    def _format(self, single, plural, verso):
        def one(number, is_verso):
            return f"{number}{verso}" if is_verso else str(number)

        first = one(self.first, self.first_verso)
        if self.first == self.last and self.first_verso == self.last_verso:
            return f"{single} {first}"
        return f"{plural} {first}–{one(self.last, self.last_verso)}"

    def russian(self):
        """`Л. 162`, `Лл. 73–74`, `Лл. 1–15 об.` (GOST R 7.0.5)."""
        return self._format("Л.", "Лл.", " об.")

    def english(self):
        """`l. 162`, `ll. 73–74`, `ll. 1–15v.`."""
        return self._format("l.", "ll.", "v.")


def parse_folios(text):
    """Parse `73-74`, `162`, `1-15 об.`, `5ob.-6` into Folios, or None if it is not a range.

    A verso mark after the last number of a range (`1-15 об.`) marks the last folio's
    verso only: the range runs from folio 1 recto to folio 15 verso.
    """
    match = _FOLIOS.match(text or "")
    if not match:
        return None
    first, first_verso, last, last_verso = match.groups()
    first_number = int(first)
    last_number = int(last) if last else first_number
    if last_number < first_number or last_number > 100_000:
        return None
    if last is None:
        return Folios(first_number, first_number, bool(first_verso), bool(first_verso))
    return Folios(first_number, last_number, bool(first_verso), bool(last_verso))

"""A person's or a collective's name as a reference prints it, read into family and given
names: `Zhukov G. K.`, `G. K. Zhukov`, `Coox, Alvin D.`, `Hiroaki Kuromiya`, `Soviet Army`."""

import re

from ..citations import _is_person
from . import matching


def split_person(text):
    """`Zhukov G. K.` → ("Zhukov", "G. K."); `G. K. Zhukov` and `Coox, Alvin D.` alike;
    `Hiroaki Kuromiya` → ("Kuromiya", "Hiroaki"). Word by word, in time linear in the text
    (a regular expression with nested repeats took seconds on a run of dots)."""
    text = " ".join(text.split())
    if text.count(",") == 1:  # Coox, Alvin D.
        name, given = (part.strip() for part in text.split(","))
        if name and given:
            return name, given
    words = text.split(" ")
    if len(words) < 2:
        return text, ""
    if not _is_initial(words[0]) and all(_is_initial(word) for word in words[1:]):
        return words[0], " ".join(words[1:])
    if not _is_initial(words[-1]):
        return words[-1], " ".join(words[:-1])
    return text, ""


_INITIAL = re.compile(r"(?:[^\W\d_]{1,2}\.-?)+|[^\W\d_]")


def _is_initial(word):
    """`G.`, `Yu.`, `G.K.`, `J.-P.`, or a lone letter whose full stop a comma took."""
    return bool(_INITIAL.fullmatch(word))


def _capitalise_initials(given):
    # `yu. V.` (seed No. 14) is the initials Yu. V.
    return " ".join(part[:1].upper() + part[1:] for part in given.split())


# A Western note names people given name first: `Hiroaki Kuromiya`, `Alvin D. Coox`. Only
# in Latin script, as a Russian list puts the family name first. A collective of two
# capitalised words (`Soviet Army`) reads as a person too: the editor corrects it.
_WESTERN = re.compile(r"^(?P<given>[A-Z][a-z]+(?: [A-Z]\.)*) (?P<name>[A-Z][a-z][\w'-]*)$")


def name_from_printed(printed):
    """A matching.Name from a name as a reference prints it: a person's or a collective's."""
    printed = " ".join(printed.split())
    if match := _WESTERN.match(printed):
        return matching.Name(match.group("name"), match.group("given"))
    if _is_person(printed):
        family, given = split_person(printed)
        return matching.Name(family, _capitalise_initials(given))
    return matching.Name(printed, organisation=True)

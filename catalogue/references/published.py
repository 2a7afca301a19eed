"""Reading a published work (book, article, chapter, collection...) from its reference.

`_parse_published(text, parsed)` fills a `ParsedReference` that `parse_reference` (in
catalogue/citations.py) has found not to be archival. catalogue/citations.py imports this
module below the helpers it takes from there, so import `catalogue.citations` first.
"""

import re

from catalogue.citations import _LETTER, dash

_INITIAL = rf"[{_LETTER}]{{1,2}}\."
_SURNAME = r"[A-ZА-ЯЁ][\w'’]+(?:-[A-ZА-ЯЁ]?[\w'’]+)?"
_GIVEN = r"(?:[A-ZА-ЯЁ][a-zа-яё]+|[A-ZА-ЯЁ][a-zа-яё]?\.)(?:[\s-]+(?:[A-ZА-ЯЁ][a-zа-яё]+|[A-ZА-ЯЁ][a-zа-яё]?\.)){0,2}"
_CHICAGO_AUTHOR = re.compile(rf"^(?P<author>{_SURNAME},\s+{_GIVEN})\.?\s+(?P<rest>\S.*)$")
_PERSON_RE = re.compile(
    rf"^(?:{_SURNAME},\s+{_GIVEN}|{_SURNAME}(?:\s+(?:{_INITIAL}\s*){{0,2}}[{_LETTER}]{{1,2}}\.?)"
    rf"|(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s*){{1,3}}{_SURNAME})$"
)
_EDITOR_MARK = re.compile(r"\s*\((?:eds?|ред|отв\.\s*ред|comp|сост)\.?\)\.?\s*$", re.IGNORECASE)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_HARVARD = re.compile(
    rf"^(?P<pre>[^“”\"«»]+?)[.,]?\s+\(?(?P<year>{_YEAR})[a-z]?(?:\)\.?|\.)\s+(?P<rest>.*)$"
)
_GOST_AUTHORS = re.compile(
    rf"^(?P<authors>{_SURNAME}\s+(?:{_INITIAL}\s?){{1,2}}(?:,\s*{_SURNAME}\s+(?:{_INITIAL}\s?){{1,2}})*)\s*(?P<rest>\S.*)$"
)
_VOLUME = re.compile(r"(?<!\w)(?:[Vv]ol|Т|т|Bd)\.\s*(\d+[\w]*(?:\s*\(\d+\))?)")
_ISSUE = re.compile(
    r"(?<!\w)(?:[Nn]o\.?|№|[Ii]ss\.|Вып\.|вып\.|[Nn]r\.)\s*"
    r"(\d+[\w/-]*(?:\s*\((?!(?:1[5-9]|20)\d\d\))\d+\))?)"
)
_PAGES = re.compile(r"(?<!\w)(?:pp?\.|[СсPp]\.|S\.)\s*(\d+(?:\s*[-–—]\s*\d+)?)(?!\s*с\.)")
_PLACE_PUBLISHER = re.compile(
    r"(?P<place>[A-ZА-ЯЁ]\w{0,2}\.|[A-ZА-ЯЁ][\w’'-]*(?:[\s-][A-ZА-ЯЁ][\w’'-]+)?)\s*:\s*(?P<publisher>(?:[A-ZА-ЯЁ]\.\s*)*[^;,./]+(?:\.\s?[a-zа-яё][^;,./]*)*)"
)
_SERIES = re.compile(r"^(?:\d+(?:st|nd|rd|th) [Ss]eries|[Ss]er\.\s*\d+|[Сс]ер\.\s*\d+)$")
_PLACES_RU = {"М.": "Москва", "Л.": "Ленинград", "СПб.": "Санкт-Петербург", "M.": "Moscow"}
_QUOTE_OPEN = '“«"„'
_QUOTE_CLOSE = {"“": "”", "«": "»", '"': '"', "„": "“"}


def _split_people(text):
    text = _EDITOR_MARK.sub("", text).strip(" .,")
    if not text:
        return []
    people = re.split(
        rf",\s*(?={_SURNAME}\s)|,\s*(?=(?:[A-ZА-ЯЁ]\.\s*){{1,2}}[A-ZА-ЯЁ])|\s+(?:and|и|&)\s+", text
    )
    names = []
    for person in people:
        person = " ".join(person.split()).strip(" .,")
        if person and re.search(rf"(?:^|[\s.])[{_LETTER}]{{1,2}}$", person) and _is_person(person):
            person += "."  # the initial's full stop, eaten by the separator before the year
        if person:
            names.append(person)
    return names


def _is_person(name):
    return bool(_PERSON_RE.match(name.strip()))


def _take_quoted(text, parsed):
    """(before, title, after) if text holds a quoted title; an unclosed quote runs to the
    first imprint detail."""
    for i, char in enumerate(text):
        if char in _QUOTE_OPEN:
            close = text.find(_QUOTE_CLOSE[char], i + 1)
            if close != -1:
                return text[:i], text[i + 1 : close], text[close + 1 :]
            rest = text[i + 1 :]
            cut = _imprint_start(rest)
            parsed.doubt("title", "the quotation mark before the title is never closed")
            return text[:i], rest[:cut], rest[cut:]
    return None


# A place of publication: `Moscow`, `М.`, `Fort Leavenworth`, `Улан-Батор`; and any
# further `; Place: Publisher` pairs (No. 20 of the seed has two).
_PLACE = r"(?:[A-ZА-ЯЁ]\w{0,2}\.|[A-ZА-ЯЁ][\w’'-]*(?:[\s-][A-ZА-ЯЁ][\w’'-]+)?)"
_PLACE_PAIRS = rf"{_PLACE}\s*:\s*[^:;/]+(?:;\s*{_PLACE}\s*:\s*[^:;/]+)*$"
_IMPRINT = re.compile(
    rf"(?:^|(?<=[.,])\s)(?=(?:[Vv]ol\.|Т\.\s*\d|[Nn]o\.?\s*\d|№|pp?\.\s*\d|[СсS]\.\s*\d|In:|В кн\.|//|\d+(?:st|nd|rd|th) [Ss]eries"
    rf"|{_PLACE_PAIRS}|{_PLACE},\s*{_YEAR}\.?\s*$|(?:{_YEAR})\.?\s*$))"
)


def _imprint_start(text):
    """Where the title ends and the imprint (volume, place: publisher...) begins."""
    match = _IMPRINT.search(text)
    cut = match.start() if match else len(text)
    slashes = text.find("//")
    return min(cut, slashes) if slashes != -1 else cut


def _read_imprint(text, parsed):
    """Volume, issue, pages, place and publisher, periodical or host volume, series."""
    if match := _VOLUME.search(text):
        parsed.volume = match.group(1)
    if match := _ISSUE.search(text):
        parsed.issue = " ".join(match.group(1).split())
    if match := _PAGES.search(text):
        parsed.pages = dash(match.group(1))
    elif match := re.search(rf"\({_YEAR}\)\s*:\s*(\d+(?:\s*[-–—]\s*\d+)?)", text):
        parsed.pages = dash(match.group(1))
    places, publishers = [], []
    for match in _PLACE_PUBLISHER.finditer(text):
        place = match.group("place")
        if re.match(r"^(?:In|В кн|Vol|No|Т|С|pp?)\.?$", place):
            continue
        places.append(_PLACES_RU.get(place, place))
        publishers.append(match.group("publisher").strip(" .,"))
    if places:
        parsed.place = "; ".join(places)
        parsed.publisher = "; ".join(publishers)
    for segment in re.split(r"(?<=\.)\s+|,\s+", text):
        segment = segment.strip(" .,;")
        if _SERIES.match(segment):
            parsed.series = segment
    if match := re.search(r"(?:^|\s)(?:In:|В кн\.:?)\s*(.+?)\.?\s*$", text):
        parsed.container = match.group(1).strip(" .")
    elif match := re.search(r"//\s*(.+)$", text):
        host = re.split(
            rf"\.\s+(?:{_YEAR}|[ТтVv]ol?\.|№|[Nn]o|[СсPp]p?\.)|,\s+(?:{_YEAR}|[ТтVv]ol?\.|№|[Nn]o|[СсPp]p?\.)",
            match.group(1),
        )[0]
        host = host.strip(" .,")
        if _PLACE_PUBLISHER.search(host):
            parsed.container = host
        else:
            parsed.periodical = host
    elif match := re.match(
        r"^\s*[.,]?\s*([^.,:]+?),\s+(?:vol\.|no\.?\s*\d|№|pp?\.|Vol\.|No\.?\s*\d)", text
    ):
        parsed.periodical = match.group(1).strip(" .")
        # Chicago puts the volume after the journal's name: `Journal 24, no. 4`.
        if (volume := re.match(r"^(.+?)\s+(\d+)$", parsed.periodical)) and not parsed.volume:
            parsed.periodical, parsed.volume = volume.group(1), volume.group(2)
    if not places and (match := re.search(rf"(?:^\s*|\.\s+)({_PLACE}),\s*{_YEAR}\.?\s*$", text)):
        places.append(_PLACES_RU.get(match.group(1), match.group(1)))
        parsed.place = places[0]
    if not places:
        # A place alone at the end (`Vol. 4. Moscow.`).
        tail = re.search(r"(?:^\s*|\.\s+)([A-ZА-ЯЁ][a-zа-яё-]+|М\.|Л\.|СПб\.)\s*[.,]?\s*$", text)
        if tail and not _VOLUME.match(tail.group(1)) and tail.group(1) not in {"Vol", "No"}:
            parsed.place = _PLACES_RU.get(tail.group(1), tail.group(1))


def _harvard_names(pre):
    """Is `pre` the name part of `Names. 2011. Title...`, not a title ending in `М.: Наука`?"""
    pre = _EDITOR_MARK.sub("", pre)
    if ":" in pre or "//" in pre or " / " in pre:
        return False
    # Initials are one or two letters; a sentence break inside a name part is not.
    return not re.search(r"\.\s+[^\s.,]{3,}", pre)


def _parse_published(text, parsed):
    text = text.strip()
    harvard = _HARVARD.match(text)
    if harvard and _harvard_names(harvard.group("pre")):
        pre, rest = harvard.group("pre").strip(), harvard.group("rest")
        parsed.year = int(harvard.group("year"))
        is_editors = bool(_EDITOR_MARK.search(pre))
        people = _split_people(pre)
        quoted = _take_quoted(rest, parsed)
        if quoted:
            _, title, imprint = quoted
        else:
            cut = _imprint_start(rest)
            title, imprint = rest[:cut], rest[cut:]
        title = title.strip(" .,")
        _read_imprint(imprint, parsed)
        if not title:
            # `USSR Foreign Policy. 1946. Vol. 4. Moscow.`: the title printed in the author's place.
            parsed.title = pre.strip(" .")
            parsed.doubt(
                "title",
                "nothing follows the year but the imprint: read the name before it as the title",
            )
            people = []
        else:
            parsed.title = title
        publishers = [p.strip() for p in (parsed.publisher or "").split(";") if p.strip()]
        if people and not all(_is_person(p) for p in people):
            if publishers and [p.casefold() for p in people] == [p.casefold() for p in publishers]:
                parsed.doubt("authors", "the publisher is printed in the author's place: no author")
                people = []
            elif len(people) > 1 and {p.casefold() for p in people} <= {
                p.casefold() for p in publishers
            }:
                parsed.doubt(
                    "authors", "the publishers are printed in the author's place: no author"
                )
                people = []
            else:
                people = (
                    [pre.strip(" .")] if not is_editors else [_EDITOR_MARK.sub("", pre).strip(" .")]
                )
                parsed.doubt(
                    "authors", "the name before the year is not a person's: read as a collective"
                )
        if is_editors:
            parsed.editors = people
        else:
            parsed.authors = people
    else:
        quoted = _take_quoted(text, parsed)
        gost = _GOST_AUTHORS.match(text)
        before_people = _split_people(quoted[0]) if quoted else []
        if quoted and before_people and all(_is_person(p) for p in before_people):
            parsed.authors = before_people
            parsed.title = quoted[1].strip(" .,")
            imprint = quoted[2]
        elif quoted and not quoted[0].strip(" .,"):
            parsed.title = quoted[1].strip(" .,")
            imprint = quoted[2]
        elif gost:
            parsed.authors = _split_people(gost.group("authors"))
            rest = gost.group("rest")
            cut = _imprint_start(rest)
            parsed.title, imprint = rest[:cut].strip(" .,/"), rest[cut:]
        elif chicago := _CHICAGO_AUTHOR.match(text):
            # `Coox, Alvin D. Nomonhan: Japan against Russia, 1939. Stanford: ..., 1985.`
            parsed.authors = [chicago.group("author")]
            rest = chicago.group("rest")
            cut = _imprint_start(rest)
            parsed.title, imprint = rest[:cut].strip(" .,/"), rest[cut:]
        else:
            cut = _imprint_start(text)
            parsed.title, imprint = text[:cut].strip(" .,/"), text[cut:]
        # GOST's number of volumes belongs to the imprint: `Воспоминания: в 2 т.`
        if parsed.title:
            parsed.title = re.sub(r"\s*:\s*в\s+\d+\s+(?:т|кн)\.?$", "", parsed.title)
        # GOST responsibility: `Title / под ред. И. И. Иванова`.
        if parsed.title and " / " in parsed.title:
            parsed.title, responsibility = parsed.title.split(" / ", 1)
            if match := re.search(
                r"(?:под\s+(?:общ\.\s+)?ред\.|отв\.\s*ред\.|ed\. by|edited by)\s*(.+)",
                responsibility,
            ):
                parsed.editors = _split_people(match.group(1))
                parsed.doubt(
                    "editors", "editors' names are given as printed (in the case the print uses)"
                )
        _read_imprint(imprint, parsed)
        years = [
            m
            for m in re.finditer(rf"(?<![\d-]){_YEAR}(?![\d-])", imprint)
            if not re.match(r"\s*(?:st|nd|rd|th)", imprint[m.end() :])
        ]
        if years:
            parsed.year = int(years[0].group())
    if parsed.title is None or not parsed.title:
        parsed.title = text.strip(" .") or None
        parsed.doubt("title", "no title could be told from the rest")
    parsed.kind = _guess_kind(parsed)


def _guess_kind(parsed):
    if parsed.periodical:
        return "article"
    if parsed.container:
        return "chapter"
    if parsed.editors and not parsed.authors:
        return "edited_volume"
    return "book"

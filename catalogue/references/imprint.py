"""Reading the imprint of a published work: links, quoted titles, the journal or the
book it is printed in, volume, issue, pages, place, publisher, series and year.

Used by references/published.py. Every pattern runs in time linear in its input.
"""

import re

from .names import _read_names
from .text import MONTH as _MONTH
from .text import YEAR as _YEAR
from .text import dash

# --- links ----------------------------------------------------------------------------

_DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:?\s*)(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
_SEEN = r"\b(?:[Aa]ccessed|[Rr]etrieved|[Vv]iewed|[Aa]cesso em|просмотрено|[Дд]ата обращения)"
_ACCESS = re.compile(
    rf"\(\s*{_SEEN}[^()]{{0,60}}\)|{_SEEN}:?[^()]{{0,40}}?(?:{_YEAR}|\d\d?\.\d\d?\.\d\d)\.?"
    rf"|{_SEEN}[^().]{{0,40}}"
)
_LINK_LEAD = re.compile(
    r"(?:\b[Aa]vailable\s+(?:online\s+)?(?:at|from)|\b[Dd]ispon[ií]vel\s+em|\bдоступно\s+на"
    r"|\bРежим\s+доступа|\bURL|\[Электронный ресурс\])\s*:?",
)


_LINK_WORDS = (
    "access", "retriev", "viewed", "acesso", "просмотрено", "обращения", "available",
    "dispon", "доступ", "url", "электронный",
)  # fmt: skip


def _take_links(text, parsed):
    """Take the DOI and the URL out of text (into parsed.doi, parsed.url), with the words
    that announce them and the date they were seen."""
    lowered = text.casefold()
    touched = False
    if "10." in text and (match := _DOI.search(text)):
        parsed.doi = match.group(1).rstrip(".,;)")
        text, touched = text[: match.start()] + text[match.end() :], True
    if ("http" in lowered or "www." in lowered) and (match := _URL.search(text)):
        parsed.url = match.group().rstrip(".,;)")
        text, touched = _URL.sub(" ", text), True
    if any(word in lowered for word in _LINK_WORDS):
        text, touched = _LINK_LEAD.sub(" ", _ACCESS.sub(" ", text)), True
    if touched:
        text = re.sub(r"\s+", " ", text)
        text = re.sub(r"[,.]\s+(?=[,.](?:\s|$))", "", text)  # `, ,` and `. .` left behind
    return text.strip(" ,;:")


# --- the parts of an imprint ----------------------------------------------------------

_VOLUME = re.compile(r"(?<!\w)(?:[Vv]ol|Т|т|Bd|v)\.\s*(\d+[\w]*(?:\s*\(\d+\))?)")
_ISSUE = re.compile(
    r"(?<!\w)(?:[Nn]o\.?|№|#|[Ii]ss\.|Вып\.|вып\.|[Nn]r\.)\s*"
    r"(\d+[\w/-]*(?:\s*\((?!(?:1[5-9]|20)\d\d\))\d+\))?)"
)
_PAGES = re.compile(
    r"(?<!\w)(?:pp?\.|[СсPp]\.|S\.|Стр\.|стр\.)\s*(\d+(?:\s*[-–—]\s*\d+)?)(?!\s*с\.)"
)
_REGION = r"(?:,\s*(?:[A-Z]{2}|[A-Z][a-z]{1,5}\.(?:\s?[A-Z]\.)?|N\.\s?[A-Z]\.|Ontario|Mass\.))?"
_PLACE_PUBLISHER = re.compile(
    r"(?P<place>(?:[A-ZА-ЯЁ]\w{0,2}\.|[A-ZА-ЯЁ][\w’'-]{0,30}(?:[\s-][A-ZА-ЯЁ][\w’'-]{1,30})?)"
    rf"{_REGION})\s*:\s*"
    r"(?P<publisher>(?:[A-ZА-ЯЁ]\.\s)*[^;,./:]+(?:\.\s?[a-zа-яё][^;,./:]*)*)"
)
_SERIES = re.compile(r"^(?:\d+(?:st|nd|rd|th) [Ss]eries|[Ss]er\.\s*\d+|[Сс]ер\.\s*\d+)$")
_PLACES_RU = {"М.": "Москва", "Л.": "Ленинград", "СПб.": "Санкт-Петербург", "M.": "Moscow"}
_QUOTE_OPEN = '“«"„‘'
_QUOTE_CLOSE = {"“": "”", "«": "»", '"': '"', "„": "“", "‘": "’"}


def _closing(text, char, start):
    """Where the quotation opened by char closes: `’` closes only where no letter follows
    (`‘Ukraine’s Archives’`)."""
    close = _QUOTE_CLOSE[char]
    if close != "’":
        return text.find(close, start)
    # `‘The Soviets’ best friend in Asia’, ...`: a closing quote is followed by punctuation,
    # the end, or a word that is not a lower-case continuation (`in` and `by` excepted).
    first = -1
    at = text.find(close, start)
    while at != -1:
        after = text[at + 1 : at + 5]
        if not after[:1].isalpha():
            if first == -1:
                first = at
            if not after or after[0] in ",.;:!?)]" or not _LOWER_WORD_AFTER.match(after):
                return at
        at = text.find(close, at + 1)
    return first


_LOWER_WORD_AFTER = re.compile(r"\s(?!in\s|by\s)[a-zа-яё]")


def _take_quoted(text, parsed):
    """(before, title, after) if text holds a quoted title; an unclosed quote runs to the
    first imprint detail."""
    for i, char in enumerate(text):
        if char in _QUOTE_OPEN:
            if char == "‘" and i and text[i - 1].isalpha():
                continue
            close = _closing(text, char, i + 1)
            if close != -1:
                return text[:i], text[i + 1 : close], text[close + 1 :]
            rest = text[i + 1 :]
            cut = _imprint_start(rest)
            parsed.doubt("title", "the quotation mark before the title is never closed")
            return text[:i], rest[:cut], rest[cut:]
    return None


# A place of publication: `Moscow`, `М.`, `Fort Leavenworth`, `Улан-Батор`, `Cambridge,
# MA`; and any further `; Place: Publisher` pairs (No. 20 of the seed has two).
_PLACE = r"(?:[A-ZА-ЯЁ]\w{0,2}\.|[A-ZА-ЯЁ][\w’'-]{0,30}(?:[\s-][A-ZА-ЯЁ][\w’'-]{1,30})?)"
_PLACE_PAIRS = rf"{_PLACE}{_REGION}\s*:\s*[^:;/]+(?:;\s*{_PLACE}\s*:\s*[^:;/]+)*$"
# A parenthesised imprint: `(New York, 2004)`, `(Moscow: APN, 1998)`, `(London: HMSO)`.
_PAREN_IMPRINT = rf"\((?:[A-ZА-ЯЁ][^():]{{0,60}}:[^()]{{0,120}}|[A-ZА-ЯЁ][^()\d]{{0,60}}?,?\s{_YEAR}[^()]{{0,30}})\)"
_IMPRINT = re.compile(
    rf"(?:^|(?<=[.,?!])\s)(?=(?:[Vv]ol\.|[Vv]\.\s*\d|Т\.\s*\d|(?:[Кк]н|Ч|Вып)\.\s*\d|[Nn]o\.?\s*\d|№|pp?\.\s*\d|[СсS]\.\s*\d"
    rf"|In:|[Ii]n\s(?=[A-ZА-ЯЁ])|В кн\.|//|\d+(?:st|nd|rd|th) [Ss]eries|\d+\s+vols?\."
    rf"|(?:ed\.|eds\.|edited by|[Tt]rans\.|[Tt]ranslated by|[Cc]ompiled by|Edited by)\s"
    rf"|\d+-[еи]\s+изд\.|\[S\.\s?l\.\]"
    rf"|(?P<place>{_PLACE_PAIRS}|{_PLACE}{_REGION},?\s+{_YEAR}(?=[.,;)]|\s*$))"
    rf"|(?:{_YEAR})\.?\s*$|\d+(?:\s*[-–—]\s*\d+)?(?:,\s*\d+(?:\s*[-–—]\s*\d+)?)*\.?\s*$))"
    rf"|\s(?={_PAREN_IMPRINT})|\s*(?=:\s*[вВ]\s+\d+\s*(?:т|кн|вып|ч)\.)|\s(?=[–—-]\s+[МЛ]\.)"
)


def _imprint_start(text):
    """Where the title ends and the imprint (volume, place: publisher...) begins."""
    # A title is never a thousand characters long: looking no further keeps long text cheap.
    window = len(text) if len(text) < 1000 else 1000
    match = _IMPRINT.search(text, 0, window)
    if match and match.start() == 0 and match.group("place"):
        # `The Romanovs: Ruling Russia, 1613–1917 (London, 2009)`: a title with a subtitle
        # is not a `Place: Publisher`; the imprint starts later.
        match = _IMPRINT.search(text, 1, window)
    cut = match.start() if match else len(text)
    slashes = text.find("//")
    return min(cut, slashes) if slashes != -1 else cut


# Where a journal's or newspaper's name ends: its volume, issue, date or pages.
_CONTAINER_END = re.compile(
    rf"\s*(?:,\s*|\s+)(?=\(|\d|[Vv]ol\.|[Vv]\.\s*\d|[Nn]o\.?\s*\d|[Nn]os?\.|№|#|pp?\.|[Ii]ss\."
    rf"|Т\.|С\.|[Кк]н\.|Вып\.|(?:{_MONTH})(?:\W|$)|\[S\.|[Ss]pring|[Ss]ummer|[Ww]inter|[Ff]all|[Aa]utumn)"
    rf"|\s*\.\s+(?={_YEAR}|[Vv]ol\.|Т\.|№|[Nn]o\.|С\.|[Кк]н\.|[A-ZА-ЯЁ]\w{{0,2}}\.?,?\s{_YEAR}|[A-ZА-ЯЁ][\w-]+,\s{_YEAR})"
    rf"|\s*\.\s*$|\s*,\s*(?=[A-ZА-ЯЁ][\w-]+,\s*{_YEAR})"
)
_DAY_DATE = re.compile(
    rf"(?:{_MONTH})\s+\d{{1,2}},?\s+{_YEAR}|\b\d{{1,2}}\s+(?:{_MONTH})\s+{_YEAR}"
    rf"|\b\d{{1,2}}\.\d{{1,2}}\.{_YEAR}|\b\d{{1,2}}\s+(?:{_MONTH})"
)


def _read_journal(text, parsed):
    """The journal's name at the start of text (`Journal of Slavic Military Studies 24,
    no. 4 (2011): 659–677`): into parsed.periodical, its bare volume into parsed.volume."""
    text = text.lstrip(' ,.:’”»"')
    text = re.sub(r"^(?:ж\.|журн\.|журнал)\s+", "", text)
    match = _CONTAINER_END.search(text)
    name = text[: match.start()] if match else text
    name = name.strip(" ,.:")
    if not name or not (name[0].isupper() or name[0].isdigit()):
        return None
    parsed.periodical = name
    after = text[match.end() :] if match else ""
    if not parsed.volume and (
        volume := re.match(r"\s*(\d+[A-Za-z]?)(?=[\s,(:]|\.(?!\d)|$)", after)
    ):
        if not _YEAR_START.match(volume.group(1)):
            parsed.volume = volume.group(1)
    return after


def _read_host(text):
    """The book a chapter is printed in, after `in`, `In:`, `В кн.:`: its editors are
    skipped (`in J. Arch Getty and Roberta T. Manning, eds., Stalinist Terror`)."""
    text = text.strip(" ,.:")
    people, end, editors = _read_names(text)
    rest = text[end:].lstrip(" ,.:")
    if people and (editors or _GOST_PERSON.match(text)) and rest:
        # The book's editors or author (`// Чехов А. П. Сочинения`) are the book's, not the
        # chapter's: the container is the book's title alone.
        text = rest
    cut = _imprint_start(text)
    host = text[:cut].strip(" ,.:/")
    return host, text[cut:]


_GOST_PERSON = re.compile(r"[A-ZА-ЯЁ][\w'’-]+\s(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?){1,3}(?!\w)")


_TRAILING_PAGES = re.compile(r"(?:\)\s*[,:]?|,)\s*(\d+(?:\s*[-–—]\s*\d+)?)\.?\s*$")
_APA_ISSUE = re.compile(r"(?<=\d)\s?\((\d{1,3}(?:[-–/]\d{1,3})?)\)")


def _read_imprint(text, parsed):
    """Volume, issue, pages, place and publisher, journal or host volume, series."""
    if match := _VOLUME.search(text):
        parsed.volume = match.group(1)
    if match := _ISSUE.search(text):
        parsed.issue = " ".join(match.group(1).split())
    if match := _PAGES.search(text):
        parsed.pages = dash(match.group(1))
    elif match := _PAGES_AFTER_YEAR.search(text):
        parsed.pages = dash(match.group(1))
    elif (match := _TRAILING_PAGES.search(text)) and not _YEAR_ONLY.fullmatch(match.group(1)):
        # `(Cambridge, 2006), 268–301.`, `Soviet Studies, 45(2), 221–240.`
        parsed.pages = dash(match.group(1))
    if not parsed.issue and (match := _APA_ISSUE.search(text)):
        parsed.issue = match.group(1)
    imprint = text
    if match := re.search(r"(?:^|\s)(?:In:|В кн\.:?|[Ii]n\s(?=[A-ZА-ЯЁ]))\s*(.+?)\.?\s*$", text):
        host, imprint = _read_host(match.group(1))
        parsed.container = host or match.group(1).strip(" .")
    places, publishers = [], []
    for match in _PLACE_PUBLISHER.finditer(imprint):
        place = match.group("place")
        if re.match(r"^(?:In|В кн|Vol|No|Т|С|pp?|Available|URL)\.?$", place):
            continue
        places.append(_PLACES_RU.get(place, place))
        publishers.append(match.group("publisher").strip(" .,"))
    if journal := re.search(r":\s*(?:ж|журн)\.\s*([^,.;:]+)", imprint):
        # `М.: ж. Родина, 1991`: the journal (ж., журнал) in the publisher's place.
        parsed.periodical, publishers = journal.group(1).strip(), []
    if places:
        parsed.place = "; ".join(places)
        parsed.publisher = "; ".join(publishers) or None
    if "ser" in text or "Ser" in text or "сер" in text.casefold():
        for segment in re.split(r"(?<=\.)\s+|,\s+", text):
            segment = segment.strip(" .,;()")
            if _SERIES.match(segment):
                parsed.series = segment
    if not parsed.container and (match := re.search(r"//\s*(.+)$", text)):
        host_text = match.group(1)
        if _GOST_PERSON.match(host_text):
            host_text = host_text[_GOST_PERSON.match(host_text).end() :]
        host = re.split(
            rf"\.\s+(?:{_YEAR}|[Тт]\.|[Vv]ol\.|№|[Nn]o|[СсPp]p?\.|[МЛ]\.|[A-ZА-ЯЁ][\w-]+[:,]\s)"
            rf"|,\s+(?:{_YEAR}|[Тт]\.|[Vv]ol\.|№|[Nn]o|[СсPp]p?\.)",
            host_text,
        )[0]
        after_host = host_text[len(host) :]
        host = host.strip(" .,")
        # A journal's year and number follow its name; a book's place and publisher.
        if not re.match(
            rf"[\s.,]*(?:{_YEAR}|№|[Nn]o\.?\s*\d|[Vv]ol\.|Т\.\s*\d+[,.]\s*№)", after_host
        ) and (
            _PLACE_PUBLISHER.search(after_host)
            or re.search(rf"\.\s+(?:[МЛ]\.|[A-ZА-ЯЁ][\w-]+),\s+{_YEAR}", host_text)
        ):
            parsed.container = host
        else:
            parsed.periodical = host
    if parsed.periodical:
        return  # a journal's imprint has no place
    if not places and (match := _PLACE_YEAR.search(text)):
        name = match.group(1)
        if _PUBLISHER_WORDS.search(name):
            # MLA: `Belknap Press, 2005` is the publisher and the year.
            parsed.publisher = name
        elif not _NOT_A_PLACE.match(name):
            places.append(_PLACES_RU.get(name, name))
            parsed.place = places[0]
    if not places and not parsed.publisher:
        # A place alone at the end (`Vol. 4. Moscow.`).
        tail = re.search(r"(?:^\s*|\.\s+)([A-ZА-ЯЁ][a-zа-яё-]+|М\.|Л\.|СПб\.)\s*[.,]?\s*$", text)
        if tail and not _VOLUME.match(tail.group(1)) and tail.group(1) not in {"Vol", "No"}:
            parsed.place = _PLACES_RU.get(tail.group(1), tail.group(1))


_IMPRINT_YEARS = (
    re.compile(_PAREN_IMPRINT),
    re.compile(rf"(?:^|[\s.,(]){_PLACE}{_REGION}\s*:[^:;()]{{0,80}}?,\s*{_YEAR}(?![\d–—-])"),
    re.compile(rf"(?:^|[\s.,(]){_PLACE}{_REGION},\s*{_YEAR}(?![\d–—-])"),
)


_PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|University|UP|Books|Publishers?|Publishing|Verlag|[ÉE]ditions|Routledge|Macmillan"
    r"|Brill|Harvard|Yale|Princeton)\b|[Ии]зд"
)


def _first_year(text):
    """The year of publication in an imprint: the year of `(Place: Publisher, Year)` or
    `Place, Year` if there is one, else the first year not inside a span of years
    (`1931–1933`) and not an ordinal (`1945th`)."""
    for pattern in _IMPRINT_YEARS:
        if (match := pattern.search(text)) and (year := _any_year(match.group())):
            return year
    return _any_year(text)


def _any_year(text):
    for match in _A_YEAR.finditer(text):
        if _NOT_A_YEAR_AFTER.match(text, match.end()):
            continue
        return int(match.group())
    return None


_YEAR_START = re.compile(rf"{_YEAR}\b")
_PAGES_AFTER_YEAR = re.compile(rf"\({_YEAR}[^()]{{0,3}}\)\s*:\s*(\d+(?:\s*[-–—]\s*\d+)?)")
_PLACE_YEAR = re.compile(rf"(?:^\s*|[.,(]\s*)({_PLACE}){_REGION},?\s*{_YEAR}\)?\.?")
_NOT_A_PLACE = re.compile(rf"^(?:In|Vol|No|Т|С|pp?|{_MONTH})\.?$")
_A_YEAR = re.compile(rf"(?<![\d–—-]){_YEAR}(?![\d])")
_NOT_A_YEAR_AFTER = re.compile(r"\s*(?:st|nd|rd|th|[–—-]\d)")
_RU_PLACE_YEAR = re.compile(rf"(?:^|\s)[МЛ]\.,\s*{_YEAR}")
_YEAR_ONLY = re.compile(_YEAR)

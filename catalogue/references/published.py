"""Reading a published work (book, article, chapter, collection...) from its reference.

`_parse_published(text, parsed)` fills a `ParsedReference` that `parse_reference` (in
catalogue/citations.py) has found not to be archival. catalogue/citations.py imports this
module below the helpers it takes from there, so import `catalogue.citations` first.

The grammar, style by style (docs/reading-published.md has an example of each):
- the authors come first, read word by word (`_read_names`); a Harvard or APA year may
  follow them (`Kuzmin S. L. 2016.`, `Smith, J. (2010)`);
- the title is quoted (Chicago, MLA, Oxford: “...”, ‘...’, «...»), or runs to the imprint:
  `//` (GOST), ` / ` (GOST responsibility), `In:` or `in` (a chapter), a parenthesised
  imprint `(Place: Publisher, Year)` (Chicago notes), `Place: Publisher`, `М., 1970`,
  `, ed.`, `vol.`, `Т.`, `№`, `pp.`, `С.`;
- after a quoted title come the journal or the book (`Journal 24, no. 4 (2011): 659–677`,
  `in Name, ed., Book (Place, Year)`), after a GOST `//` the same.
Every pattern here runs in time linear in its input (no nested quantifiers that can
backtrack); names are read by a loop over words, not by one regular expression.
"""

import re
from functools import lru_cache

from catalogue.citations import _LETTER, dash

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
)

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


# --- where one reference ends, and what comes before it ------------------------------

# `See`, `See, e.g.,`, `On this see`, `Quoted in`, `Цит. по:`, `Подробнее см.:`: up to three
# words, then a cue, then the reference.
_LEAD_IN = re.compile(
    r"^(?:[^\W\d_]+[\s,]+){0,3}?"
    r"(?:see\s+also|see|cf\.|compare|quoted\s+in|cited\s+in|цит\.\s*по|см\.(?:\s+также)?|ср\.)"
    r"(?:,?\s*(?:e\.\s?g\.|for\s+example|among\s+others|напр\.|например),?)?"
    r"(?:\s*:\s*|[,.]?\s+|[,:.]?\s*$)"
    r"|^(?:also|e\.\s?g\.),?\s+",
    re.IGNORECASE,
)
# `The letter is reproduced in ...`, `Текст письма опубликован: ...`.
_PUBLISHED_VERBS = (
    "reproduc", "reprint", "publish", "quoted", "cited", "опубликов", "републиков", "напечатан",
)  # fmt: skip
_PUBLISHED_IN = re.compile(
    r"^[^“”‘’«»\"():;]{0,80}?\b(?:reproduced|reprinted|published|quoted|cited|опубликован\w*"
    r"|републикован\w*|напечатан\w*)(?:\s+in|\s+в)?\s*:?\s+",
    re.IGNORECASE,
)
# A document cited from a collection: `Doc. 116 in ...`, `Stalin to Kaganovich, Aug. 27,
# 1933, in ...`: the work cited is the collection.
_DOCUMENT_IN = re.compile(
    rf"^(?:[^“”‘«»\"]{{0,80}}?\b(?:[Dd]oc|[Dd]ocs|[Dd]ocument|[Дд]ок|[Ll]etter|[Пп]исьмо)\.?\s*\d+|[^“”‘«»\"();]{{0,250}}?"
    rf"(?:{_MONTH})\s+\d{{1,2}},\s+{_YEAR})[^;“”‘«»\"()]{{0,40}}?"
    # `..., in Collection` or `... (Editor, ed., Collection (Place, Year))`
    rf"(?:,?\s+in\s+(?=[A-ZА-ЯЁ])|\s\((?=[^()]{{0,80}}?,\s*eds?\.,))"
)
_JOURNAL_CUE = re.compile(
    r"\b(?:в журнале|в газете|in the journal|in the newspaper)\s*:?\s+", re.IGNORECASE
)
# `... in her book`, `... in his recent article:`, `... в своей монографии`: a work follows.
_WORK_CUE = re.compile(
    r"\s(?:in|on)\s+(?:his|her|their)\s+(?:[a-z]+\s+)?(?:book|monograph|study|article|essay"
    r"|memoirs?|dissertation|thesis)\b[,:]?\s*"
    r"|\sв\s+(?:своей|своём|своем|его|её|ее|их)\s+(?:книге|монографии|статье|работе"
    r"|диссертации|воспоминаниях)\b[,:]?\s*",
)


def _named_in_prose(text):
    """The first run of capitalised words and initials in a sentence that is a list of
    people (`Tetiana Boriak has summarized...`, `Эту статью ... Б. Н. Волков опубликовал`),
    or []. A single word is not enough: a person is named by two words or more."""
    run = []
    for match in re.finditer(r"\S+", text[:300]):
        word = match.group()
        if word[0].isupper() and not re.search(r"[«»“”\"()\d]", word):
            run.append(match)
            continue
        if len(run) > 1:
            break
        run = []
    if len(run) < 2:
        return []
    names = text[run[0].start() : run[-1].end()].rstrip(",;:")
    people, end, editors = _read_names(names)
    return people if people and not editors and not names[end:].strip(" .,") else []


_REFERENCE_IN_BRACKETS = re.compile(r"\s\(([^()]{15,300})\)\.?$")
_PLACE_AHEAD = re.compile(r"\s*(?:[A-ZА-ЯЁ][\w.’'-]{0,30}\s*){1,3}:")


def _first_reference(text):
    """The first reference of a note that holds several (`...; Snyder, Bloodlands, 42.`):
    the text up to the first `;` outside brackets and quotes, unless a place follows
    (`М.; Л.: Наука`), or up to `. See also`; prose before `См.:` or `See` is dropped."""
    while True:
        at = text.find(";", 16)
        while at != -1:
            head = text[:at]
            closed = head.count("(") + head.count("[") <= head.count(")") + head.count("]")
            unquoted = head.count("“") + head.count("«") <= head.count("”") + head.count("»")
            if closed and unquoted and not _PLACE_AHEAD.match(text, at + 1):
                return head.strip()
            at = text.find(";", at + 1)
        match = _SEE_AGAIN.search(text)
        if match is None:
            return text
        head = text[: match.start() + 1]
        if _REFERENCE_SIGN.search(head):
            return head.strip()  # `Title (1994), 12. See also ...`: the first reference
        # `Например, ее цитирует Монтефиоре. См.: Монтефиоре С. С. ...`: prose, then it.
        text = text[match.end() :]


_SEE_AGAIN = re.compile(
    r"(?<=.{15})[.;,]\s+(?:[Ss]ee\s+also|[Ss]ee|[Cc]f\.|[Сс]м\.(?:\s+также)?|[Сс]р\.)\s*:?\s"
)


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


# Patterns used inline below, compiled once.
_LAST_INITIAL = re.compile(rf"(?:^|[\s.])[{_LETTER}]{{1,2}}$")
_REFERENCE_SIGN = re.compile(rf"(?<!\d){_YEAR}(?!\d)|[“«‘\"]|//")
_YEAR_START = re.compile(rf"{_YEAR}\b")
_PAGES_AFTER_YEAR = re.compile(rf"\({_YEAR}[^()]{{0,3}}\)\s*:\s*(\d+(?:\s*[-–—]\s*\d+)?)")
_PLACE_YEAR = re.compile(rf"(?:^\s*|[.,(]\s*)({_PLACE}){_REGION},?\s*{_YEAR}\)?\.?")
_NOT_A_PLACE = re.compile(rf"^(?:In|Vol|No|Т|С|pp?|{_MONTH})\.?$")
_A_YEAR = re.compile(rf"(?<![\d–—-]){_YEAR}(?![\d])")
_NOT_A_YEAR_AFTER = re.compile(r"\s*(?:st|nd|rd|th|[–—-]\d)")
_RU_PLACE_YEAR = re.compile(rf"(?:^|\s)[МЛ]\.,\s*{_YEAR}")
_YEAR_ONLY = re.compile(_YEAR)


# --- the reference as a whole ---------------------------------------------------------

_HARVARD = re.compile(
    rf"^(?P<pre>[^“”\"«»]+?)[.,]?\s+\(?(?P<year>{_YEAR})[a-z]?(?:\)[.,]?|\.)\s+(?P<rest>.*)$"
)


def _harvard_names(pre):
    """Is `pre` the name part of `Names. 2011. Title...`, not a title ending in `М.: Наука`?"""
    pre = _EDITOR_MARK.sub("", pre)
    if ":" in pre or "//" in pre or " / " in pre or "(" in pre:
        return False
    people, end, _editors = _read_names(pre.strip())
    if people and not pre.strip()[end:].strip(" .,"):
        return True
    # Initials are one or two letters; a sentence break inside a name part is not.
    # A collective's name (`Institute of Military History`) has no numbers (`Т. 22. Кн. 1`).
    return not re.search(r"\.\s+[^\s.,]{3,}|,\s+[a-zа-яё]|\d", pre)


def _parse_published(text, parsed):
    text = _take_links(text.strip(), parsed)
    text = _first_reference(text)
    text = _LEAD_IN.sub("", text, count=1)
    lowered = text[:200].casefold()
    if (
        any(verb in lowered for verb in _PUBLISHED_VERBS)
        and not re.match(r"\W*[“‘«\"]", text)
        and (match := _PUBLISHED_IN.match(text))
    ):
        text = text[match.end() :]
    from_collection = False
    quoted_first = re.match(r"\W*[“‘«\"]", text)
    prose_author = []
    if not quoted_first and (cue := _WORK_CUE.search(text, 0, 300)):
        # `Tetiana Boriak has summarized this in her book 1933: ... (Kyiv: Clio, 2016)`:
        # prose names the author, the cue says a work follows.
        prose_author, text = _named_in_prose(text[: cue.start()]), text[cue.end() :]
    if (cue := _JOURNAL_CUE.search(text, 0, 200)) and not quoted_first:
        # `... опубликовал в журнале: Русское обозрение, 1921, № 5`: what follows is a journal.
        prose_author = prose_author or _named_in_prose(text[: cue.start()])
        if prose_author:
            parsed.authors = prose_author
            parsed.doubt("authors", "read from the prose around the reference")
        text = text[cue.end() :]
        after = _read_journal(text, parsed)
        if after is not None:
            parsed.title = parsed.periodical
            parsed.doubt(
                "title", "no title of its own is printed: the journal's name stands for it"
            )
            _read_imprint(after, parsed)
            parsed.year = _any_year(after)
            parsed.kind = _guess_kind(parsed, text)
            return
    if (" in " in text or "ed.," in text) and (match := _DOCUMENT_IN.match(text)):
        text, from_collection = text[match.end() :], True
    elif text.endswith((")", ").")) and (inner := _REFERENCE_IN_BRACKETS.search(text)):
        # `... это повторено в биохронике (Сталин И. В. Сочинения. Т. 1. С. 416).`: prose,
        # and the reference in brackets at its end.
        if not _read_names(text)[0] and _read_names(inner.group(1))[0]:
            text = inner.group(1)
    harvard = _HARVARD.match(text)
    if (issue := _PERIODICAL_ISSUE.match(text)) and not _is_person(issue.group("name")):
        # `Правда. 1939. 25 августа.`, `Известия. 1939. № 201.`: an issue of a periodical.
        parsed.title = parsed.periodical = issue.group("name").strip()
        parsed.year = int(issue.group("year"))
        _read_imprint(text[issue.end() :], parsed)
    elif harvard and _harvard_names(harvard.group("pre")):
        _read_harvard(harvard, parsed)
    else:
        _read_note(text, parsed)
    if prose_author and not parsed.authors and not parsed.editors:
        parsed.authors = prose_author
        parsed.doubt("authors", "read from the prose around the reference")
    if parsed.title is None or not parsed.title:
        if parsed.url:
            parsed.title = parsed.url.rstrip("/").rsplit("/", 1)[-1] or parsed.url
            parsed.doubt("title", "no title is printed: the last part of the link stands for it")
        else:
            parsed.title = text.strip(" .") or None
            parsed.doubt("title", "no title could be told from the rest")
    parsed.kind = _guess_kind(parsed, text, from_collection)


_APA_CONTRIBUTOR = re.compile(r"\s\([^()]{2,80}?,\s*(?:Trans|Eds?|Ed|Comp)\.\)")
_APA_BOOK = re.compile(r"^(?P<title>.+?[^\s.]{2})\.\s+(?P<publisher>[A-ZА-ЯЁ][^.]{2,80}?)\.?\s*$")


# A book's imprint right after its title: `. М.: Вече, 2011`, `. Moscow, 1999`, `(London, 1992)`.
_BOOK_IMPRINT = re.compile(
    rf"[\s.,:–—-]*(?:{_PLACE_PAIRS}|{_PLACE}{_REGION},\s*{_YEAR}(?![\d–—-])|\(?[МЛ]\.[,:])"
)


_PERIODICAL_ISSUE = re.compile(
    rf"^(?P<name>[^.:;/“”«»\"]{{2,60}}?)[.,]\s+(?P<year>{_YEAR})[.,]\s+"
    rf"(?=№\s*\d|[Nn]o\.\s*\d|\d{{1,2}}\s+(?:{_MONTH}))"
)


def _read_harvard(harvard, parsed):
    pre, rest = harvard.group("pre").strip(), harvard.group("rest")
    parsed.year = int(harvard.group("year"))
    is_editors = bool(_EDITOR_MARK.search(pre))
    people = _split_people(pre)
    quoted = _take_quoted(rest, parsed)
    if quoted and not quoted[0].strip(" .,"):
        _, title, imprint = quoted
        if not re.match(r"\s*(?:In:|In\s|in\s|//|В кн)", imprint) and not _BOOK_IMPRINT.match(
            imprint
        ):
            after = _read_journal(imprint, parsed)
            if after is not None:
                imprint = after
    else:
        # APA: `Title (N. S. Favorov, Trans.). Publisher.`: the translator is not the title.
        rest = _APA_CONTRIBUTOR.sub("", rest, count=1)
        cut = _imprint_start(rest)
        title, imprint = rest[:cut], rest[cut:]
        if cut == len(rest) and (book := _APA_BOOK.match(rest)):
            # APA 7: `Title of book. Publisher.`, no place.
            title, imprint = book.group("title"), ""
            parsed.publisher = book.group("publisher")
        # APA: `Title of article. Journal Name, 24(4), 659–677.`
        if "//" not in rest and (journal := _UNQUOTED_JOURNAL.match(rest)):
            title, imprint = journal.group("title"), rest[journal.start("journal") :]
            _read_journal(imprint, parsed)
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
            parsed.doubt("authors", "the publishers are printed in the author's place: no author")
            people = []
        else:
            people = [_EDITOR_MARK.sub("", pre).strip(" .")]
            parsed.doubt(
                "authors", "the name before the year is not a person's: read as a collective"
            )
    if is_editors:
        parsed.editors = people
    else:
        parsed.authors = people


def _read_note(text, parsed):
    """Chicago, Oxford and MLA notes and bibliographies, GOST, and title-first references."""
    quoted = _take_quoted(text, parsed)
    quoted_with = text[len(quoted[0])] if quoted else None
    title_done = False
    imprint = ""
    if quoted:
        before, title, after = quoted
        lead = before.strip(" ,.:")
        people, end, editors = _names_before_quote(before)
        by = re.match(r"^\s*[,.]?\s*by\s+", after)
        if people or not lead:
            if by and not people:
                people, end, editors = _read_names(after[by.end() :])
                after = after[by.end() + end :]
            parsed.title = title.strip(" .,")
            if editors:
                parsed.editors = people
            else:
                parsed.authors = people
            # `«Дело Михоэлса»: новый взгляд. ...`, `«Кантокуэн» – «Барбаросса» по-японски`:
            # Russian guillemets open a longer title, printed with its quotation marks.
            if quoted_with == "«" and re.match(r"\s*(?:[:–—-]|[^\s.,;/])", after):
                cut = _imprint_start(after)
                parsed.title = ("«" + title + "»" + after[:cut]).strip(" .,")
                after = after[cut:]
            imprint = after
            title_done = True
    if not title_done:
        people, end, editors = _read_names(text)
        rest = text[end:].lstrip(" ,.:") if people else text
        cut = _imprint_start(rest)
        if people and not rest[:cut].strip(" .,/"):
            # No title after the names (`Russkii Arkhiv, vol. 13`): they were the title.
            people, editors, rest = [], False, text
            cut = _imprint_start(rest)
        if editors:
            parsed.editors = people
        else:
            parsed.authors = people
        parsed.title, imprint = rest[:cut].strip(" .,/"), rest[cut:]
        if (
            not people
            and re.match(r"[\s,.]*(?:[Nn]o\.\s*\d|№\s*\d)", imprint)
            and not _PLACE_PUBLISHER.search(imprint)
            and not _RU_PLACE_YEAR.search(imprint)
        ):
            # `Istoricheskii Archiv, no. 2, 1994`: a journal's issue cited by its name.
            parsed.periodical = parsed.title
        if "//" not in rest and (journal := _UNQUOTED_JOURNAL.match(rest)):
            # APA, ABNT, Vancouver: `Title of article. Journal Name, 24(4), 659–677.`
            parsed.title, imprint = journal.group("title"), rest[journal.start("journal") :]
            title_done = True
    if parsed.title:
        # GOST's number of volumes belongs to the imprint: `Воспоминания: в 2 т.`
        parsed.title = re.sub(r"\s*:\s*[вВ]\s+\d+\s+(?:т|кн|вып)\.?$", "", parsed.title)
    # GOST responsibility: `Title / под ред. И. И. Иванова`.
    if parsed.title and " / " in parsed.title:
        parsed.title, responsibility = parsed.title.split(" / ", 1)
        if match := re.search(
            r"(?:под\s+(?:общ\.\s+)?ред\.|отв\.\s*ред\.|сост\.|ed\. by|edited by|comp\.)\s*(.+)",
            responsibility,
        ):
            parsed.editors = _split_people(match.group(1))
            parsed.doubt(
                "editors", "editors' names are given as printed (in the case the print uses)"
            )
    if thesis := _THESIS_WORDS.search(imprint[:300].casefold()):
        # `PhD diss., University of Chicago, 2005`: the university stands for the publisher.
        if university := re.match(r"[^,]*,\s*([^,]+?),", imprint[thesis.start() :]):
            parsed.publisher = university.group(1)
    elif (
        title_done
        and not re.match(r"\s*[,.]?\s*(?:In:|in\s|In\s|//|В кн)", imprint)
        and not _BOOK_IMPRINT.match(imprint)
    ):
        after = _read_journal(imprint, parsed)
        if after is not None:
            imprint = after
    elif match := re.search(r"(?:^|[\s,.])(?:ed\.|edited by|под ред\.)\s+", imprint):
        # `ed. Ivo Banac (New Haven, 2003)`: the names end where the imprint begins.
        people, _end, _editors = _read_names(imprint[match.end() :].split("(", 1)[0])
        if people and not parsed.authors and not parsed.editors:
            parsed.editors = people
    _read_imprint(imprint, parsed)
    parsed.year = _any_year(imprint) if parsed.periodical else _first_year(imprint)


_UNQUOTED_JOURNAL = re.compile(
    rf"^(?P<title>[^.]{{8,}}?[^\s.]{{3}})\.\s+(?P<journal>[A-ZА-ЯЁ][^.,:;]{{2,80}}),\s*"
    rf"(?:(?!{_YEAR}\b)\d{{1,4}}\s*[,(:]|[Vv]ol\.|v\.\s*\d|[Nn]o\.|\[S\.)"
)


def _names_before_quote(before):
    """The authors just before a quoted title (`Hiroaki Kuromiya, “...`), found after any
    words that lead to them (`The letter is reproduced in E. Zhukova, “...`)."""
    stripped = before.rstrip(" ,:")
    if not stripped.strip("."):
        return [], 0, False
    starts = [0] + [m.end() for m in re.finditer(r"(?:\s(?:in|by|и|в)\s|:\s)", stripped)]
    for start in starts[:6]:
        people, end, editors = _read_names(stripped[start:])
        if people and not stripped[start + end :].strip(" ,.:"):
            return people, end, editors
    if people := _initials_only(stripped):
        return people, len(stripped), False
    return [], 0, False


_ONE_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.\s?){1,3}")
_INITIALS_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|&\s*|и\s+)?|\s+(?:and|&|и)\s+")


def _initials_only(text):
    """People printed by their initials alone (Mongolian usage: `Т., О., У. Д., and З.
    Н.`), before a quoted title and nothing else. MLA inverts the first author only, so
    two single initials at the head (`Т., О.`) are one person, family then given."""
    text = text.strip(" ,:")
    if len(text) > 80 or not text.endswith("."):
        return []
    parts = _INITIALS_SEPARATOR.split(text)
    if len(parts) < 2 or not all(_ONE_INITIALS.fullmatch(p.strip() + " ") for p in parts):
        return []
    parts = [p.strip() for p in parts]
    if len(parts) > 2 and len(parts[0]) == len(parts[1]) == 2 and text[2:3] == ",":
        parts[:2] = [f"{parts[0]}, {parts[1]}"]
    return parts


_DOCUMENT_WORDS = re.compile(
    r"документ|материал|сборник|переписк|протокол|стеногр|резолюц|постановлени|приказ|съезд"
    r"|конференци|пленум|dokument|documents?\b|materialy|materials|sbornik|perepisk|protokol"
    r"|stenogr|rezoliuts|prikaz|correspondence|papers\b|records\b|foreign relations|lageberichte"
)
_THESIS_WORDS = re.compile(r"\b(?:dissertation|thesis|diss\.|дисс?\.|диссертаци|автореф)")
_COMPILERS = re.compile(r"\bсост\.|составител|\bcomps?\.|\bcompiled by", re.IGNORECASE)
_OTHER_WORDS = re.compile(
    r"\b(?:unpublished|lecture|paper (?:presented|delivered|read)|interview)\b", re.IGNORECASE
)
_NEWSPAPER_WORDS = re.compile(r"газета|gazeta|\bTimes\b|Zeitung|\bNews\b|Pravda|Правда")


def _guess_kind(parsed, text="", from_collection=False):
    # The words that tell a kind stand near the start of a real reference; looking no
    # further keeps hostile text cheap.
    title, text = (parsed.title or "")[:300].casefold(), text[:600]
    if _THESIS_WORDS.search(text.casefold()):
        return "thesis"
    if parsed.periodical:
        if (_DAY_DATE.search(text) and not parsed.volume) or _NEWSPAPER_WORDS.search(
            parsed.periodical
        ):
            return "newspaper"
        if parsed.url and not (parsed.volume or parsed.issue or parsed.pages):
            return "webpage"  # `“Mongolia,” Encyclopaedia Britannica, accessed ..., URL`
        return "article"
    if parsed.container:
        if parsed.issue and not (parsed.place or parsed.publisher):
            # `“...” in Cahiers du Monde russe, vol. 38, no. 3`: a journal, not a book.
            parsed.periodical, parsed.container = parsed.container, None
            return "article"
        return "chapter"
    if _OTHER_WORDS.search(text):
        return "other"
    if parsed.url and not (parsed.publisher or parsed.place or parsed.volume):
        return "webpage"
    at = text.find(parsed.title[:30]) if parsed.title else -1
    if at > 0 and text[at - 1] in _QUOTE_OPEN and not (parsed.publisher or parsed.place):
        # Quotation marks set off a part of a work (an article, a chapter); with no journal
        # or book printed (a short form: `Donetskaia, ‘Iz istorii’, p. 304`), an article.
        parsed.doubt("kind", "a quoted title with no journal or book: read as an article")
        return "article"
    if from_collection:
        return "document_collection"
    if _DOCUMENT_WORDS.search(title):
        parsed.doubt("kind", "a collection of documents, read from the words of its title")
        return "document_collection"
    if parsed.editors and not parsed.authors:
        if _COMPILERS.search(text):
            parsed.doubt("kind", "compilers and no author: read as a collection of documents")
            return "document_collection"
        parsed.doubt("kind", "editors and no author: an edited volume, or documents they edited")
        return "edited_volume"
    return "book"

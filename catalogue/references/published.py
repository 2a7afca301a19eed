"""Reading a published work (book, article, chapter, collection...) from its reference.

`_parse_published(text, parsed)` fills a `ParsedReference` that `parse_reference` (in
catalogue/citations.py) has found not to be archival.

Its parts are read in modules of their own: the people (references/names.py), the
imprint, journal and book (references/imprint.py), and the prose and lead-ins around a
reference (references/prose.py).

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

from .imprint import (
    _DAY_DATE,
    _PLACE,
    _PLACE_PAIRS,
    _PLACE_PUBLISHER,
    _QUOTE_OPEN,
    _REGION,
    _RU_PLACE_YEAR,
    _any_year,
    _first_year,
    _imprint_start,
    _read_imprint,
    _read_journal,
    _take_links,
    _take_quoted,
)
from .names import (
    _EDITOR_MARK,
    _is_person,
    _read_names,
    _split_people,
)
from .prose import (
    _DOCUMENT_IN,
    _JOURNAL_CUE,
    _LEAD_IN,
    _PUBLISHED_IN,
    _PUBLISHED_VERBS,
    _REFERENCE_IN_BRACKETS,
    _WORK_CUE,
    _first_reference,
    _named_in_prose,
)
from .text import MONTH as _MONTH
from .text import YEAR as _YEAR

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
_STATUTE = re.compile(r"(?:№|[Nn]o\.)\s*\d+[.,]\s*Ст\.\s*\d")
_NEWSPAPER_WORDS = re.compile(r"газета|gazeta|\bTimes\b|Zeitung|\bNews\b|Pravda|Правда")


def _guess_kind(parsed, text="", from_collection=False):
    # The words that tell a kind stand near the start of a real reference; looking no
    # further keeps hostile text cheap.
    title, text = (parsed.title or "")[:300].casefold(), text[:600]
    if _THESIS_WORDS.search(text.casefold()):
        return "thesis"
    if parsed.periodical:
        if _STATUTE.search(text):
            # `СУ РСФСР. 1922. № 4. Ст. 44.`: an article (Ст.) of a gazette of laws, a legal
            # act; the catalogue has no kind for one.
            parsed.doubt("kind", "an article (Ст.) of a gazette of laws: a legal act")
            return "other"
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

"""What stands around a published reference in a note: where the first of several
ends, the words that lead to it (`See`, `Quoted in`, `Цит. по:`, `Doc. 116 in`), and an
author named in the sentence (`X has summarized this in her book ...`).

Used by references/published.py. Every pattern runs in time linear in its input.
"""

import re

from .names import _read_names
from .text import MONTH as _MONTH
from .text import YEAR as _YEAR

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

_REFERENCE_SIGN = re.compile(rf"(?<!\d){_YEAR}(?!\d)|[“«‘\"]|//")

"""Template filters of the catalogue pages."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..folding import fold, search_terms

register = template.Library()

_WORD = re.compile(r"\w+")


@register.filter(needs_autoescape=True)
def highlight(text, query, autoescape=True):
    """`text` with every word that a word of `query` matches wrapped in <mark>.

    Words are compared folded, as the search compares them, so `Zhukov` marks `Жуков`.
    Everything outside the marks is escaped: the title and the query are both untrusted.
    """
    escape = conditional_escape if autoescape else (lambda s: s)
    text = "" if text is None else str(text)
    terms = search_terms(query or "")
    if not terms:
        return escape(text)
    pieces, last = [], 0
    for match in _WORD.finditer(text):
        folded = fold(match.group())
        if folded and any(term in folded for term in terms):
            pieces.append(escape(text[last : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))

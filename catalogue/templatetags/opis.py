"""Template filters of the catalogue pages."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

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


@register.filter
def language_name(language):
    """A Language's name in the interface language: name_ru in Russian where it is known."""
    if get_language() == "ru" and language.name_ru:
        return language.name_ru
    return language.name_en


@register.filter
def role_heading(role, count):
    """The heading of a work's contributors of one role: Author, Authors, Editors."""
    from ..models import Contribution

    headings = {
        Contribution.Role.AUTHOR: lambda n: ngettext("Author", "Authors", n),
        Contribution.Role.EDITOR: lambda n: ngettext("Editor", "Editors", n),
        Contribution.Role.COMPILER: lambda n: ngettext("Compiler", "Compilers", n),
        Contribution.Role.TRANSLATOR: lambda n: ngettext("Translator", "Translators", n),
    }
    heading = headings.get(role)
    return heading(count) if heading else str(role).capitalize()


@register.simple_tag
def folios(location):
    """Folios as a reader of the interface language writes them: ll. 73-74 or Л. 73–74."""
    if get_language() == "ru":
        text = location.folios_russian
        return text[:1].lower() + text[1:]  # mid-citation: ф. 17, оп. 162, д. 18, лл. 18–19
    return location.folios_english

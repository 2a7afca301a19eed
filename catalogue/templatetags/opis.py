"""Template filters of the catalogue pages."""

import re

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from ..search.folding import fold, search_terms

register = template.Library()

_WORD = re.compile(r"\w+")


@register.filter
def folios(location):
    """Folios as a reader of the interface language writes them: ll. 73-74 or лл. 73–74."""
    if get_language() == "ru":
        text = location.folios_russian
        return text[:1].lower() + text[1:]  # mid-citation: ф. 17, оп. 162, д. 18, лл. 18–19
    return location.folios_english


@register.filter
def language_name(language):
    """A Language's name in the interface language: name_ru in Russian where it is known."""
    if get_language() == "ru" and language.name_ru:
        return language.name_ru
    return language.name_en


@register.filter
def highlight(text, query):
    """`text`, escaped, with every word that a word of `query` matches wrapped in <mark>.

    Words are compared folded, as the search compares them, so `Zhukov` marks `Жуков`."""
    text = "" if text is None else str(text)
    terms = search_terms(query or "")
    if not terms:
        return format_html("{}", text)
    pieces, last = [], 0
    for match in _WORD.finditer(text):
        folded = fold(match.group())
        if folded and any(term in folded for term in terms):
            pieces.append(
                format_html("{}<mark>{}</mark>", text[last : match.start()], match.group())
            )
            last = match.end()
    pieces.append(format_html("{}", text[last:]))
    return mark_safe("".join(pieces))


@register.simple_tag
def location_trail(location):
    """An archival location as a breadcrumb: archive › fond › inventory › [folder] › file ›
    folios, each level a link to its page, or its text where no URL can carry its number.
    The archive goes by the abbreviation of the interface language (РГАСПИ in Russian).

    The one row written in Python, as the admin writes its changelist rows
    (`items_for_result`): a list page shows up to a hundred of these levels, and as a
    template they cost two thirds of a list filtered by archive (bench/page_cpu.py: 36 ms
    against 15 ms without them)."""
    file = location.file
    inventory = file.inventory
    fond = inventory.fond
    archive = fond.archive
    levels = [
        (fond.get_absolute_url(), gettext("f. %(number)s") % {"number": fond.number}),
        (inventory.get_absolute_url(), gettext("op. %(number)s") % {"number": inventory.number}),
    ]
    if file.folder_id:
        label = gettext("p. %(number)s") % {"number": file.folder.number}
        levels.append((file.get_folder_url(), label))
    levels.append((file.get_absolute_url(), gettext("d. %(number)s") % {"number": file.number}))
    return format_html(
        '<ol class="location" aria-label="{}"><li><a href="{}" title="{}">{}</a></li>{}{}</ol>',
        gettext("Archival location"),
        archive.get_absolute_url(),
        archive.display_name,
        archive.display_abbreviation,
        format_html_join(
            "",
            "<li>{}</li>",
            (
                (format_html('<a href="{}">{}</a>', url, label) if url else label,)
                for url, label in levels
            ),
        ),
        format_html("<li>{}</li>", folios(location)) if location.folios else "",
    )


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


@register.filter
def page_range(pages):
    """("173", "184") for `173-184`, () for anything else: first and last page apart, as
    the `citation_firstpage` and `citation_lastpage` meta tags want them."""
    from ..citing.parts import numeric_range

    return numeric_range(pages) or ()

"""The HTML of the rows that pages repeat: a work in a list, an archival location, a facet.

A works page shows 25 works, each with its authors, languages and archival locations, and
a fond page 100 files. As template includes these rows cost more than everything else on
the page together (the template engine resolves each variable and each translation anew
for every row). Django's own admin builds its changelist rows in Python for the same
reason (`admin_list.items_for_result`), and so do these functions: the same markup as the
templates they replace, every value escaped by format_html, every word translated with the
msgids the templates used. tests/test_fragments.py holds the markup to what readers see.
"""

import functools
import re
from html import escape

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import page_cache
from .folding import fold, search_terms
from .models import Contribution, Work
from .querysets import related

_WORD = re.compile(r"\w+")


# django.utils.html's format_html and format_html_join, less the cost of their escaping:
# conditional_escape and escape each go through keep_lazy's wrapper, which looks at every
# argument for a lazy string (str() below turns one into text as it would). A works page
# escapes some 1,400 values, and the wrappers were a tenth of its time.
def _escaped(value):
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def format_html(template, *args):
    return SafeString(template.format(*map(_escaped, args)))


def format_html_join(sep, template, rows):
    return SafeString(sep.join(template.format(*map(_escaped, row)) for row in rows))


def folios(location):
    """Folios as a reader of the interface language writes them: ll. 73-74 or лл. 73–74."""
    if get_language() == "ru":
        text = location.folios_russian
        return text[:1].lower() + text[1:]  # mid-citation: ф. 17, оп. 162, д. 18, лл. 18–19
    return location.folios_english


def language_name(language):
    """A Language's name in the interface language: name_ru in Russian where it is known."""
    if get_language() == "ru" and language.name_ru:
        return language.name_ru
    return language.name_en


def highlight(text, query):
    """`text`, escaped, with every word that a word of `query` matches wrapped in <mark>.

    Words are compared folded, as the search compares them, so `Zhukov` marks `Жуков`."""
    text = "" if text is None else str(text)
    terms = _terms(query or "")
    if not terms:
        return format_html("{}", text)
    pieces, last = [], 0
    for match in _WORD.finditer(text):
        folded = _folded_word(match.group())
        if folded and any(term in folded for term in terms):
            pieces.append(
                format_html("{}<mark>{}</mark>", text[last : match.start()], match.group())
            )
            last = match.end()
    pieces.append(format_html("{}", text[last:]))
    return mark_safe("".join(pieces))


# Folding is a pure function of the text, and a page of titles folds the same words
# (and the same query, once a row) again and again: a seventh of a search page's drawing.
_folded_word = functools.lru_cache(maxsize=8192)(fold)


@functools.lru_cache(maxsize=256)
def _terms(query):
    return tuple(search_terms(query))


@functools.lru_cache(maxsize=16)
def _trail_words(language):
    """The words of a location's trail in `language`, the active one when it is asked for:
    translated once, where each of a list page's trails asked gettext for five (a fifth of
    a trail's time)."""
    return (
        _("f. %(number)s"),
        _("op. %(number)s"),
        _("p. %(number)s"),
        _("d. %(number)s"),
        _("Archival location"),
    )


@receiver(setting_changed)
def _forget_words(setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "TEMPLATES", "DEBUG"):
        _trail_words.cache_clear()
        _site_part.cache_clear()


# The site's header and footer (templates/_site_header.html, _site_footer.html) are the
# same on every page in an interface language, but for the page's own path, which the
# language switch goes back to. They are rendered from their templates once per language
# and script prefix, the path put in after: rendered on every page, with their links,
# translations and the list of interface languages, they cost about 0.5 ms of each.
_PATH = "opis-site-header-path-0b1e"


@functools.lru_cache(maxsize=16)
def _site_part(name, language, prefix):
    return render_to_string(f"_site_{name}.html", {"path": _PATH})


def _site(name):
    if settings.DEBUG:  # a template being edited shows at once, as the others do
        return _site_part.__wrapped__(name, None, None)
    return _site_part(name, get_language(), get_script_prefix())


def site_header(request):
    """The header, its language switch leading back to `request`'s page ("" without one:
    the page of a server error is rendered without its request)."""
    path = request.get_full_path() if request is not None else ""
    return mark_safe(_site("header").replace(_PATH, escape(path)))


def site_footer():
    return mark_safe(_site("footer"))


def location_trail(location):
    """An archival location as a breadcrumb: archive › fond › inventory › [folder] › file ›
    folios, each level a link to its page."""
    file = location.file
    inventory = file.inventory
    fond = inventory.fond
    archive = fond.archive
    f, op, p, d, label = _trail_words(get_language())
    levels = [
        format_html(
            '<li><a href="{}" title="{}">{}</a></li>',
            archive.get_absolute_url(),
            archive.name_en,
            archive.abbreviation,
        ),
        _level(fond.get_absolute_url(), f, fond.number),
        _level(inventory.get_absolute_url(), op, inventory.number),
    ]
    if file.folder_id:
        folder = file.folder
        folder.inventory = inventory  # the file's own: not read again for the folder's link
        levels.append(_level(folder.get_absolute_url(), p, folder.number))
    levels.append(_level(file.get_absolute_url(), d, file.number))
    if location.folios:
        levels.append(format_html("<li>{}</li>", folios(location)))
    return format_html(
        '<ol class="location" aria-label="{}">{}</ol>', label, mark_safe("".join(levels))
    )


@functools.cache
def _choices(choices):
    return dict(choices.choices)


def _label(choices, value):
    """A kind's or a role's label in the interface language. (Django's get_FOO_display()
    rebuilds the field's whole choice list on every call, 50 times on a works page.)"""
    return str(_choices(choices).get(value, value))


def _level(url, label, number):
    if url is None:  # a number no URL can carry (models._url): the level without a link
        return format_html("<li>{}</li>", label % {"number": number})
    return format_html('<li><a href="{}">{}</a></li>', url, label % {"number": number})


def work_row(work, query=""):
    """A work in a list: its title (the query's words marked), people, year, kind, journal,
    languages, and where it is held. Reads only what `with_list_relations` prefetches."""
    people = []
    for contribution in related(work, "contributions"):
        person = contribution.person
        link = format_html('<a href="{}">{}</a>', person.get_absolute_url(), str(person))
        if contribution.role != Contribution.Role.AUTHOR:
            link = format_html("{} ({})", link, _label(Contribution.Role, contribution.role))
        people.append(link)
    meta = [mark_safe(", ".join(people))]
    if work.year:
        meta.append(format_html('<span class="year">{}</span>', work.year))
    meta.append(format_html('<span class="kind">{}</span>', _label(Work.Kind, work.kind)))
    if work.periodical_id:
        meta.append(format_html('<span class="periodical">{}</span>', work.periodical))
    meta.append(
        format_html_join(
            "",
            '<span class="lang" title="{}">{}</span>',
            ((language_name(language), language.code) for language in related(work, "languages")),
        )
    )
    title = highlight(work.title, query) if query else format_html("{}", work.title)
    return format_html(
        '<li class="work">\n  <a class="title" href="{}">{}</a>'
        '<abbr class="unapi-id" title="{}"></abbr>\n  <div class="meta">{}</div>\n'
        "  {}\n</li>",
        work.get_absolute_url(),
        title,
        work.key,
        mark_safe("\n    ".join(meta)),
        mark_safe("".join(location_trail(loc) for loc in related(work, "locations"))),
    )


def facet(name, title, rows):
    """A facet of the works list: each value with its count and a link that adds or
    removes it (views.facet_links). The unfiltered list shows every archive: 80 rows."""
    if not rows:
        body = format_html('<p class="empty">{}</p>', _("None in this selection."))
    else:
        add, remove = _("Add this filter"), _("Remove this filter")
        body = format_html(
            "<ul>{}\n  </ul>",
            format_html_join(
                "",
                '\n    <li{}>\n      <a href="{}" {}>{}{}</a>\n'
                '      <span class="count">{}</span>\n    </li>',
                (
                    (
                        mark_safe(' class="selected"') if row["selected"] else "",
                        row["toggle_url"],
                        format_html('aria-pressed="true" title="{}"', remove)
                        if row["selected"]
                        else format_html('title="{}"', add),
                        "✓ " if row["selected"] else "",
                        row["label"],
                        row["count"],
                    )
                    for row in rows
                ),
            ),
        )
    return format_html(
        '<section class="facet" aria-labelledby="facet-{}">\n  <h3 id="facet-{}">{}</h3>\n'
        "  {}\n</section>",
        name,
        name,
        title,
        body,
    )


def fond_file_row(file, uses_folders):
    """A file on its fond's page: inventory, [folder,] the file, and the documents cited
    from it with their folios (in the interface language, as in the works list)."""
    cells = [format_html("<td>{}</td>", _("op. %(number)s") % {"number": file.inventory.number})]
    if uses_folders:
        folder = _("p. %(number)s") % {"number": file.folder.number} if file.folder_id else ""
        cells.append(format_html("<td>{}</td>", folder))
    title = format_html(": {}", file.title) if file.title else ""
    cells.append(
        format_html(
            '<td><a href="{}">{}</a>{}</td>' if file.url else "<td>{1}{2}</td>",
            file.url,
            _("d. %(number)s") % {"number": file.number},
            title,
        )
    )
    documents = format_html_join(
        "",
        '<li><a href="{}">{}</a>{}</li>',
        (
            (
                location.work.get_absolute_url(),
                _shortened(location.work.title, 120),
                format_html(", {}", folios(location)) if location.folios else "",
            )
            for location in related(file, "locations")
        ),
    )
    cells.append(format_html("<td><ul>{}</ul></td>", documents))
    return format_html("<tr>{}</tr>", mark_safe("".join(cells)))


def _shortened(text, limit):
    """`text` cut to `limit` characters, the last an ellipsis, as truncatechars cuts it.
    (Truncator weighs each character for combining marks: a tenth of this page's time.)"""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The filter form's fields after the search box: what they show follows from the values
# given for them, the interface language and the catalogue (the archives' and languages'
# options, an unknown author's message), so they are written once for each such set of
# values and kept under the catalogue's version. Every search of new words, each with a
# search box of its own, had them written again: 0.7 ms of a search page's 10.
_FORM_REST = ("archive", "language", "kind", "year_min", "year_max", "sort", "author", "periodical")


def filter_form(form):
    """The fields of the works list's filter form, with each one's errors, as the template
    wrote them: every label, input and error through the template engine cost a search
    page more than its 25 rows of works (the selects and inputs themselves are written
    by widgets.py)."""
    read = form.data.getlist if hasattr(form.data, "getlist") else form.data.get
    given = [(name, read(form.add_prefix(name))) for name in _FORM_REST]
    which = repr((get_language(), form.prefix, given))
    rest = page_cache.remembered("filter-form", [which], lambda _: {which: _form_rest(form)})
    return mark_safe("\n      " + _labelled(form, "q") + rest[which])


def _errors(bound, template, *before):
    return format_html_join("", template, ((*before, e) for e in bound.errors))


def _labelled(form, name):
    bound = form[name]
    return format_html(
        '<p><label for="{}">{}</label>\n        {}{}</p>\n      ',
        bound.id_for_label,
        bound.label,
        bound,
        _errors(bound, '<span class="error">{}</span>'),
    )


def _form_rest(form):
    """filter_form's fields after the search box."""
    year_min, year_max = form["year_min"], form["year_max"]
    years = format_html(
        '<fieldset class="years"><legend>{}</legend>\n'
        '        <label for="{}">{}</label> {}\n'
        '        <label for="{}">{}</label> {}\n'
        "        {}\n        {}\n      </fieldset>\n      ",
        _("Year"),
        year_min.id_for_label,
        _("from"),
        year_min,
        year_max.id_for_label,
        _("to"),
        year_max,
        _errors(year_min, '<span class="error">{} {}</span>', _("From:")),
        _errors(year_max, '<span class="error">{} {}</span>', _("To:")),
    )
    author, periodical = form["author"], form["periodical"]
    keys = format_html(
        "{}{}\n      {}\n      {}\n      ",
        author,
        periodical,
        _errors(author, '<p class="error">{} {}</p>', _("Author:")),
        _errors(periodical, '<p class="error">{} {}</p>', _("Journal:")),
    )
    buttons = format_html(
        '<p><button type="submit">{}</button> <a href="{}">{}</a></p>\n      ',
        _("Apply"),
        reverse("catalogue:work-list"),
        _("Clear all"),
    )
    return SafeString(
        "".join(_labelled(form, name) for name in ("archive", "language", "kind"))
        + years
        + _labelled(form, "sort")
        + keys
        + buttons
    )

"""Template filters of the catalogue pages."""

from django import template
from django.utils.translation import ngettext

from .. import fragments

register = template.Library()

# The markup of repeated rows is written in Python (fragments.py says why); these tags
# put it into the templates.
register.filter("highlight", fragments.highlight)
register.filter("language_name", fragments.language_name)
register.simple_tag(fragments.folios, name="folios")
register.simple_tag(fragments.location_trail, name="location_trail")
register.simple_tag(fragments.fond_file_row, name="fond_file_row")
register.simple_tag(fragments.facet, name="facet")
register.simple_tag(fragments.filter_form, name="filter_form")
register.simple_tag(fragments.site_footer, name="site_footer")


@register.simple_tag(takes_context=True)
def site_header(context):
    return fragments.site_header(context.get("request"))


@register.simple_tag(takes_context=True)
def work_row(context, work):
    """A work in a list; the words of the page's `query`, if any, marked in its title."""
    return fragments.work_row(work, context.get("query") or "")


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
    from ..citation_parts import numeric_range

    return numeric_range(pages) or ()

"""What every page shares: the format asked for, the answer in HTML or JSON, paging."""

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..citing import exports
from ..page_cache import asks_for_json

FORMATS = ("html", "json")
# Downloads for reference managers, offered by the works pages only.
EXPORT_FORMATS = tuple(exports.FORMATS)
# The downloads the site header's data menu offers on the works pages: (format, label).
DATA_EXPORTS = (("csl-json", "CSL-JSON"), ("bibtex", "BibTeX"), ("ris", "RIS"))


def response_format(request, formats=FORMATS):
    """A format of `formats`, from `?format=`, or JSON for a request that names none and
    accepts JSON rather than HTML; anything else is a 400 that names the choices."""
    values = request.GET.getlist("format")
    if len(values) > 1:
        raise BadRequest(_("Give “format” once."))
    if not values and asks_for_json(request):
        return "json"
    fmt = (values[0] if values else "html").strip().lower() or "html"
    if fmt not in formats:
        raise BadRequest(
            _("Unknown format “%(format)s”: use one of %(formats)s.")
            % {"format": fmt[:40], "formats": ", ".join(formats)}
        )
    return fmt


def respond(request, template, context, data, status=200):
    """The page as HTML, or `data` as JSON. `data` may be a function, called for JSON only:
    an HTML page need not build it."""
    if response_format(request) == "json":
        data = data() if callable(data) else data
        return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, template, context, status=status)


# Keyset paging: `after` (or `before`) names the work that a page follows (or precedes),
# so that the database starts at that work instead of counting every work before it.
CURSORS = ("after", "before")


def cursor(request):
    """("after" or "before", a work's id) from the request, or None; a bad one is a 400."""
    given = [name for name in CURSORS if name in request.GET]
    if not given:
        return None
    values = [value for name in given for value in request.GET.getlist(name)]
    if len(values) > 1:
        raise BadRequest(_("Give “after” or “before”, once."))
    raw = values[0].strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        raise BadRequest(
            _("“%(name)s” must be the id of a work, not “%(value)s”.")
            % {"name": given[0], "value": raw[:40]}
        )
    return given[0], int(raw)


def paginate(request, object_list, per_page, count=None, seek=None):
    """The requested page of `object_list`; a bad `page` is a clear 400 or 404.

    `count`, if given, is used instead of a COUNT(*) (an estimate for a huge list).
    `seek`, if given, finds a page by cursor: `seek("after" or "before", pk)` answers the
    items after (or before, nearest first) that item, or None if it is gone. The page's
    links then carry cursors; the page number still numbers the rows, and a page asked
    for by number alone (a bookmark, a typed URL) is found by counting, as before."""
    values = request.GET.getlist("page")
    if len(values) > 1:
        raise BadRequest(_("Give “page” once."))
    raw = values[0].strip() if values else "1"
    # ASCII digits only: `²` and `١٢` are digits to str.isdigit(), and int() refuses the first.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        raise BadRequest(
            _("“page” must be a whole number from 1, not “%(value)s”.") % {"value": raw[:40]}
        )
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: setting it skips the COUNT(*)
    number = int(raw)
    if number > paginator.num_pages:
        raise Http404(
            ngettext(
                "There is no page %(number)s: this list has %(pages)s page.",
                "There is no page %(number)s: this list has %(pages)s pages.",
                paginator.num_pages,
            )
            % {"number": number, "pages": paginator.num_pages}
        )
    page = paginator.page(number)
    next_cursor = previous_cursor = {}
    if seek is not None:
        given = cursor(request)
        found = seek(*given) if given else None
        if found is not None:
            page.object_list = list(found[:per_page])
            if given[0] == "before":
                page.object_list.reverse()
        else:
            page.object_list = list(page.object_list)
        if page.object_list:
            next_cursor = {"after": getattr(page.object_list[-1], "pk", page.object_list[-1])}
            previous_cursor = {"before": getattr(page.object_list[0], "pk", page.object_list[0])}

    def link(number, cursor):
        # Every other parameter is kept, `format` included, so JSON pages lead to JSON pages.
        params = request.GET.copy()
        for name in CURSORS:
            params.pop(name, None)
        params["page"] = number
        if number > 1:  # the first page needs no cursor
            params.update(cursor)
        return f"{request.path}?{params.urlencode()}"

    page.next_url = link(page.next_page_number(), next_cursor) if page.has_next() else None
    page.previous_url = (
        link(page.previous_page_number(), previous_cursor) if page.has_previous() else None
    )
    return page


def list_data(page, rows):
    return {
        "count": page.paginator.count,
        "next": page.next_url,
        "previous": page.previous_url,
        "results": rows,
    }


def distinct_works(queryset, group):
    """{value of `group`: distinct works} over `queryset` (of locations or contributions)."""
    return dict(queryset.values_list(group).annotate(n=Count("work", distinct=True)).order_by())


def set_counts(objects, attribute, counts, key="pk"):
    """Counts made for one page's objects only, set on them (0 where none was found)."""
    for obj in objects:
        setattr(obj, attribute, counts.get(getattr(obj, key), 0))

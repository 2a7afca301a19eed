"""unAPI (https://web.archive.org/web/2012/http://unapi.info/specs/): how Zotero's browser
connector saves the works a page shows.

A works page and a work page name this endpoint in `<link rel="unapi-server">` and mark
each work with `<abbr class="unapi-id" title="KEY">`. Zotero's unAPI translator asks the
endpoint which formats it serves, takes RIS (the best of ours it reads: Zotero's RIS
import keeps archive, archive location, journal, pages and Extra), then asks for each
work in it. One work saves as one item; a list offers each of its works to choose from.
Embedded meta tags would describe one work a page and only the fields Highwire names.
"""

from django.http import Http404, HttpResponse
from django.utils.html import format_html, format_html_join

from ..models import Work
from . import exports

# unAPI format names Zotero's unAPI translator recognises, in the order it prefers them.
_FORMATS = {
    "ris": ("application/x-research-info-systems", exports.ris),
    "bibtex": ("application/x-bibtex", exports.bibtex),
}


def _formats(key=None, status=200):
    """The formats list: for the whole server, or for one work (with the spec's 300)."""
    header = format_html(' id="{}"', key) if key else ""
    body = format_html(
        '<?xml version="1.0" encoding="UTF-8"?>\n<formats{}>\n{}\n</formats>\n',
        header,
        format_html_join(
            "\n",
            '  <format name="{}" type="{}"/>',
            ((name, content_type) for name, (content_type, _) in _FORMATS.items()),
        ),
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8", status=status)


def unapi(request):
    key = request.GET.get("id", "")
    fmt = request.GET.get("format", "")
    if not key:
        return _formats()
    # A key is a slug of up to 120 characters: anything else names no work (and a NUL
    # would make PostgreSQL refuse the query).
    pk = None
    if len(key) <= 120 and "\x00" not in key:
        pk = Work.objects.filter(key=key).values_list("pk", flat=True).first()
    if pk is None:
        raise Http404
    if not fmt:
        return _formats(key, status=300)  # "multiple choices", as unAPI asks
    if fmt not in _FORMATS:
        return HttpResponse(status=406)  # the spec's answer to a format it does not serve
    content_type, write = _FORMATS[fmt]
    body = write(exports.exported([pk]))
    return HttpResponse(body.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")

"""What a reader narrows the works list by, beside the facets: the year histogram, the
filters in force with a link removing each, and the hints for an empty list.

Every link is the current URL with one thing changed, so the URL stays the browsing
state; none costs a query (the labels come from the filter's cleaned values)."""

from django.utils.translation import gettext as _

from ..models import Work
from ..templatetags.opis import language_name
from .common import CURSORS

# A bar spans one of these numbers of years: the narrowest that draws the list's years in
# at most MAX_BARS bars, aligned on multiples of it (1940–1949, not 1946–1955).
BAR_YEARS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
MAX_BARS = 12
# Bar lengths come in steps of 5 %: the stylesheet has a class for each, as the
# Content-Security-Policy refuses style attributes.
STEP = 5


def changed_url(request, **changes):
    """The current page's URL with `changes` ({name: [values]}, [] to drop a parameter),
    back at the first page of the list."""
    params = request.GET.copy()
    for name in ("page", *CURSORS):
        params.pop(name, None)
    for name, values in changes.items():
        params.setlist(name, [str(value) for value in values])
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


def kept_params(request, *names):
    """(name, value) of the current parameters but `names`, the page's and the format:
    the hidden fields of a form that changes only `names` and keeps the rest."""
    dropped = {*names, "page", "format", *CURSORS}
    return [
        (name, value)
        for name, values in request.GET.lists()
        if name not in dropped
        for value in values
    ]


def year_bars(request, rows, cleaned):
    """The histogram of the list's years, from its year facet's rows (one a year): bars of
    BAR_YEARS years, each with its count, a class for its length and a link selecting its
    years (within the range already chosen, never wider)."""
    counts = {int(row["slug"]): row["count"] for row in rows}
    if not counts:
        return []
    low, high = min(counts), max(counts)
    width = next((w for w in BAR_YEARS if high // w - low // w < MAX_BARS), BAR_YEARS[-1])
    sums = {}
    for year, n in counts.items():
        sums[year // width * width] = sums.get(year // width * width, 0) + n
    most = max(sums.values())
    floor, ceiling = cleaned.get("year_min"), cleaned.get("year_max")
    bars = []
    for start in range(low // width * width, high // width * width + 1, width):
        first = start if floor is None else max(start, floor)
        last = start + width - 1 if ceiling is None else min(start + width - 1, ceiling)
        count = sums.get(start, 0)
        bars.append(
            {
                "first": first,
                "last": last,
                "count": count,
                # At least one step for a bar with works: a single work must show.
                "length": max(STEP, round(count * 100 / most / STEP) * STEP) if count else 0,
                "url": changed_url(request, year_min=[first], year_max=[last]) if count else "",
            }
        )
    return bars


def active_filters(request, cleaned):
    """The filters in force, each as {"label", "url"}: what the reader reads, and the
    current URL without it. Searching is not listed: the heading names the search."""
    found = []

    def remove(name, value):
        return changed_url(request, **{name: [v for v in request.GET.getlist(name) if v != value]})

    for archive in cleaned.get("archive") or ():
        found.append(
            {
                "label": _("Archive: %(archive)s") % {"archive": archive.abbreviation},
                "url": remove("archive", archive.slug),
            }
        )
    for language in cleaned.get("language") or ():
        found.append(
            {
                "label": _("Language: %(language)s") % {"language": language_name(language)},
                "url": remove("language", language.code),
            }
        )
    kinds = dict(Work.Kind.choices)
    for kind in cleaned.get("kind") or ():
        found.append(
            {"label": _("Kind: %(kind)s") % {"kind": kinds[kind]}, "url": remove("kind", kind)}
        )
    floor, ceiling = cleaned.get("year_min"), cleaned.get("year_max")
    if floor is not None or ceiling is not None:
        if floor is not None and ceiling is not None:
            label = _("Years: %(first)s–%(last)s") % {"first": floor, "last": ceiling}
        elif floor is not None:
            label = _("Years: from %(first)s") % {"first": floor}
        else:
            label = _("Years: up to %(last)s") % {"last": ceiling}
        found.append({"label": label, "url": changed_url(request, year_min=[], year_max=[])})
    # People and journals are named by their keys: their names would cost a query.
    for slug in cleaned.get("author") or ():
        found.append(
            {"label": _("Author or editor: %(key)s") % {"key": slug}, "url": remove("author", slug)}
        )
    for slug in cleaned.get("periodical") or ():
        found.append(
            {"label": _("Journal: %(key)s") % {"key": slug}, "url": remove("periodical", slug)}
        )
    return found


def reversed_years(request, cleaned):
    """The URL of the same list with its years the right way round, where the reader gave
    them reversed (from 2020 to 1900: no work can match); else None."""
    floor, ceiling = cleaned.get("year_min"), cleaned.get("year_max")
    if floor is None or ceiling is None or floor <= ceiling:
        return None
    return {
        "first": ceiling,
        "last": floor,
        "url": changed_url(request, year_min=[ceiling], year_max=[floor]),
    }


def labelled_errors(form):
    """[(the label a reader sees, message)] of a form's errors: "Year from", not the
    parameter `year_min` (an error of the whole form has no label)."""
    return [
        (form.fields[name].label if name in form.fields else "", message)
        for name, messages in form.errors.items()
        for message in messages
    ]

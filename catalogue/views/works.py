"""The home page, the works list with its facets and exports, and a work's page."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .. import page_cache, serializers
from ..citing import exports, formatting
from ..filters import WorkFilter
from ..models import (
    Archive,
    Language,
    Person,
    Work,
)
from ..search import facet_cells, ranking
from . import refine
from .common import (
    CURSORS,
    DATA_EXPORTS,
    EXPORT_FORMATS,
    FORMATS,
    list_data,
    paginate,
    respond,
    response_format,
)


def home(request):
    counts = {
        "works": Work.objects.count(),
        "archival_documents": Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).count(),
        "archives": Archive.objects.holding_documents().count(),
        "people": Person.objects.count(),
    }
    citing = Work.objects.citing().order_by("sort_title")
    context = {
        "counts": counts,
        "citing_works": citing[:10],
        "languages": Language.objects.with_works(),
    }

    def data():
        return {
            **counts,
            "citing_works": [
                {
                    "id": w.pk,
                    "title": w.title,
                    "url": w.get_absolute_url(),
                    "references": w.reference_count,
                }
                for w in context["citing_works"]
            ],
        }

    return respond(request, "catalogue/home.html", context, data)


def facet_links(request, name, rows):
    """Each facet value with a link that toggles it and says whether it is on.

    The link keeps the other parameters where they were and `name`'s values in their order,
    the toggled one added last, as QueryDict.setlist and urlencode would write it; only
    `name`'s part is encoded per row (the unfiltered list has 80 archives)."""
    current = request.GET.getlist(name)
    before, after, seen = [], [], False
    for key, values in request.GET.lists():
        if key in ("page", *CURSORS):  # another list: it starts at its first page
            continue
        if key == name:
            seen = True
            continue
        (after if seen else before).extend((key, value) for value in values)
    before, after = urlencode(before), urlencode(after)
    for row in rows:
        slug = row["slug"]
        row["selected"] = slug in current
        values = [v for v in current if v != slug] + ([] if row["selected"] else [slug])
        query = "&".join(
            part for part in (before, urlencode([(name, v) for v in values]), after) if part
        )
        row["toggle_url"] = f"{request.path}?{query}" if query else request.path
    return rows


def forms_context(request):
    """What the page's three forms keep of the list when each changes its own part: the
    search box, the year range and the sort (each form's hidden fields)."""
    return {
        "search_keeps": refine.kept_params(request, "q"),
        "years_keeps": refine.kept_params(request, "year_min", "year_max"),
        "sort_keeps": refine.kept_params(request, "sort"),
        "data_exports": DATA_EXPORTS,
    }


def work_list(request):
    fmt = response_format(request, FORMATS + EXPORT_FORMATS)  # refused before any work is done
    filterset = WorkFilter(request.GET, queryset=Work.objects.all())
    if fmt in EXPORT_FORMATS:
        return export_works(request, filterset, fmt)
    if not filterset.is_valid():
        errors = {name: list(messages) for name, messages in filterset.errors.items()}
        context = {
            "filter": filterset,
            "page_obj": None,
            "works": [],
            "facets": {},
            "errors": refine.labelled_errors(filterset.form),
            **forms_context(request),
        }
        data = {"errors": errors, "count": 0, "next": None, "previous": None, "results": []}
        return respond(request, "catalogue/work_list.html", context, data, status=400)

    # The page is found as ids first, then its works are fetched with their relations: on
    # PostgreSQL the first query reads only the browse index (0006), whatever the filters.
    ids = filterset.qs.values_list("pk", flat=True)
    cells = facet_cells.answers(filterset)
    count, estimate = filterset.counted(cells)

    def seek(direction, pk):
        title = Work.objects.filter(pk=pk).values_list("sort_title", flat=True).first()
        return None if title is None else getattr(ids, direction)(title, pk)

    # Deep pages of the lists in title order (the default, and a search of common words)
    # are reached by the cursors of their neighbours' links; other orders page by number.
    title_order = filterset.in_title_order
    page = paginate(
        request, ids, settings.OPIS_PAGE_SIZE, count=count, seek=seek if title_order else None
    )
    page.estimate = estimate
    page.object_list = Work.objects.with_list_relations().in_order(page.object_list)
    # Otherwise a list of more than OPIS_FACET_MAX_WORKS works gets no facet counts over
    # its own rows: each is a COUNT DISTINCT over a superset of the list, seconds at a
    # million works. The list's own count is the cheap test (already paid for); the page
    # says why they are gone.
    facets_skipped = bool(
        not cells
        and filterset.active_filters()
        and (estimate is not None or page.paginator.count > settings.OPIS_FACET_MAX_WORKS)
    )
    query = filterset.form.cleaned_data.get("q") or ""
    # Nothing has every word: offer works with similar words (PostgreSQL only).
    near = (
        ranking.near_misses(filterset.queryset_without("q").with_list_relations(), query)
        if query.strip() and not page.paginator.count
        else []
    )
    # The facets, and the years the histogram draws (counted with them, by the same path).
    names = [
        name
        for name in (*WorkFilter.FACETS, "year")
        if not (facets_skipped and filterset.active_filters(excluding=name))
    ]
    # A list all on this page (then its first: any other holds less than the whole), no
    # facet of which is filtered by its own value, has its facets counted over the works
    # already read for the page.
    listed = (
        page.object_list
        if not cells
        and estimate is None
        and len(page.object_list) == page.paginator.count
        and not set(filterset.active_filters()) & set(WorkFilter.FACETS)
        else None
    )
    counted = facet_counts(filterset, names, cells, listed)
    years = counted.pop("year", [])
    facets = {name: facet_links(request, name, rows) for name, rows in counted.items()}
    cleaned = filterset.form.cleaned_data

    def data():
        data = list_data(page, [serializers.work_summary(w) for w in page.object_list])
        if estimate is not None:
            data["count"] = estimate
        data["count_is_estimate"] = estimate is not None
        data["facets_skipped"] = facets_skipped
        data["facets"] = {
            name: [{k: row[k] for k in ("slug", "label", "count", "selected")} for row in rows]
            for name, rows in facets.items()
        }
        if "year" in names:
            data["years"] = [{"year": int(row["slug"]), "count": row["count"]} for row in years]
        if near:
            data["near_matches"] = [serializers.work_summary(w) for w in near]
        if filterset.form.dropped_words:
            data["dropped_words"] = filterset.form.dropped_words
        return data

    context = {
        "filter": filterset,
        "page_obj": page,
        "works": page.object_list,
        "facets": facets,
        "query": query,
        "near_matches": near,
        "dropped_words": filterset.form.dropped_words,
        "search_max_words": settings.OPIS_SEARCH_MAX_WORDS,
        "facets_skipped": facets_skipped,
        "facet_max_works": settings.OPIS_FACET_MAX_WORKS,
        "histogram": refine.year_bars(request, years, cleaned),
        "active_filters": refine.active_filters(request, cleaned),
        "reversed_years": refine.reversed_years(request, cleaned),
        # The search over every work: the empty list's way out of its filters.
        "search_alone_url": refine.changed_url(
            request, **{name: [] for name in filterset.form.fields if name not in ("q", "sort")}
        ),
        "catalogue_version": page_cache.version(),
        **forms_context(request),
        # What the facets' fragment is cached by besides the catalogue's version: the
        # parameters their toggles keep (every one but the page's, as facet_links).
        "facets_key": repr(
            (request.path, [(k, v) for k, v in request.GET.lists() if k not in ("page", *CURSORS)])
        ),
    }
    return respond(request, "catalogue/work_list.html", context, data)


def facet_counts(filterset, names, cells=False, listed=None):
    """{name: rows} of the facets `names`: from the facet cells where they answer; from the
    `listed` works where they are the whole list and every facet counts them; else
    counted over the works of every other active filter (on PostgreSQL over the works'
    own arrays, all facets in one query)."""
    if cells:
        return facet_cells.facets(names, filterset.form.cleaned_data)
    if listed is not None:
        return facet_cells.counted_from_listed(listed, names)
    if not facet_cells.available():
        return {
            name: getattr(filterset.queryset_without(name), f"{name}_facet")() for name in names
        }
    return facet_cells.counted_from_rows({name: filterset.queryset_without(name) for name in names})


def work_detail(request, pk):
    fmt = response_format(request, FORMATS + EXPORT_FORMATS)
    work = get_object_or_404(Work.objects.with_detail_relations(), pk=pk)
    if fmt in EXPORT_FORMATS:
        return exports.response(fmt, [work], work.key)
    citations = formatting.citations(work)

    def data():
        return {**serializers.work_detail(work), "citations": citations}

    context = {
        "work": work,
        "citations": citations,
        # What the Russian form lacks, said beside it, and the language it is written in.
        "gost_missing": formatting.missing_for_gost(work),
        "gost_lang": "ru" if formatting.description_language(work) == "ru" else "",
        "data_exports": DATA_EXPORTS,
    }
    return respond(request, "catalogue/work_detail.html", context, data)


def export_works(request, filterset, fmt):
    """The works of `filterset` as a download; bad filters or too many works are a 400.

    The answer to a download is plain text, not a page: the reader asked for a file.
    """
    if not filterset.is_valid():
        problems = "; ".join(
            f"{label}: {message}" if label else message
            for label, message in refine.labelled_errors(filterset.form)
        )
        return HttpResponseBadRequest(
            _("Nothing exported: %(problems)s") % {"problems": problems},
            content_type="text/plain; charset=utf-8",
        )
    works = filterset.qs
    limit = getattr(settings, "OPIS_EXPORT_LIMIT", exports.MAX_EXPORT)
    ids = list(works.values_list("pk", flat=True)[: limit + 1])
    if len(ids) > limit:
        count = works.count()  # only to say how far over the limit the list is
        return HttpResponseBadRequest(
            _(
                "This list holds %(count)s works; an export holds at most %(limit)s. "
                "Narrow the list with filters (archive, language, kind, years, author) "
                "and export again."
            )
            % {"count": f"{count:,}", "limit": f"{limit:,}"},
            content_type="text/plain; charset=utf-8",
        )
    return exports.response(fmt, exports.exported(ids), "opis-works")


# The archival tree below the fond: inventory, folder and file pages.
# Each costs a fixed number of queries, however many files an inventory holds:
# the unit, a count, one page of files, their locations, and who cites those documents.

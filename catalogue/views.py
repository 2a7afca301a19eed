"""Pages of the catalogue. Each answers HTML, and JSON with `?format=json`.

Views stay thin: the querysets know how to filter and what to prefetch, the FilterSet
validates the parameters, `serializers` shapes the JSON.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import exports, facet_cells, formatting, page_cache, search, serializers
from .filters import WorkFilter
from .models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    Citation,
    Contribution,
    Folder,
    Fond,
    Inventory,
    Language,
    Person,
    Work,
)

FORMATS = ("html", "json")
# Downloads for reference managers, offered by the works pages only.
EXPORT_FORMATS = tuple(exports.FORMATS)


def response_format(request, formats=FORMATS):
    """A format of `formats`, from `?format=`; anything else is a 400 that names the choices."""
    values = request.GET.getlist("format")
    if len(values) > 1:
        raise BadRequest(_("Give “format” once."))
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


def home(request):
    counts = {
        "works": Work.objects.count(),
        "archival_documents": Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).count(),
        "archives": Archive.objects.filter(fonds__inventories__files__locations__isnull=False)
        .distinct()
        .count(),
        "people": Person.objects.count(),
    }
    citing = (
        Work.objects.filter(references__isnull=False)
        .annotate(reference_count=Count("references"))
        .order_by("sort_title")
    )
    context = {"counts": counts, "citing_works": citing[:10], "languages": Language.objects.all()}

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


def filter_form_context(form):
    """What the filter form's template caches its fields by, the search box aside: the
    catalogue's version and the values given for them, as given (a value given twice is
    an error of its own)."""
    read = form.data.getlist if hasattr(form.data, "getlist") else form.data.get
    given = [(name, read(form.add_prefix(name))) for name in form.fields if name != "q"]
    return {"catalogue_version": page_cache.version(), "filter_form_key": repr(given)}


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
            "errors": errors,
            **filter_form_context(filterset.form),
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
    title_order = not ids.query.order_by
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
        search.near_misses(filterset.queryset_without("q").with_list_relations(), query)
        if query.strip() and not page.paginator.count
        else []
    )
    names = [
        name
        for name in WorkFilter.FACETS
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
    facets = {
        name: facet_links(request, name, rows)
        for name, rows in facet_counts(filterset, names, cells, listed).items()
    }

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
        **filter_form_context(filterset.form),
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
    }
    return respond(request, "catalogue/work_detail.html", context, data)


def archive_list(request):
    archives = Archive.objects.annotate(fond_count=Count("fonds")).order_by("abbreviation")
    page = paginate(request, archives, 100)
    # Counted for the page's archives only, and on PostgreSQL taken from the facet cells:
    # counted live over every location, a million works' archives took half a second.
    page.object_list = list(page.object_list)
    if facet_cells.available():
        rows = facet_cells.facets(["archive"], {})["archive"]
        counts = {row["slug"]: row["count"] for row in rows}
    else:
        locations = ArchivalLocation.objects.filter(
            file__inventory__fond__archive__in=page.object_list
        )
        counts = distinct_works(locations, "file__inventory__fond__archive__slug")
    set_counts(page.object_list, "document_count", counts, key="slug")

    def data():
        return list_data(page, [serializers.archive_summary(a) for a in page.object_list])

    return respond(request, "catalogue/archive_list.html", {"page_obj": page}, data)


def archive_detail(request, slug):
    archive = get_object_or_404(Archive.objects.prefetch_related("names"), slug=slug)
    page = paginate(
        request, archive.fonds.select_related("archive").order_by("sort_key", "pk"), 100
    )
    # Documents are counted for the page's fonds only: annotated on the whole list, the
    # count would join every fond of a large archive to its files and locations.
    page.object_list = list(page.object_list)
    locations = ArchivalLocation.objects.filter(file__inventory__fond__in=page.object_list)
    set_counts(
        page.object_list, "document_count", distinct_works(locations, "file__inventory__fond")
    )

    def data():
        return {
            **serializers.archive_summary(archive),
            "names": [
                {"name": n.name, "kind": n.kind, "years": n.years or None}
                for n in archive.names.all()
            ],
            "fonds": list_data(page, [serializers.fond_summary(f) for f in page.object_list]),
        }

    context = {"archive": archive, "page_obj": page, "fonds": page.object_list}
    return respond(request, "catalogue/archive_detail.html", context, data)


def fond_detail(request, slug, number):
    fond = get_object_or_404(
        Fond.objects.select_related("archive"), archive__slug=slug, number=number
    )
    # The page's files share this fond and its few inventories: each is read once and
    # attached, not joined again to every file row. Of a cited document only its title is
    # shown, so only its title is read.
    inventories = list(fond.inventories.annotate(file_count=Count("files")).order_by("sort_key"))
    for inventory in inventories:
        inventory.fond = fond
        inventory.url = inventory_url(inventory)
    by_id = {inventory.pk: inventory for inventory in inventories}
    # Every file of the fond is in one of its inventories: their counts are its count.
    count = sum(inventory.file_count for inventory in inventories)
    files = ArchivalFile.objects.in_fond(fond).with_cited_documents()
    page = paginate(request, files, 100, count=count)
    page.object_list = list(page.object_list)
    for file in page.object_list:
        file.url = file_url(file, by_id[file.inventory_id])

    def data():
        return {
            **serializers.fond_summary(fond),
            "archive_url": fond.archive.get_absolute_url(),
            "inventories": [
                {
                    "number": inv.number,
                    "title": inv.title or None,
                    "files": inv.file_count,
                    "url": inv.url,
                }
                for inv in inventories
            ],
            "files": list_data(
                page,
                [
                    {
                        "inventory": f.inventory.number,
                        "folder": f.folder.number if f.folder_id else None,
                        "number": f.number,
                        "title": f.title or None,
                        "url": f.url,
                        "documents": [
                            {
                                "id": loc.work_id,
                                "title": loc.work.title,
                                "url": loc.work.get_absolute_url(),
                                "folios": loc.folios or None,
                            }
                            for loc in f.locations.all()
                        ],
                    }
                    for f in page.object_list
                ],
            ),
        }

    context = {
        "fond": fond,
        "inventories": inventories,
        "page_obj": page,
        "files": page.object_list,
    }
    return respond(request, "catalogue/fond_detail.html", context, data)


def person_list(request):
    page = paginate(request, Person.objects.order_by("sort_key", "pk"), 100)
    # Works are counted for the page's people only: annotated on the whole list, the count
    # would group every contribution of the catalogue before the first page is cut.
    page.object_list = list(page.object_list)
    contributions = Contribution.objects.filter(person__in=page.object_list)
    set_counts(page.object_list, "work_count", distinct_works(contributions, "person"))

    def data():
        return list_data(page, [serializers.person_summary_row(p) for p in page.object_list])

    return respond(request, "catalogue/person_list.html", {"page_obj": page}, data)


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    works = Work.objects.by_people([person.slug]).with_list_relations()
    page = paginate(request, works, settings.OPIS_PAGE_SIZE)
    spellings = person.names_as_printed()

    def data():
        return {
            **serializers.person_summary_row(person),
            "orcid": person.orcid or None,
            "works": list_data(page, [serializers.work_summary(w) for w in page.object_list]),
            "names_as_printed": spellings,
        }

    context = {
        "person": person,
        "page_obj": page,
        "works": page.object_list,
        "names_as_printed": spellings,
    }
    return respond(request, "catalogue/person_detail.html", context, data)


# Error pages. They answer JSON to a JSON request, and never show a traceback.


def _error(request, status, message, template):
    if request.GET.get("format", "").strip().lower() == "json":
        return JsonResponse({"error": message, "status": status}, status=status)
    return render(request, template, {"message": message}, status=status)


def bad_request(request, exception):
    message = (
        str(exception)
        if isinstance(exception, BadRequest) and str(exception)
        else _("The request could not be understood.")
    )
    return _error(request, 400, message, "400.html")


def request_too_large(request, limit):
    message = _(
        "The request is too large: this site reads at most %(limit)s MB. "
        "Split a large file and send the parts."
    ) % {"limit": f"{limit / (1024 * 1024):g}"}
    return _error(request, 413, message, "400.html")


def page_not_found(request, exception):
    message = exception.args[0] if isinstance(exception, Http404) and exception.args else ""
    if not isinstance(message, str) or "matches the given query" in message:
        message = ""  # get_object_or_404's wording names a model class, not a reader's words
    return _error(request, 404, message or _("There is nothing at this address."), "404.html")


def too_slow(request):
    """A public page whose statements ran past their time (timeouts.py): not a fault of the
    server, and not kept by the page cache (a 503)."""
    if request.GET.get("q", "").strip():
        message = _(
            "This search is too broad to answer in time. Add a less common word, or narrow "
            "it by archive, language, kind or years, and search again."
        )
    else:
        message = _("This page took too long to prepare. Please try again in a moment.")
    return _error(request, 503, message, "503.html")


def server_error(request):
    return _error(
        request, 500, _("Something went wrong on our side. It has been logged."), "500.html"
    )


# Exports of the works list: the whole filtered list, not one page, up to a limit.


def export_works(request, filterset, fmt):
    """The works of `filterset` as a download; bad filters or too many works are a 400.

    The answer to a download is plain text, not a page: the reader asked for a file.
    """
    if not filterset.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
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

TREE_PAGE_SIZE = 100


def inventory_url(inventory):
    return inventory.get_absolute_url()


def folder_url(folder, inventory=None):
    """The folder's page. `inventory` saves a lookup where the page already has it."""
    if inventory is not None:
        folder.inventory = inventory
    return folder.get_absolute_url()


def file_url(file, inventory=None):
    """The file's page; under its folder where it has one. `inventory` saves a lookup."""
    if inventory is not None:
        file.inventory = inventory
    return file.get_absolute_url()


def _cited_locations():
    """Locations of a file, in folio order, with their documents and who cites them."""
    return ArchivalLocation.objects.select_related("work").order_by(
        F("first_folio").asc(nulls_last=True), "work__sort_title", "pk"
    )


def _citing():
    return Citation.objects.select_related("citing").order_by("citing__sort_title", "number")


def _document_row(location):
    work = location.work
    return {
        "id": work.pk,
        "title": work.title,
        "url": work.get_absolute_url(),
        "date": work.date or None,
        "folios": location.folios or None,
        "folios_english": location.folios_english or None,
        "first_folio": location.first_folio,
        "last_folio": location.last_folio,
        "cited_by": [
            {
                "id": c.citing_id,
                "title": c.citing.title,
                "url": c.citing.get_absolute_url(),
                "number": c.number,
            }
            for c in work.citations.all()
        ],
    }


def _file_row(file, inventory):
    return {
        "number": file.number,
        "folder": file.folder.number if file.folder_id else None,
        "folder_url": folder_url(file.folder, inventory) if file.folder_id else None,
        "title": file.title or None,
        "dates": file.dates or None,
        "url": file_url(file, inventory),
        "documents": [_document_row(loc) for loc in file.locations.all()],
    }


def _tree_files(files):
    return (
        files.select_related("folder")
        .prefetch_related(
            Prefetch("locations", queryset=_cited_locations()),
            Prefetch("locations__work__citations", queryset=_citing()),
        )
        .order_by(F("folder__sort_key").asc(nulls_first=True), "sort_key", "pk")
    )


def _unit_data(archive, fond, **levels):
    return {
        "archive": archive.slug,
        "archive_abbreviation": archive.abbreviation,
        "archive_url": archive.get_absolute_url(),
        "fond": fond.number,
        "fond_title": fond.title or None,
        "fond_dates": fond.dates or None,
        "fond_url": fond.get_absolute_url(),
        **levels,
    }


def _files_page(request, inventory, files):
    page = paginate(request, _tree_files(files), TREE_PAGE_SIZE)
    rows = [_file_row(f, inventory) for f in page.object_list]
    return page, rows, list_data(page, rows)


def _unit_page(request, inventory, files, folder=None, **levels):
    """An inventory's or a folder's page: the unit, then its files one page at a time."""
    fond = inventory.fond
    if folder is not None:
        levels = {"inventory_url": inventory_url(inventory), "folder": folder.number, **levels}
    page, rows, files_data = _files_page(request, inventory, files)
    data = {
        **_unit_data(fond.archive, fond, inventory=inventory.number, **levels),
        "files": files_data,
    }
    context = {
        "archive": fond.archive,
        "fond": fond,
        "inventory": inventory,
        "folder": folder,
        "unit": data,
        "page_obj": page,
        "files": rows,
        **files_data,
    }
    return respond(request, "catalogue/inventory_detail.html", context, data)


def inventory_detail(request, slug, fond, inventory):
    response_format(request)
    inventory = get_object_or_404(
        Inventory.objects.select_related("fond__archive"),
        fond__archive__slug=slug,
        fond__number=fond,
        number=inventory,
    )
    return _unit_page(
        request,
        inventory,
        inventory.files.all(),
        title=inventory.title or None,
        url=inventory_url(inventory),
    )


def folder_detail(request, slug, fond, inventory, folder):
    response_format(request)
    folder = get_object_or_404(
        Folder.objects.select_related("inventory__fond__archive"),
        inventory__fond__archive__slug=slug,
        inventory__fond__number=fond,
        inventory__number=inventory,
        number=folder,
    )
    return _unit_page(
        request,
        folder.inventory,
        folder.files.all(),
        folder=folder,
        title=folder.title or None,
        url=folder_url(folder),
    )


def file_detail(request, slug, fond, inventory, number, folder=None):
    response_format(request)
    file = get_object_or_404(
        ArchivalFile.objects.select_related("inventory__fond__archive", "folder"),
        inventory__fond__archive__slug=slug,
        inventory__fond__number=fond,
        inventory__number=inventory,
        folder__number=folder,  # None: a file outside any folder
        number=number,
    )
    inventory = file.inventory
    fond = inventory.fond
    locations = (
        _cited_locations()
        .filter(file=file)
        .prefetch_related(Prefetch("work__citations", queryset=_citing()))
    )
    page = paginate(request, locations, TREE_PAGE_SIZE)
    rows = [_document_row(loc) for loc in page.object_list]
    documents = list_data(page, rows)
    data = {
        **_unit_data(
            fond.archive,
            fond,
            inventory=inventory.number,
            inventory_url=inventory_url(inventory),
            folder=file.folder.number if file.folder_id else None,
            folder_url=folder_url(file.folder, inventory) if file.folder_id else None,
            number=file.number,
            title=file.title or None,
            dates=file.dates or None,
            url=file_url(file),
        ),
        "documents": documents,
    }
    context = {
        "archive": fond.archive,
        "fond": fond,
        "inventory": inventory,
        "file": file,
        "unit": data,
        "page_obj": page,
        "documents": rows,
        **documents,
    }
    return respond(request, "catalogue/file_detail.html", context, data)

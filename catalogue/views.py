"""Pages of the catalogue. Each answers HTML, and JSON with `?format=json`.

Views stay thin: the querysets know how to filter and what to prefetch, the FilterSet
validates the parameters, `serializers` shapes the JSON.
"""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from . import serializers
from .filters import WorkFilter
from .models import ArchivalFile, Archive, Fond, Language, Person, Work

FORMATS = ("html", "json")


def response_format(request):
    """`html` or `json`, from `?format=`; anything else is a 400 that names the choices."""
    values = request.GET.getlist("format")
    if len(values) > 1:
        raise BadRequest("Give “format” once.")
    fmt = (values[0] if values else "html").strip().lower() or "html"
    if fmt not in FORMATS:
        raise BadRequest(f"Unknown format “{fmt[:40]}”: use one of {', '.join(FORMATS)}.")
    return fmt


def respond(request, template, context, data, status=200):
    if response_format(request) == "json":
        return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, template, context, status=status)


def paginate(request, object_list, per_page):
    """The requested page of `object_list`; a bad `page` is a clear 400 or 404."""
    values = request.GET.getlist("page")
    if len(values) > 1:
        raise BadRequest("Give “page” once.")
    raw = values[0].strip() if values else "1"
    if not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise BadRequest(f"“page” must be a whole number from 1, not “{raw[:40]}”.")
    paginator = Paginator(object_list, per_page)
    number = int(raw)
    if number > paginator.num_pages:
        raise Http404(
            f"There is no page {number}: this list has {paginator.num_pages} "
            f"page{'s' if paginator.num_pages != 1 else ''}."
        )
    page = paginator.page(number)

    def link(number):
        # Every other parameter is kept, `format` included, so JSON pages lead to JSON pages.
        params = request.GET.copy()
        params["page"] = number
        return f"{request.path}?{params.urlencode()}"

    page.next_url = link(page.next_page_number()) if page.has_next() else None
    page.previous_url = link(page.previous_page_number()) if page.has_previous() else None
    return page


def list_data(page, rows):
    return {
        "count": page.paginator.count,
        "next": page.next_url,
        "previous": page.previous_url,
        "results": rows,
    }


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
    data = {
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
    """Each facet value with a link that toggles it and says whether it is on."""
    selected = set(request.GET.getlist(name))
    for row in rows:
        params = request.GET.copy()
        params.pop("page", None)
        values = [v for v in params.getlist(name) if v != row["slug"]]
        row["selected"] = row["slug"] in selected
        if not row["selected"]:
            values.append(row["slug"])
        params.setlist(name, values)
        query = params.urlencode()
        row["toggle_url"] = f"{request.path}?{query}" if query else request.path
    return rows


def work_list(request):
    response_format(request)  # a bad format is refused before any work is done
    filterset = WorkFilter(request.GET, queryset=Work.objects.all())
    if not filterset.is_valid():
        errors = {name: list(messages) for name, messages in filterset.errors.items()}
        context = {
            "filter": filterset,
            "page_obj": None,
            "works": [],
            "facets": {},
            "errors": errors,
        }
        data = {"errors": errors, "count": 0, "next": None, "previous": None, "results": []}
        return respond(request, "catalogue/work_list.html", context, data, status=400)

    works = filterset.qs.with_list_relations()
    page = paginate(request, works, settings.OPIS_PAGE_SIZE)
    facets = {
        name: facet_links(
            request, name, getattr(filterset.queryset_without(name), f"{name}_facet")()
        )
        for name in WorkFilter.FACETS
    }
    data = list_data(page, [serializers.work_summary(w) for w in page.object_list])
    data["facets"] = {
        name: [{k: row[k] for k in ("slug", "label", "count", "selected")} for row in rows]
        for name, rows in facets.items()
    }
    context = {
        "filter": filterset,
        "page_obj": page,
        "works": page.object_list,
        "facets": facets,
    }
    return respond(request, "catalogue/work_list.html", context, data)


def work_detail(request, pk):
    work = get_object_or_404(Work.objects.with_detail_relations(), pk=pk)
    return respond(
        request, "catalogue/work_detail.html", {"work": work}, serializers.work_detail(work)
    )


def archive_list(request):
    archives = Archive.objects.annotate(
        document_count=Count("fonds__inventories__files__locations__work", distinct=True),
        fond_count=Count("fonds", distinct=True),
    ).order_by("abbreviation")
    page = paginate(request, archives, 100)
    data = list_data(page, [serializers.archive_summary(a) for a in page.object_list])
    return respond(request, "catalogue/archive_list.html", {"page_obj": page}, data)


def archive_detail(request, slug):
    archive = get_object_or_404(Archive.objects.prefetch_related("names"), slug=slug)
    fonds = (
        archive.fonds.annotate(
            document_count=Count("inventories__files__locations__work", distinct=True)
        )
        .select_related("archive")
        .order_by("sort_key")
    )
    page = paginate(request, fonds, 100)
    data = {
        **serializers.archive_summary(archive),
        "names": [
            {"name": n.name, "kind": n.kind, "years": n.years or None} for n in archive.names.all()
        ],
        "fonds": list_data(page, [serializers.fond_summary(f) for f in page.object_list]),
    }
    context = {"archive": archive, "page_obj": page, "fonds": page.object_list}
    return respond(request, "catalogue/archive_detail.html", context, data)


def fond_detail(request, slug, number):
    fond = get_object_or_404(
        Fond.objects.select_related("archive"), archive__slug=slug, number=number
    )
    inventories = fond.inventories.annotate(file_count=Count("files")).order_by("sort_key")
    files = (
        ArchivalFile.objects.filter(inventory__fond=fond)
        .select_related("inventory", "folder")
        .prefetch_related("locations__work")
        .order_by("inventory__sort_key", "folder__sort_key", "sort_key")
    )
    page = paginate(request, files, 100)
    data = {
        **serializers.fond_summary(fond),
        "archive_url": fond.archive.get_absolute_url(),
        "inventories": [
            {"number": inv.number, "title": inv.title or None, "files": inv.file_count}
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
    people = Person.objects.annotate(
        work_count=Count("contributions__work", distinct=True)
    ).order_by("sort_key")
    page = paginate(request, people, 100)
    data = list_data(page, [serializers.person_summary_row(p) for p in page.object_list])
    return respond(request, "catalogue/person_list.html", {"page_obj": page}, data)


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    works = Work.objects.by_people([person.slug]).with_list_relations()
    page = paginate(request, works, settings.OPIS_PAGE_SIZE)
    data = {
        **serializers.person_summary_row(person),
        "orcid": person.orcid or None,
        "works": list_data(page, [serializers.work_summary(w) for w in page.object_list]),
    }
    context = {"person": person, "page_obj": page, "works": page.object_list}
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
        else ("The request could not be understood.")
    )
    return _error(request, 400, message, "400.html")


def page_not_found(request, exception):
    message = exception.args[0] if isinstance(exception, Http404) and exception.args else ""
    if not isinstance(message, str) or "matches the given query" in message:
        message = ""  # get_object_or_404's wording names a model class, not a reader's words
    return _error(request, 404, message or "There is nothing at this address.", "404.html")


def server_error(request):
    return _error(request, 500, "Something went wrong on our side. It has been logged.", "500.html")

"""Archives, fonds and the archival tree below them: inventories, folders, files."""

from django.db.models import Count, F, Prefetch
from django.shortcuts import get_object_or_404

from .. import serializers
from ..models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    Citation,
    Folder,
    Fond,
    Inventory,
)
from ..search import facet_cells
from .common import (
    distinct_works,
    list_data,
    paginate,
    respond,
    response_format,
    set_counts,
)


def archive_list(request):
    archives = Archive.objects.in_reading_order().annotate(fond_count=Count("fonds"))
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
    return Citation.objects.select_related("citing").order_by(
        "citing__sort_title", "number", "index"
    )


def _document_row(location):
    work = location.work
    return {
        "id": work.pk,
        "title": work.title,
        "url": work.get_absolute_url(),
        "date": work.date or None,
        "folios": location.folios or None,
        "folios_english": location.folios_english or None,
        "folios_russian": location.folios_russian or None,
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

from django.urls import path, register_converter

from . import views
from .archival import NUMBER_PATTERN
from .citing import unapi
from .filters import WorkFilter
from .page_cache import cached
from .timeouts import time_limited


class IdConverter:
    """A database id: digits, short enough that no database overflows on it."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class NumberConverter:
    """An archival number as printed (`17`, `Р-9401`, `06`): what archival.number_problem
    allows, which is what one segment of a path can carry (PostgreSQL refuses a NUL in a
    query: a 500 before this)."""

    regex = NUMBER_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(IdConverter, "id")
register_converter(NumberConverter, "number")

# The query parameters each page reads; a URL with others is redirected to the URL without
# them (page_cache.cached), so that made-up parameters never make another cached page.
DETAIL = ("format",)
LISTED = ("format", "page", *views.CURSORS)
WORKS = (*LISTED, *WorkFilter.base_filters)


def public(view, parameters=DETAIL):
    """A public page: the same for every reader, so cached whole until the catalogue changes
    (page_cache.py); when built, its statements are time-limited (timeouts.py)."""
    return cached(time_limited(view), parameters)


app_name = "catalogue"
urlpatterns = [
    path("", public(views.home), name="home"),
    path("works/", public(views.work_list, WORKS), name="work-list"),
    path("works/<id:pk>/", public(views.work_detail), name="work-detail"),
    path("archives/", public(views.archive_list, LISTED), name="archive-list"),
    path("archives/<slug:slug>/", public(views.archive_detail, LISTED), name="archive-detail"),
    path(
        "archives/<slug:slug>/fonds/<number:number>/",
        public(views.fond_detail, LISTED),
        name="fond-detail",
    ),
    path("people/", public(views.person_list, LISTED), name="person-list"),
    path("people/<slug:slug>/", public(views.person_detail, LISTED), name="person-detail"),
    # Where Zotero's connector fetches the works a page marks (citing/unapi.py).
    path("unapi/", unapi.unapi, name="unapi"),
]

# The archival tree below the fond. Numbers are strings as the archive writes them
# (`Р-9401`, `06`, `1а`); a folder level appears only where the archive uses folders.
_inventory = "archives/<slug:slug>/fonds/<number:fond>/inventories/<number:inventory>/"
urlpatterns += [
    path(_inventory, public(views.inventory_detail, LISTED), name="inventory-detail"),
    path(
        f"{_inventory}files/<number:number>/", public(views.file_detail, LISTED), name="file-detail"
    ),
    path(
        f"{_inventory}folders/<number:folder>/",
        public(views.folder_detail, LISTED),
        name="folder-detail",
    ),
    path(
        f"{_inventory}folders/<number:folder>/files/<number:number>/",
        public(views.file_detail, LISTED),
        name="folder-file-detail",
    ),
]

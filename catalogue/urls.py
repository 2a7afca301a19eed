from django.urls import path, register_converter

from . import views


class IdConverter:
    """A database id: digits, short enough that no database overflows on it."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class NumberConverter:
    """An archival number as printed (`17`, `Р-9401`, `06`): anything but a slash or a
    control character (PostgreSQL refuses a NUL in a query: a 500 before this)."""

    regex = "[^/\x00-\x1f\x7f]{1,40}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(IdConverter, "id")
register_converter(NumberConverter, "number")

app_name = "catalogue"
urlpatterns = [
    path("", views.home, name="home"),
    path("works/", views.work_list, name="work-list"),
    path("works/<id:pk>/", views.work_detail, name="work-detail"),
    path("archives/", views.archive_list, name="archive-list"),
    path("archives/<slug:slug>/", views.archive_detail, name="archive-detail"),
    path("archives/<slug:slug>/fonds/<number:number>/", views.fond_detail, name="fond-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
]

# The archival tree below the fond. Numbers are strings as the archive writes them
# (`Р-9401`, `06`, `1а`); a folder level appears only where the archive uses folders.
_inventory = "archives/<slug:slug>/fonds/<number:fond>/inventories/<number:inventory>/"
urlpatterns += [
    path(_inventory, views.inventory_detail, name="inventory-detail"),
    path(f"{_inventory}files/<number:number>/", views.file_detail, name="file-detail"),
    path(f"{_inventory}folders/<number:folder>/", views.folder_detail, name="folder-detail"),
    path(
        f"{_inventory}folders/<number:folder>/files/<number:number>/",
        views.file_detail,
        name="folder-file-detail",
    ),
]

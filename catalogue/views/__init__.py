"""Pages of the catalogue. Each answers HTML, and JSON with `?format=json`.

Views stay thin: the querysets know how to filter and what to prefetch, the FilterSet
validates the parameters, `serializers` shapes the JSON.
"""

from .archives import (
    archive_detail,
    archive_list,
    file_detail,
    folder_detail,
    fond_detail,
    inventory_detail,
)
from .common import CURSORS
from .errors import bad_request, page_not_found, request_too_large, server_error, too_slow
from .people import person_detail, person_list
from .works import facet_counts, home, work_detail, work_list

__all__ = [
    "CURSORS",
    "archive_detail",
    "archive_list",
    "bad_request",
    "facet_counts",
    "file_detail",
    "folder_detail",
    "fond_detail",
    "home",
    "inventory_detail",
    "page_not_found",
    "person_detail",
    "person_list",
    "request_too_large",
    "server_error",
    "too_slow",
    "work_detail",
    "work_list",
]

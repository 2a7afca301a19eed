"""The catalogue: works, the people who made them, and the archival holdings they come from.

The archival hierarchy is real rows (archive › fond › inventory › [folder] › file), so
that an editor corrects a fond's title once. An archival document is a Work of kind
`archival_document` with one or more ArchivalLocations (a file and its folios).
A reference list is a set of Citations from the citing work, each with its number and
the reference as printed, garbles included.

Every model keeps its history (django-simple-history: who, when, each field's old and
new value, revert from the admin). It was chosen over writing our own audit trail, and
over django-reversion, because it stores one row per change with plain columns that
can be diffed field by field, and because it skips loaddata's raw saves, so loading the
fixtures does not fill the history with noise.
"""

from . import signals  # noqa: F401  (the pre_save receivers)
from .archives import (
    ArchivalFile,
    ArchivalUnit,
    Archive,
    ArchiveName,
    Folder,
    Fond,
    Inventory,
)
from .citations import Citation
from .common import SlugManager
from .people import Periodical, Person
from .signals import BASELINE
from .works import ArchivalLocation, Contribution, Language, Work

__all__ = [
    "BASELINE",
    "ArchivalFile",
    "ArchivalLocation",
    "ArchivalUnit",
    "Archive",
    "ArchiveName",
    "Citation",
    "Contribution",
    "Folder",
    "Fond",
    "Inventory",
    "Language",
    "Periodical",
    "Person",
    "SlugManager",
    "Work",
]

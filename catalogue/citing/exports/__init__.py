"""Exports of works for reference managers: CSL-JSON, BibTeX and RIS, all UTF-8.

Cyrillic is written as it is (no LaTeX escapes for letters, no transliteration). People
are named in the script of the work where the catalogue holds it (a Russian article's
authors as `Батунаев, Э. В.`), as its GOST citation and a Russian style need them.

Where each part of a record goes, format by format, chosen by what Zotero's own import
translators keep (`RIS.js`, `CSL JSON.js`, `BibTeX.js`; tests/test_zotero.py checks it):

| what              | CSL-JSON                     | RIS                    | BibTeX                       |
|-------------------|------------------------------|------------------------|------------------------------|
| archive           | `archive`                    | `DB` (archive)         | `archive` (tools), `note`    |
| location          | `archive_location`           | `AN` (archiveLocation) | `archive_location`, `note`   |
| archive's city    | `archive-place`, and `note`  | `M2` (Extra)           | in `note` only               |
| original title    | `original-title`, and `note` | `M2` (Extra)           | `origtitle` (biblatex)       |
| pages of a book   | `page`, and `note`           | `M2` (Extra)           | `pages` (biblatex)           |

Zotero has no field for an archive's city, an original title or the pages cited from a
book: it keeps them in Extra as `archive-place: Moscow`, `original-title: ...`,
`page: 103–112`, which citeproc-js and Zotero's CSL export read as those CSL variables.
A city is never written as the item's `place` (CY, `location`): for a manuscript that is
where the document was written.
"""

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from ...models import Work
from . import text
from .bibtex_format import bibtex, bibtex_entry
from .common import location_text
from .csl import csl_item, csl_json
from .ris_format import ris, ris_entry

__all__ = [
    "FORMATS",
    "MAX_EXPORT",
    "bibtex",
    "bibtex_entry",
    "csl_item",
    "csl_json",
    "exported",
    "location_text",
    "response",
    "ris",
    "ris_entry",
]

# How many works one export may hold: a bigger list must be narrowed by filters first.
MAX_EXPORT = 10_000

FORMATS = {
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
    "bibtex": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
    # A list's citations in one style, to read or copy (shown, not downloaded).
    "gost": ("text/plain", "txt"),
    "gost-en": ("text/plain", "txt"),
    "chicago": ("text/plain", "txt"),
}
WRITERS = {
    "csl-json": csl_json,
    "bibtex": bibtex,
    "ris": ris,
    "gost": text.gost,
    "gost-en": text.gost_en,
    "chicago": text.chicago,
}


def exported(ids):
    """The works of `ids`, in that order, with what an export reads: a list row's
    relations (`with_list_relations`) and the whole each is part of. A fixed number of
    queries, however many works."""
    works = Work.objects.with_list_relations().in_order(ids)
    # Only the parts of a whole have one to read (the prefetch machinery costs a tenth
    # of an export even when no work has one).
    prefetch_related_objects([w for w in works if w.part_of_id], "part_of")
    return works


def response(fmt, works, filename):
    """An HTTP download of `works` in format `fmt`, named `filename` plus the extension."""
    content_type, extension = FORMATS[fmt]
    body = WRITERS[fmt](works)
    result = HttpResponse(body.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")
    result["Content-Disposition"] = content_disposition_header(
        as_attachment=extension != "txt", filename=f"{filename}.{extension}"
    )
    return result

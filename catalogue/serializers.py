"""The JSON twins of the pages: plain dicts built from the objects the pages show.

They read only what the views' querysets already fetched, so a JSON page costs the
same queries as its HTML page.
"""

from .querysets import related


def person_summary(contribution):
    person = contribution.person
    return {
        "name": str(person),
        "kind": person.kind,
        "role": contribution.role,
        "url": person.get_absolute_url(),
    }


def location_summary(location):
    file = location.file
    fond = file.inventory.fond
    archive = fond.archive
    return {
        "archive": archive.slug,
        "archive_abbreviation": archive.abbreviation,
        "fond": fond.number,
        "inventory": file.inventory.number,
        "folder": file.folder.number if file.folder_id else None,
        "file": file.number,
        "folios": location.folios or None,
        "first_folio": location.first_folio,
        "last_folio": location.last_folio,
        "fond_url": fond.get_absolute_url(),
    }


def work_summary(work):
    """One row of a list: enough to show it and to follow it."""
    return {
        "id": work.pk,
        "key": work.key,
        "url": work.get_absolute_url(),
        "kind": work.kind,
        "title": work.title,
        "year": work.year,
        "contributors": [person_summary(c) for c in related(work, "contributions")],
        "languages": [language.code for language in related(work, "languages")],
        "periodical": work.periodical.title if work.periodical_id else None,
        "locations": [location_summary(loc) for loc in related(work, "locations")],
    }


def citation_summary(citation, other_work):
    """A numbered entry of a reference list, seen from one end: `other_work` is the far end."""
    return {
        "number": citation.number,
        "index": citation.index,  # its place in the note, when a note cites several works
        "text_as_printed": citation.text_as_printed,
        "editorial_note": citation.editorial_note or None,
        "work": {
            "id": other_work.pk,
            "title": other_work.title,
            "url": other_work.get_absolute_url(),
        },
    }


def work_detail(work):
    """A whole record: the summary, the description, and the citations both ways."""
    return {
        **work_summary(work),
        "title_original": work.title_original or None,
        "title_transliterated": work.title_transliterated or None,
        "date": work.date or None,
        "volume": work.volume or None,
        "issue": work.issue or None,
        "pages": work.pages or None,
        "series": work.series or None,
        "part_of": (
            {
                "id": work.part_of_id,
                "title": work.part_of.title,
                "url": work.part_of.get_absolute_url(),
            }
            if work.part_of_id
            else None
        ),
        "container_title": work.container_title or None,
        "publisher": work.publisher or None,
        "place": work.place or None,
        "doi": work.doi or None,
        "isbn": work.isbn or None,
        "link": work.url or None,
        "note": work.note or None,
        "references": [citation_summary(c, c.cited) for c in work.references.all()],
        "cited_by": [citation_summary(c, c.citing) for c in work.citations.all()],
    }


def archive_summary(archive):
    return {
        "slug": archive.slug,
        "abbreviation": archive.abbreviation,
        "abbreviation_ru": archive.abbreviation_ru or None,
        "name_en": archive.name_en or None,
        "name_ru": archive.name_ru or None,
        "url": archive.get_absolute_url(),
        "documents": getattr(archive, "document_count", None),
    }


def fond_summary(fond):
    return {
        "archive": fond.archive.slug,
        "number": fond.number,
        "title": fond.title or None,
        "url": fond.get_absolute_url(),
        "documents": getattr(fond, "document_count", None),
    }


def person_summary_row(person):
    return {
        "slug": person.slug,
        "name": str(person),
        "kind": person.kind,
        "name_original": person.name_original or None,
        "url": person.get_absolute_url(),
        "works": getattr(person, "work_count", None),
    }

"""Helpers shared by the tests of formatting, exports, the archival tree and the import."""

from catalogue.models import Work


def work(key):
    """A work as the pages and exports fetch it: every relation formatting reads."""
    return Work.objects.with_list_relations().select_related("part_of").get(key=key)

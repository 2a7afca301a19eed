"""Recompute the facet cells and the works' archive and language arrays (migration 0006).

Triggers keep them exact in every transaction, so this is for after something that went
round the triggers: a data-only `pg_restore --disable-triggers`, a bulk load with the
triggers set aside, a hand edit of the cells. PostgreSQL only.
"""

from django.core.management.base import BaseCommand, CommandError

from catalogue.search import facet_cells


class Command(BaseCommand):
    help = "Recompute the facet cells of /works/ from the works (PostgreSQL)."

    def handle(self, *args, **options):
        if not facet_cells.available():
            raise CommandError("Facet cells are PostgreSQL's; on SQLite /works/ counts live.")
        facet_cells.rebuild()
        self.stdout.write(f"Facet cells rebuilt: {facet_cells.count({}):,} works counted.")

"""Load the seed article's fixtures into an empty catalogue, and into nothing else.

`make run` calls this on every start. `loaddata` writes each record as shipped, over
whatever an editor corrected, and writes no history (django-simple-history skips raw
saves), so loading the seed again would silently undo corrections and leave their history
describing a record that is no longer there. Once the catalogue holds anything, this
command says so in one line and leaves the database alone; `manage.py loaddata archives
languages seed` still loads the seed on purpose.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from catalogue.models import Archive, Language, Periodical, Person, Work

SEED_FIXTURES = ("archives", "languages", "seed")

# Every record the fixtures hold is one of these or hangs off one of them by a required
# key (names and fonds off an archive, citations and locations off a work...), so a
# catalogue with none of them holds nothing the seed could overwrite.
ROOTS = (Archive, Language, Person, Periodical, Work)


class Command(BaseCommand):
    help = "Load the seed fixtures only if the catalogue holds no records yet."

    def handle(self, *args, **options):
        held = [m._meta.verbose_name_plural for m in ROOTS if m._default_manager.exists()]
        if held:
            self.stdout.write(
                f"The catalogue already holds {', '.join(map(str, held))}: the seed was not "
                f"loaded, so nothing saved is overwritten."
            )
            return
        call_command("loaddata", *SEED_FIXTURES, verbosity=0)
        self.stdout.write(
            f"Loaded the seed into the empty catalogue: {Work.objects.count()} works."
        )

"""A backup of the catalogue's records that loads into an empty database (docs/deployment.md, "Backup and restore")."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Write every catalogue record as JSON with natural keys, to load with loaddata into "
        "an empty database. The change history is left out: back it up with the database "
        "(pg_dump)."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="A file to write; standard output if not given.")

    def handle(self, *args, **options):
        # History rows point at records that may since have been deleted, which natural
        # keys cannot name; dumpdata would fail on them.
        history = [
            f"catalogue.{model.__name__}"
            for model in apps.get_app_config("catalogue").get_models()
            if model.__name__.startswith("Historical")
        ]
        call_command(
            "dumpdata",
            "catalogue",
            exclude=history,
            natural_foreign=True,
            natural_primary=True,
            indent=1,
            output=options["output"],
            stdout=self.stdout,
        )

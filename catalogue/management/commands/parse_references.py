"""Print the parse of a reference list as JSON Lines, one object per entry, in order.

    python manage.py parse_references refs.txt
    python manage.py parse_references - < refs.txt

Writes nothing to the database.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from catalogue.citations import ArchiveRegistry, parse_text
from catalogue.importing.reference_list import InputRejected, read_source


class Command(BaseCommand):
    stealth_options = ("stdin",)  # tests pass a stream in place of standard input
    help = "Parse a reference list (a file, or - for standard input) into JSON Lines."

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", default="-", help="a text file, or - (stdin)")

    def handle(self, *args, source, **options):
        try:
            text, notices = read_source(source, stdin=options.get("stdin") or sys.stdin)
        except InputRejected as error:
            raise CommandError(str(error)) from None
        for notice in notices:
            self.stderr.write(notice)
        registry = ArchiveRegistry.from_db()
        try:
            for parsed in parse_text(text, registry):
                self.stdout.write(json.dumps(parsed.as_dict(), ensure_ascii=False))
        except BrokenPipeError:
            # The reader stopped listening (`| head`): not an error worth a traceback.
            sys.stderr.close()

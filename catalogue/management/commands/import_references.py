"""Import a reference list as the references of a work already in the catalogue.

    python manage.py import_references refs.txt --cited-by batunaev2019 [--dry-run]

All or nothing: if one reference cannot be imported, nothing is written, and the
error names its line. Importing the same list twice creates nothing the second time.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from catalogue.citations import ArchiveRegistry, parse_text
from catalogue.importing.reference_list import ImportFailed, import_references
from catalogue.importing.text import InputRejected, read_source
from catalogue.models import Work


class Command(BaseCommand):
    stealth_options = ("stdin",)  # tests pass a stream in place of standard input
    help = "Import a reference list (a file, or - for stdin) as the references of a work."

    def add_arguments(self, parser):
        parser.add_argument("source", help="a text file, or - (stdin)")
        parser.add_argument(
            "--cited-by", required=True, metavar="WORK_KEY", help="the citing work's key"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be created; write nothing"
        )

    def handle(self, *args, source, cited_by, dry_run, **options):
        citing = Work.objects.filter(key=cited_by).first()
        if citing is None:
            raise CommandError(f"No work has the key {cited_by!r}: add the citing work first.")
        try:
            text, notices = read_source(source, stdin=options.get("stdin") or sys.stdin)
        except InputRejected as error:
            raise CommandError(str(error)) from None
        for notice in notices:
            self.stderr.write(notice)
        parsed = parse_text(text, ArchiveRegistry.from_db())
        if not any(p.is_reference for p in parsed):
            raise CommandError("No reference found in the input.")
        try:
            report = import_references(parsed, citing, dry_run=dry_run)
        except ImportFailed as error:
            raise CommandError(f"Nothing imported. {error}") from None
        for line in report.lines():
            self.stdout.write(line)

"""Fill the database with a synthetic catalogue for performance work (see catalogue/generator/)."""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from catalogue.generator import PREFIX, generate
from catalogue.generator.writing import analyze
from catalogue.models import Work


class Command(BaseCommand):
    help = (
        "Generate a synthetic catalogue of N works (keys prefixed gen-), deterministic for a "
        "seed. Load fixtures archives and languages first to reuse the real archives."
    )

    def add_arguments(self, parser):
        parser.add_argument("--works", type=int, required=True, help="How many works.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same rows.")
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="Worker processes that build rows (the database is written by this one).",
        )

    def handle(self, *args, works, seed, jobs, **options):
        if works < 1:
            raise CommandError("--works must be at least 1.")
        if Work.objects.filter(key__startswith=PREFIX).exists():
            raise CommandError(
                "This database already holds a generated catalogue (keys gen-…): "
                "generate into an empty database."
            )
        start = time.monotonic()

        def progress(message):
            self.stdout.write(f"[{time.monotonic() - start:7.1f} s] {message}")

        generate(works, seed, jobs=jobs, progress=progress)
        analyze()
        progress(f"done: {works:,} works in {time.monotonic() - start:.1f} s")

"""How long the admin takes at scale: the works changelist and a work's change form.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \
        .venv/bin/python bench/admin_timing.py [--repeat 15]

In-process with Django's test client and a logged-in superuser (`bench-admin`, created
without a usable password if missing), DEBUG=0. Prints median and p95 per page, and the
number of queries each issues. Not a test: figures to read.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.update(DEBUG="0", SECURE_SSL_REDIRECT="0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402

from catalogue.models import Archive, Citation, Work  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    User = get_user_model()
    user = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench@localhost", None
    )
    # As the test client does in tests, and a server with CONN_MAX_AGE does: keep the
    # connection between requests (and the captured queries with it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(user)
    article = Citation.objects.values_list("citing_id", flat=True).order_by("-citing_id").first()
    document = Work.objects.filter(kind="archival_document").order_by("-pk").first().pk
    archive = Archive.objects.filter(slug__startswith="gen-").first().slug
    pages = {
        "changelist": "/admin/catalogue/work/",
        "changelist ?archive": f"/admin/catalogue/work/?archive={archive}",
        "changelist ?q broad": "/admin/catalogue/work/?q=kwantung",
        "changelist ?q narrow": "/admin/catalogue/work/?q=Жуков",
        "changelist p.5000": "/admin/catalogue/work/?p=5000",
        "autocomplete broad": (
            "/admin/autocomplete/?app_label=catalogue&model_name=work&field_name=part_of"
            "&term=kwantung"
        ),
        "autocomplete narrow": (
            "/admin/autocomplete/?app_label=catalogue&model_name=work&field_name=part_of&term=Жуков"
        ),
        "change form (citing)": f"/admin/catalogue/work/{article}/change/",
        "change form (document)": f"/admin/catalogue/work/{document}/change/",
    }
    print(f"Admin timing: {Work.objects.count():,} works, {args.repeat} requests a page, DEBUG=0")
    print(f"  {'page':<24}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    for name, path in pages.items():
        assert client.get(path).status_code == 200, path  # warm
        captured = []

        def count(execute, sql, *args, captured=captured):
            captured.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            client.get(path)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"  {name:<24}{statistics.median(times):>11.1f}{p95:>9.1f}{len(captured):>9}")


if __name__ == "__main__":
    main()

"""What the home page costs to build at scale, and which of its statements cost most.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \
        .venv/bin/python bench/home_page.py

Through Django's test client with the page cache off (OPIS_PAGE_CACHE_SECONDS=0 is set
here), in English and in Russian, after one warm-up. Read-only. Not a test.
Results: bench/results-home-1m.txt.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ["OPIS_PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

client = Client()
client.get("/", SERVER_NAME="127.0.0.1")  # warm-up
for language in ("en", "ru", "en", "ru"):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=language, SERVER_NAME="127.0.0.1")
        ms = (time.perf_counter() - start) * 1000
    slowest = sorted((float(q["time"]), q["sql"][:70]) for q in queries.captured_queries)[-3:]
    print(f"{language} {response.status_code} {ms:.0f} ms, {len(queries)} statements; slowest:")
    for seconds, sql in reversed(slowest):
        print(f"    {seconds * 1000:6.0f} ms  {sql}")

#!/usr/bin/env python
"""Free-text search at scale: medians of `/works/?q=` and the plan's use of the indexes.

A script that prints figures, not a test. Run against a database filled by
`generate_catalogue` (PostgreSQL), from the project root:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \\
        .venv/bin/python bench/search.py --repeat 15

Each query is asked through Django's test client in this process (the view, the
queries and the JSON, without a server in front), after one warm-up request. It prints,
for each query, the count of matching works, the median and p95 in milliseconds, and
the indexes PostgreSQL's plan for the page's query reads (trigram indexes end in
`_trgm`), and whether it scans the works table; a query of broad words only is marked.

With `--names N`, then N people's names (`Петров-984`, drawn with a seed from the first
50,000 people, as bench/run.py's long tail draws them), each asked once, as a reader of
the long tail asks: its words new to this process. It prints the median, p90, p95 and
slowest of them, and the five slowest names with the works each found.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ.setdefault("SECRET_KEY", "bench-search-not-secret-0123456789abcdefghijklmnop")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# Each request computes its page: the page cache would answer the repeats from memory.
os.environ["OPIS_PAGE_CACHE_SECONDS"] = "0"

# A Cyrillic name and its romanisations, a title word in both scripts, an archive's
# former name, two words together, and a near miss that should find nothing.
QUERIES = [
    "Жуков",
    "Zhukov",
    "Žukov",
    "Luzianin",
    "Халхин-Гол",
    "Halhin-Gol",
    "khalkhin",
    "Номонхан",
    "RTsKhIDNI",
    "РГАСПИ",
    "mongolia trade",
    "скотоводство",
    "qqqzzzxxy",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed requests a query")
    parser.add_argument("--names", type=int, default=0, help="people's names, asked once each")
    parser.add_argument("--seed", type=int, default=3, help="which names")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from catalogue.filters import WorkFilter
    from catalogue.models import Work
    from catalogue.search import ranking
    from catalogue.search.folding import search_terms

    client = Client()
    works = Work.objects.count()
    print(
        f"search benchmark: {works:,} works on {connection.vendor}, {args.repeat} requests a query"
    )
    print(f"{'query':<18}{'works':>9}{'median ms':>11}{'p95 ms':>9}  plan")
    medians = []
    for query in QUERIES:
        params = {"q": query, "format": "json"}
        first = client.get("/works/", params)
        if first.status_code != 200:
            print(f"{query:<18} status {first.status_code}: {first.content[:120]!r}")
            continue
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get("/works/", params)
            timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        medians.append(median)
        plan = ""
        if connection.vendor == "postgresql":
            # The plan of the query that finds the works, as the view builds it: a page in
            # title order for broad words only, else the search run once for its ids.
            filterset = WorkFilter({"q": query}, queryset=Work.objects.all())
            assert filterset.is_valid(), filterset.errors
            if filterset.qs is not None and filterset.broad_search:
                plan = "broad: title order, estimated count; "
                text = filterset.qs.values("pk")[:25].explain()
            else:
                broad = ranking.broad_terms(search_terms(query))
                plan = f"broad words tested by row: {', '.join(sorted(broad))}; " if broad else ""
                text = Work.objects.search(query, broad).values("pk").explain()
            indexes = sorted(set(re.findall(r"(?: using|Bitmap Index Scan on) (\w+)", text)))
            plan += "indexes " + ", ".join(indexes) if indexes else "no index"
            if "Seq Scan on catalogue_work " in text:
                plan += "; seq scan of works"
        count = first.json()["count"]
        print(f"{query:<18}{count:>9,}{median:>11.1f}{percentile(timings, 0.95):>9.1f}  {plan}")
    if medians:
        print(f"median of the medians: {statistics.median(medians):.1f} ms")
    if args.names:
        names_once(client, args.names, args.seed)


def names_once(client, count, seed):
    """`count` people's names, each searched once: the long tail's searches."""
    import random

    from catalogue.models import Person

    names = list(Person.objects.values_list("name", flat=True)[:50_000])
    answered = []
    for name in random.Random(seed).sample(names, count):
        started = time.perf_counter()
        response = client.get("/works/", {"q": name, "format": "json"})
        answered.append(((time.perf_counter() - started) * 1000, name, response.json()["count"]))
    timings = [ms for ms, _, _ in answered]
    print(
        f"{count} names, each once: median {statistics.median(timings):.1f}, "
        f"p90 {percentile(timings, 0.9):.1f}, p95 {percentile(timings, 0.95):.1f}, "
        f"slowest {max(timings):.1f} ms; in all {sum(timings) / 1000:.1f} s"
    )
    for ms, name, found in sorted(answered)[-5:]:
        print(f"  {ms:8.1f} ms  {name} ({found:,} works)")


if __name__ == "__main__":
    main()

"""What each page of the benchmark's mix costs to build, in-process, one request at a time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \
        .venv/bin/python bench/page_cpu.py [--requests 40] [--types list,work]

The same URLs as bench/run.py (same seed), through Django's test client with the page
cache off, after a warm-up of each URL. Prints per request type the medians of the wall
time, of the time spent waiting on PostgreSQL, and of this process's CPU time (Django's
share of a page; PostgreSQL's is in its own processes). Under 8 clients on 2 cores the
wall times of bench/run.py vary by 10 % from one run to the next; the CPU time of one
request at a time varies less, so this is the figure to compare two checkouts by: run it
in each, in turn, on the same database, with nothing else running. Not a test.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# bench/run.py sets up Django as it measures it (DEBUG=0) and draws the URLs.
import run as bench
from django.db import connection
from django.test import Client, override_settings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40, help="requests per type")
    parser.add_argument("--types", default="", help="comma-separated; all types by default")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the PostgreSQL database of a generated catalogue.")
    urls = bench.samples(random.Random(args.seed))
    wanted = [t for t in args.types.split(",") if t] or list(urls)
    client = Client()
    waited = [0.0]

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            waited[0] += time.perf_counter() - start

    print(f"Page cost in-process: {args.requests} requests a type, page cache off, DEBUG=0")
    print(f"  {'request':<15}{'wall ms':>9}{'SQL ms':>9}{'CPU ms':>9}")
    with override_settings(OPIS_PAGE_CACHE_SECONDS=0), connection.execute_wrapper(timed):
        for kind in wanted:
            paths = urls[kind][: args.requests]
            for path in paths:  # warm: plans, the kept judgements and choices, the OS cache
                assert client.get(path).status_code == 200, path
            walls, sqls, cpus = [], [], []
            for i in range(args.requests):
                waited[0] = 0.0
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(paths[i % len(paths)])
                cpus.append(time.process_time() - cpu)
                walls.append(time.perf_counter() - wall)
                sqls.append(waited[0])
                assert response.status_code == 200, (paths[i % len(paths)], response.status_code)
            medians = [statistics.median(v) * 1000 for v in (walls, sqls, cpus)]
            print(f"  {kind:<15}" + "".join(f"{m:>9.1f}" for m in medians))


if __name__ == "__main__":
    main()

"""What each page of the benchmark's mix costs PostgreSQL: planning and execution, per statement.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \
        .venv/bin/python bench/page_sql.py [--verbose]

The SQL that the first three URLs of each type issue (as bench/run.py captures it: page
cache off, a warm second request), run again under EXPLAIN (ANALYZE) with Opis's session
settings. Prints per type the number of statements and the medians over the three URLs of
their summed planning and execution times, in ms; with --verbose, each statement of the
first URL. The times are PostgreSQL's own, without the round trips. Not a test.
"""

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # sets up Django as bench/run.py measures it
from django.db import connection


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true", help="each statement of a page")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the PostgreSQL database of a generated catalogue.")
    captured = bench.capture_sql(bench.samples(random.Random(1)), per_type=3)
    pages = {}
    with connection.cursor() as cursor:
        for (kind, _path), statements in captured.items():
            timings = []
            for sql in statements:
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0][0]
                timings.append((plan["Planning Time"], plan["Execution Time"], sql))
            pages.setdefault(kind, []).append((len(statements), timings))
    print("PostgreSQL's time a page (EXPLAIN ANALYZE), medians of three URLs, ms")
    print(f"  {'request':<15}{'queries':>8}{'planning':>10}{'execution':>11}")
    for kind, runs in pages.items():
        planning = statistics.median(sum(t[0] for t in timings) for _, timings in runs)
        execution = statistics.median(sum(t[1] for t in timings) for _, timings in runs)
        print(f"  {kind:<15}{runs[0][0]:>8}{planning:>10.2f}{execution:>11.2f}")
        if args.verbose:
            for plan_ms, exec_ms, sql in runs[0][1]:
                print(f"  {'':<15}{'':>8}{plan_ms:>10.2f}{exec_ms:>11.2f}  {sql[:90]}")


if __name__ == "__main__":
    main()

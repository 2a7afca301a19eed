"""Where one page's time goes: its Python by function, and its SQL by statement.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \
        .venv/bin/python bench/profile_page.py "/works/?archive=garf" [--repeat 20] [--top 25]

In-process, with Django's test client and the page cache off (a page built on a miss, as
bench/side_by_side.py's first part asks for it): one warm-up request, then `repeat`
requests under cProfile (the functions that took the most time, their own and with what
they call), then the statements of one more request under EXPLAIN (ANALYZE) with Opis's
session settings (planning and execution ms, the slowest first, each with its plan's top
line). With --cold, each request as a URL's first (the values kept under the catalogue's
version computed again). Not a test.
"""

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: F401  (sets up Django as bench/run.py measures it)
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="+", help="a page's path and query, as in the mix")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty the pages cache before each request: the values kept under the "
        "catalogue's version (a list's count and facets, a word's judgement) computed again, "
        "as on a URL's first request",
    )
    parser.add_argument("--sort", default="tottime", help="pstats' order: tottime, cumulative")
    args = parser.parse_args()
    client = Client()
    with override_settings(OPIS_PAGE_CACHE_SECONDS=0):
        for path in args.path:
            print(f"\n== {path}")
            assert client.get(path).status_code == 200, path
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.repeat):
                if args.cold:
                    forget()
                client.get(path)
            profile.disable()
            stats = pstats.Stats(profile)
            print(f"{stats.total_tt / args.repeat * 1000:.1f} ms of Python a request (profiled)")
            stats.sort_stats(args.sort).print_stats(args.top)
            connection.queries_log.clear()
            if args.cold:
                forget()
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            explain(captured)


def forget():
    """What the pages cache and this process keep under the catalogue's version, dropped."""
    from catalogue import page_cache

    caches["pages"].clear()
    page_cache.forget()


def explain(captured):
    timings = []
    with connection.cursor() as cursor:
        for query in captured:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0][0]
            top = plan["Plan"]
            timings.append(
                (
                    plan["Planning Time"] + plan["Execution Time"],
                    plan["Planning Time"],
                    plan["Execution Time"],
                    top["Node Type"],
                    sql,
                )
            )
    total = sum(t[0] for t in timings)
    print(f"{len(timings)} statements, {total:.1f} ms of PostgreSQL's (planning + execution)")
    for _, planning, execution, node, sql in sorted(timings, reverse=True):
        print(f"  {planning:6.2f} + {execution:7.2f} ms  {node:<18} {sql[:400]}")


if __name__ == "__main__":
    main()

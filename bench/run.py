"""Opis under load, against Datasette and against its own SQL. Prints figures; not a test.

    pip install -e ".[bench]"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \
        .venv/bin/python bench/run.py [--seconds 40] [--clients 8] [--no-datasette]

The database must hold a generated catalogue (`manage.py generate_catalogue`). In one run:
1. picks sample parameters from the data and records, in-process, the SQL each of those
   pages issues (a second, warm request, so the facet cache is as a running server has it);
2. starts gunicorn on 127.0.0.1 (DEBUG=0) and drives it with N clients over a fixed mix;
3. exports works, languages and archives to SQLite and drives Datasette with the same
   filtered browse, with facets (`_facet=`);
4. replays each page's SQL with psycopg, N connections at once, over the same pages in the
   same mix as step 2 (so each ratio sets a page against its own statements);
and prints median, p95 and throughput per request type, and the ratios. With
`--computed-only`, only the second half of step 2: run from two checkouts in turn against
the same database, it compares what a change did to the cost of building pages. With
`--long-tail`, Opis as deployed and its raw SQL (steps 1, 2 and 4; the SQL of each page's
first request), over a mix in which works, fonds, exports and searches are nearly never
asked for twice: what the page cache does for readers who spread over the catalogue instead
of returning to a few hundred pages.
Everything listens on and talks to 127.0.0.1 only, and stops by itself.
"""

import argparse
import http.client
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENV = {
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-" + "x" * 50,
    "SECURE_SSL_REDIRECT": "0",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "CONN_MAX_AGE": "60",
}
for name, value in ENV.items():
    os.environ.setdefault(name, value)
os.environ.update(DEBUG="0", SECURE_SSL_REDIRECT="0")  # measured as deployed, over plain HTTP
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

import django  # noqa: E402

django.setup()

from django.db import DatabaseError, connection  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalogue.models import Archive, Fond, Person, Work  # noqa: E402

BROWSE = ("list", "archive", "language_year")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def samples(rng, long_tail=False):
    """The URLs of each request type, drawn from the data: many per type (every archive,
    200 works, 200 fonds...), so that the page cache meets each page only a few times in a
    run, as it would meet a catalogue's readers, not a handful of pages over and over.

    With `long_tail`, the types a reader rarely repeats (a work, a fond, an author's export,
    a search) get a thousand or more URLs each, about as many as the run requests: nearly
    every one is built, and only the browse pages (the list, an archive, a language and
    decade, an archive's page: a few hundred URLs in all) can come from the page cache."""
    archives = list(
        Archive.objects.filter(fonds__isnull=False).distinct().values_list("slug", flat=True)
    )
    documents = list(
        Work.objects.filter(key__startswith="gen-", kind="archival_document")
        .order_by("pk")
        .values_list("pk", flat=True)[:50_000]
    )
    works = list(
        Work.objects.filter(key__startswith="gen-")
        .order_by("pk")
        .values_list("pk", flat=True)[:50_000]
    )
    fonds = list(
        Fond.objects.filter(title__startswith="Synthetic").select_related("archive")[:5000]
    )
    # Authors with a handful of works: small lists to export.
    authors = list(
        Person.objects.filter(slug__startswith="gen-person-5")
        .annotate(n=Count("contributions"))
        .filter(n__range=(3, 30))
        .values_list("slug", flat=True)[:20]
    )
    codes = list(Work.languages.through.objects.values_list("language__code", flat=True).distinct())
    decades = [
        {"language": code, "year_min": y, "year_max": y + 10}
        for code in codes
        for y in range(1900, 2020, 10)
    ]
    pick = rng.sample
    if long_tail:
        low, high = Work.objects.aggregate(low=Min("pk"), high=Max("pk")).values()
        works = list(
            Work.objects.filter(pk__in=rng.sample(range(low, high + 1), 3000)).values_list(
                "pk", flat=True
            )
        )
        fonds = list(Fond.objects.select_related("archive"))
        authors = list(
            Person.objects.annotate(n=Count("contributions"))
            .filter(n__range=(3, 30))
            .values_list("slug", flat=True)[:3000]
        )
        names = list(Person.objects.values_list("name", flat=True)[:50_000])
    urls = {
        "list": ["/works/"],
        "archive": [f"/works/?archive={slug}" for slug in pick(archives, len(archives))],
        "language_year": ["/works/?" + urlencode(d) for d in pick(decades, min(60, len(decades)))],
        "q": [
            "/works/?" + urlencode({"q": w})
            for w in ("Халхин-Гол", "mongolia", "kwantung", "Жуков", "Zhukov", "RTsKhIDNI")
        ],
        "work": [f"/works/{pk}/" for pk in pick(documents, 100) + pick(works, 100)],
        "archive_page": [f"/archives/{slug}/" for slug in pick(archives, len(archives))],
        "fond_page": [f.get_absolute_url() for f in pick(fonds, 200)],
        "export": [f"/works/?author={slug}&format=csl-json" for slug in authors],
    }
    if long_tail:
        urls["q"] += ["/works/?" + urlencode({"q": name}) for name in pick(names, 1500)]
        rng.shuffle(urls["q"])
        urls["work"] = [f"/works/{pk}/" for pk in works]
        urls["fond_page"] = [f.get_absolute_url() for f in pick(fonds, len(fonds))]
        urls["export"] = [
            f"/works/?author={slug}&format=csl-json" for slug in pick(authors, len(authors))
        ]
    return urls


def capture_sql(urls, per_type=None, warm=True):
    """The SQL (parameters inlined, as PostgreSQL ran it) that each distinct URL (or the
    first `per_type` of each type) issues with the page cache off (what a page costs when it
    is not stored). With `warm`, of a second request of the URL, as a page asked for over
    and over is served; without, of its first, as a page a reader rarely repeats (after a
    few pages of each type have filled the process's own kept values, as a worker's are)."""
    from django.test import override_settings

    client = Client()
    sql = {}
    with override_settings(OPIS_PAGE_CACHE_SECONDS=0):
        if not warm:
            for paths in urls.values():
                for path in paths[:3]:
                    assert client.get(path).status_code == 200, path
        for kind, paths in urls.items():
            for path in dict.fromkeys(paths[:per_type]):
                if warm:
                    assert client.get(path).status_code == 200, path  # warms PostgreSQL
                # Django keeps the last 9,000 queries: past them a capture would misread.
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(path).status_code == 200, path
                # A select widget's choices come through a named server-side cursor; its
                # query is replayed plainly (a held cursor's name cannot be declared twice).
                sql[(kind, path)] = [
                    re.sub(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH HOLD FOR ', "", q["sql"])
                    for q in captured
                ]
    return sql


def drive(request, jobs, clients, seconds):
    """Run `request(kind, target)` from `clients` threads over `jobs` [(kind, target)] in
    turn until `seconds` pass. Returns {kind: [latency seconds]} and the wall time."""
    latencies = {kind: [] for kind, _ in jobs}
    errors = []
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def client(index):
        start = index * len(jobs) // clients
        order = jobs[start:] + jobs[:start]
        i = 0
        while time.monotonic() < deadline:
            kind, target = order[i % len(order)]
            i += 1
            start = time.perf_counter()
            try:
                request(kind, target)
            except Exception as exc:  # counted and shown, never hidden
                errors.append(f"{kind} {target}: {exc}")
                continue
            elapsed = time.perf_counter() - start
            with lock:
                latencies[kind].append(elapsed)

    start = time.monotonic()
    busy, clients_cpu, by_program = machine_busy(), time.process_time(), programs_cpu()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    # The clients share the machine's cores with the server: say how much they took.
    busy, clients_cpu = machine_busy() - busy, time.process_time() - clients_cpu
    after = programs_cpu()
    served = sum(len(v) for v in latencies.values())
    shares = ", ".join(
        f"{program} {(after[program] - by_program.get(program, 0)) / served * 1000:.1f}"
        for program in sorted(after)
    )
    print(
        f"  CPU: the machine's cores {busy / (wall * os.cpu_count()):.0%} busy; "
        f"a request cost {busy / served * 1000:.1f} ms of CPU in all, "
        f"{clients_cpu / served * 1000:.1f} ms of it the clients' (by program, ms: {shares})"
    )
    if errors:
        print(f"  {len(errors)} errors, e.g. {errors[:3]}")
    return latencies, wall


def programs_cpu():
    """{program: seconds of CPU} of the processes now running, by name: the app's
    (python, for gunicorn's workers and the clients) and PostgreSQL's (Linux)."""
    seconds = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone since the listing
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        program = "postgres" if name.startswith("postgres") else name.split()[0]
        if program in ("postgres", "python", "gunicorn"):
            ticks = int(fields[11]) + int(fields[12])  # utime, stime
            seconds[program] = seconds.get(program, 0) + ticks / os.sysconf("SC_CLK_TCK")
    return seconds


def machine_busy():
    """Seconds of CPU the whole machine has spent on anything but idling (Linux)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    ticks = [int(f) for f in fields]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def warm_files():
    """Read the database's files once, so that the OS holds them in its cache: this
    machine's host drops that cache within seconds of idling, and a run that began cold
    stalled on reads (cores 26-56 % busy, p95 up to 4 s). Needs the server on this machine
    and its data directory readable (as root or postgres); otherwise says so and goes on."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('data_directory'), oid FROM pg_database"
                " WHERE datname = current_database()"
            )
            directory, oid = cursor.fetchone()
        files = sorted((Path(directory) / "base" / str(oid)).iterdir())
        size = 0
        for path in files:
            with path.open("rb") as f:
                while chunk := f.read(1 << 20):
                    size += len(chunk)
    except (OSError, DatabaseError) as error:  # a warm-up, not worth stopping the run for
        print(f"(the database's files were not read beforehand: {error})")
        return
    finally:
        connection.close()
    print(f"(read the database's {len(files):,} files, {size / 2**30:.1f} GB, into the OS cache)")


def http_get(port, answers=None):
    """A GET of one path; with `answers` (a list), it notes (kind, whether the page came
    from the page cache: the X-Opis-Cache header) for each answer."""

    def get(kind, path):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"status {response.status}")
            if answers is not None:  # list.append is atomic: no lock between clients
                answers.append((kind, response.getheader("X-Opis-Cache") == "hit"))
        finally:
            conn.close()

    return get


def wait_for(port, path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            http_get(port)("", path)
            return
        except (OSError, RuntimeError):
            time.sleep(0.5)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port}{path}")


def summary(latencies, wall):
    rows = {}
    for kind, values in latencies.items():
        if not values:
            rows[kind] = None
            continue
        values = sorted(values)
        rows[kind] = {
            "n": len(values),
            "median": statistics.median(values) * 1000,
            "p95": values[min(len(values) - 1, int(len(values) * 0.95))] * 1000,
            "rps": len(values) / wall,
        }
    return rows


def print_rows(title, rows):
    print(f"\n{title}")
    print(f"  {'request':<15}{'n':>7}{'median ms':>11}{'p95 ms':>9}{'req/s':>8}{'cache hits':>12}")
    for kind, row in rows.items():
        if row:
            hits = f"{row['hits']:.0%}" if "hits" in row else "-"
            print(
                f"  {kind:<15}{row['n']:>7}{row['median']:>11.1f}{row['p95']:>9.1f}"
                f"{row['rps']:>8.1f}{hits:>12}"
            )


def export_sqlite(path):
    """Works with their first language and first archive, as Datasette would browse them."""
    if path.exists():
        path.unlink()
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE archives (id INTEGER PRIMARY KEY, slug TEXT, abbreviation TEXT);
        CREATE TABLE languages (id INTEGER PRIMARY KEY, code TEXT, name_en TEXT);
        CREATE TABLE works (
            id INTEGER PRIMARY KEY, title TEXT, sort_title TEXT, year INTEGER, kind TEXT,
            language_id INTEGER REFERENCES languages(id),
            archive_id INTEGER REFERENCES archives(id));
        """
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, slug, abbreviation FROM catalogue_archive")
        db.executemany("INSERT INTO archives VALUES (?, ?, ?)", cursor.fetchall())
        cursor.execute("SELECT id, code, name_en FROM catalogue_language")
        db.executemany("INSERT INTO languages VALUES (?, ?, ?)", cursor.fetchall())
    from django.db import transaction

    with transaction.atomic(), connection.connection.cursor(name="export") as cursor:
        # A server-side cursor (it needs a transaction): a million rows, streamed.
        cursor.itersize = 50_000
        cursor.execute(
            """
            SELECT w.id, w.title, w.sort_title, w.year, w.kind,
                   (SELECT min(language_id) FROM catalogue_work_languages wl WHERE wl.work_id = w.id),
                   (SELECT min(fo.archive_id) FROM catalogue_archivallocation l
                      JOIN catalogue_archivalfile f ON f.id = l.file_id
                      JOIN catalogue_inventory i ON i.id = f.inventory_id
                      JOIN catalogue_fond fo ON fo.id = i.fond_id WHERE l.work_id = w.id)
            FROM catalogue_work w
            """
        )
        db.executemany("INSERT INTO works VALUES (?, ?, ?, ?, ?, ?, ?)", cursor)
    db.executescript(
        """
        CREATE INDEX works_archive ON works (archive_id);
        CREATE INDEX works_language_year ON works (language_id, year);
        CREATE INDEX works_kind ON works (kind);
        CREATE INDEX works_sort ON works (sort_title, id);
        ANALYZE;
        """
    )
    db.commit()
    db.close()


def interleave(jobs):
    """[(kind, target)] reordered round-robin by kind."""
    kinds = {}
    for kind, target in jobs:
        kinds.setdefault(kind, []).append((kind, target))
    rounds = max(len(v) for v in kinds.values())
    return [group[i] for i in range(rounds) for group in kinds.values() if i < len(group)]


def datasette_urls(urls, db):
    """The browse requests of `urls`, as Datasette table pages with the same three facets."""
    archive_ids = dict(Archive.objects.values_list("slug", "pk"))
    from catalogue.models import Language

    language_ids = dict(Language.objects.values_list("code", "pk"))
    facets = [("_facet", "archive_id"), ("_facet", "language_id"), ("_facet", "kind")]
    base = [("_sort", "sort_title"), ("_size", "25"), *facets]
    jobs = [("list", f"/{db}/works?" + urlencode(base))]
    for path in urls["archive"]:
        slug = path.split("=")[1]
        jobs.append(
            ("archive", f"/{db}/works?" + urlencode([("archive_id", archive_ids[slug]), *base]))
        )
    for path in urls["language_year"]:
        params = dict(p.split("=") for p in path.split("?")[1].split("&"))
        jobs.append(
            (
                "language_year",
                f"/{db}/works?"
                + urlencode(
                    [
                        ("language_id", language_ids[params["language"]]),
                        ("year__gte", params["year_min"]),
                        ("year__lte", params["year_max"]),
                        *base,
                    ]
                ),
            )
        )
    return jobs


def shared_store(url):
    """A client of the Redis at `url`, or None where none answers."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.ping()
    except redis.RedisError:
        return None
    return client


def run_opis(jobs, args, page_cache_seconds):
    """Start gunicorn, warm it with one pass over the jobs, drive it; the summary."""
    port = free_port()
    # As deployed: one Redis for the workers (OPIS_PAGE_CACHE_URL), empty at start (a key
    # prefix of this run's own), or each worker's memory where no Redis answers.
    prefix = f"opis-bench-{os.getpid()}-{time.monotonic_ns()}"
    store = shared_store(args.cache_url)
    print(f"(the page cache in {args.cache_url if store else 'each worker'})")
    env = {
        **os.environ,
        "OPIS_PAGE_CACHE_SECONDS": str(page_cache_seconds),
        "OPIS_PAGE_CACHE_PREFIX": prefix,
        # The share of hits in the summary is read from X-Opis-Cache, off by default.
        "OPIS_PAGE_CACHE_HEADER": "1",
    }
    if store:
        env["OPIS_PAGE_CACHE_URL"] = args.cache_url
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "project.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(port, "/works/?format=json")
        warm_files()
        for kind, path in jobs[: 8 * 4]:  # a short warm-up: connections, PostgreSQL's cache
            http_get(port)(kind, path)
        answers = []
        latencies, wall = drive(http_get(port, answers), jobs, args.clients, args.seconds)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        for name in store.scan_iter(f"{prefix}:*") if store else ():
            store.delete(name)  # this run's pages only: the Redis may serve others
    rows = summary(latencies, wall)
    for kind, row in rows.items():
        hits = [hit for answered, hit in answers if answered == kind]
        if row and hits:
            row["hits"] = sum(hits) / len(hits)
    return rows


def run_raw(sql, jobs, args):
    """Replay each job's page's captured SQL straight to PostgreSQL over psycopg, from as
    many clients as Opis had, over the same jobs in the same order; the summary."""
    import psycopg

    settings = connection.settings_dict
    dsn = f"host={settings['HOST']} port={settings['PORT'] or 5432} user={settings['USER']} dbname={settings['NAME']}"
    # The session settings Opis's connections have (settings.py: no parallel workers for a
    # page's small queries), so both run the same plans.
    options = settings.get("OPTIONS", {}).get("options", "")
    local = threading.local()
    # Held here, not only by the clients' threads: a thread's connection closed as it ended,
    # and its PostgreSQL backend's CPU was gone before drive() read what each program spent.
    held = []

    def replay(kind, path):
        if not hasattr(local, "conn"):
            local.conn = psycopg.connect(dsn, autocommit=True, options=options)
            held.append(local.conn)
        with local.conn.cursor() as cursor:
            for statement in sql[(kind, path)]:
                cursor.execute(statement)
                if cursor.description:
                    cursor.fetchall()

    connection.close()
    warm_files()
    latencies, wall = drive(replay, jobs, args.clients, args.seconds)
    for conn in held:
        conn.close()
    return summary(latencies, wall)


def print_ratios(kinds, columns):
    """A row a request type; a column a (header, rows, other rows): the ratio of the two
    medians (and of the p95s), '-' where either is missing."""
    print(f"  {'request':<15}" + "".join(f"{header:>26}" for header, _, _ in columns))
    for kind in kinds:
        cells = []
        for _, a, b in columns:
            a, b = a.get(kind), b.get(kind)
            cells.append(
                f"{a['median'] / b['median']:.2f} ({a['p95'] / b['p95']:.2f})" if a and b else "-"
            )
        print(f"  {kind:<15}" + "".join(f"{c:>26}" for c in cells))


def datasette(urls, args):
    """Datasette over the same works in SQLite, driven with the same browse; the summary."""
    path = Path(args.sqlite)
    path.parent.mkdir(parents=True, exist_ok=True)
    t = time.monotonic()
    export_sqlite(path)
    print(
        f"\nexported to SQLite in {time.monotonic() - t:.1f} s: {path} "
        f"({path.stat().st_size / 1e6:.0f} MB)"
    )
    connection.close()
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("datasette")),
            "serve",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--setting",
            "facet_time_limit_ms",
            "10000",
            "--setting",
            "sql_time_limit_ms",
            "10000",
            "--setting",
            "num_sql_threads",
            "3",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ds_jobs = interleave(datasette_urls(urls, path.stem))
    try:
        wait_for(port, f"/{path.stem}/archives")
        for kind, target in ds_jobs:
            http_get(port)(kind, target)
        latencies, wall = drive(http_get(port), ds_jobs, args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    rows = summary(latencies, wall)
    print_rows("Datasette 0.65 (SQLite export, facets archive, language, kind)", rows)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count(),
        help="gunicorn sync workers (default: one a core, as gunicorn.conf.py deploys it)",
    )
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/0",
        help="the Redis the workers share pages in, as deployed (each worker's memory if down)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sqlite", default="/tmp/opis_bench_datasette/bench.db")
    parser.add_argument(
        "--computed-only",
        action="store_true",
        help="only Opis with the page cache off: to compare two checkouts on one database",
    )
    parser.add_argument(
        "--long-tail",
        action="store_true",
        help="Opis as deployed and its raw SQL, a URL a request for works, fonds, exports, searches",
    )
    parser.add_argument(
        "--no-datasette",
        action="store_true",
        help="skip the Datasette comparison (its side does not change with Opis's code)",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the PostgreSQL database of a generated catalogue.")
    rng = random.Random(args.seed)
    works = Work.objects.count()
    print(
        f"Opis benchmark: {works:,} works in {connection.settings_dict['NAME']}, "
        f"{args.clients} clients, {args.seconds:.0f} s per target, {os.cpu_count()} CPUs"
    )

    urls = samples(rng, long_tail=args.long_tail)
    # Interleaved by type (list, archive, ..., export, list, ...), so a slow type cannot
    # starve the others within the time bound; each client starts at another place.
    jobs = [
        (kind, paths[i % len(paths)])  # every type as often as every other
        for i in range(max(len(p) for p in urls.values()))
        for kind, paths in urls.items()
    ]
    if args.computed_only:
        connection.close()
        print_rows("Opis (page cache off)", run_opis(jobs, args, page_cache_seconds=0))
        return
    if args.long_tail:
        print("distinct URLs: " + ", ".join(f"{kind} {len(set(p))}" for kind, p in urls.items()))
    t = time.monotonic()
    # A long tail's pages are mostly met once: their SQL as a first request issues it.
    sql = capture_sql(urls, warm=not args.long_tail)
    print(
        f"captured the SQL of {len(sql)} pages in {time.monotonic() - t:.1f} s; "
        f"queries a page: "
        + ", ".join(f"{k} {max(len(v) for (kk, _), v in sql.items() if kk == k)}" for k in urls)
    )
    connection.close()
    if args.long_tail:
        rows = run_opis(jobs, args, page_cache_seconds=600)
        print_rows(
            f"Opis as deployed ({args.workers} sync workers, page cache on), long tail", rows
        )
        raw = run_raw(sql, jobs, args)
        print_rows("Raw SQL (psycopg, the queries of the same pages, same concurrency)", raw)
        print("\nRatios of medians (p95)")
        print_ratios(urls, [("Opis/raw", rows, raw)])
        return

    # 1. Opis under gunicorn: as deployed (pages cached until the catalogue changes), then
    # with the page cache off, which measures what each page costs to compute.
    opis = run_opis(jobs, args, page_cache_seconds=600)
    print_rows(
        f"Opis (gunicorn, {args.workers} sync workers, DEBUG=0, page cache on, one directory)",
        opis,
    )
    uncached = run_opis(jobs, args, page_cache_seconds=0)
    print_rows("Opis (the same, page cache off)", uncached)

    # 2. Datasette over the same works in SQLite.
    datasette_rows = {}
    if not args.no_datasette:
        datasette_rows = datasette(urls, args)

    # 3. The same SQL straight to PostgreSQL.
    raw = run_raw(sql, jobs, args)
    print_rows(
        "Raw SQL (psycopg, the queries Opis issues per page, same pages, same concurrency)", raw
    )
    print("\nRatios of medians (p95); 'cached' is as deployed, 'computed' with the cache off")
    print_ratios(
        urls,
        [
            (f"Opis/{other} {mode}", run, against)
            for mode, run in (("cached", opis), ("computed", uncached))
            for other, against in (("raw", raw), ("Datasette", datasette_rows))
        ],
    )


if __name__ == "__main__":
    main()

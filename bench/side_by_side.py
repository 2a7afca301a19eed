"""Two checkouts side by side in one run, at a million works: issue 25's closing measure.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \
        .venv/bin/python bench/side_by_side.py BASE HEAD [--also OTHER] [--raw]

BASE and HEAD are checkouts (directories) of Opis; they run on this interpreter, so their
dependencies must be this venv's. The URLs are bench/run.py's fixed mix (same seed), drawn
by the checkout that holds this script. On a machine shared with others the load moves
within minutes, so nothing here is measured one checkout after the other:

1. Pages built on a cache miss, one client: a gunicorn of each checkout (one sync worker,
   page cache off), each URL of the mix asked of every checkout in turn, the order rotating
   (`--skip-mix` runs this part alone, a quick A/B of a change). Target: every page's
   median under 60 ms, p95 under 150.
2. The fixed mix at 8 clients as deployed: a gunicorn of each checkout (one sync worker a
   core, its PostgreSQL connection pool, pages in the local Redis under a key prefix of its
   own, as `OPIS_PAGE_CACHE_URL` deploys it; a checkout older than the Redis store gets the
   file store it read then), driven in alternating rounds, page cache on and then off.
   Target: every page's median under 50 ms, p95 under 150; the cached pages as fast as the
   base's.
3. With --raw, each page's SQL (as HEAD's code issues it) replayed by psycopg at 8
   connections over the same mix: the denominator of the "within 3x of the raw SQL" target.

Prints the figures and, for each target, met or not. Not a test. `--also` adds a checkout
to part 1 only (an old one's page cache may not be the deployed Redis).
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # sets up Django as run.py measures it
from django.db import connection

from catalogue.models import Work

MISS_MEDIAN, MISS_P95 = 60, 150  # issue 25: a page built on a miss, one client
MIX_MEDIAN, MIX_P95 = 50, 150  # issue 6: the fixed mix at 8 clients


def start(checkout, port, workers=1, env=None):
    """gunicorn of `checkout` on this interpreter, its own gunicorn.conf.py read, with
    `workers` sync workers; the page cache off unless `env` says otherwise."""
    env = env or {
        **os.environ,
        "OPIS_PAGE_CACHE_SECONDS": "0",
        "OPIS_PAGE_CACHE_HEADER": "1",
    }
    if env.get("OPIS_PAGE_CACHE_SECONDS") == "0":
        env.pop("OPIS_PAGE_CACHE_URL", None)
    # libpq names the connections by it: how one_client finds each server's backends.
    env["PGAPPNAME"] = f"opis-side-{port}"
    command = [sys.executable, "-m", "gunicorn", "project.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    # cwd first on sys.path (python -m): the checkout's own packages, not the editable
    # install's.
    return subprocess.Popen(command, cwd=checkout, env=env)


def deployed_env(checkout, cache_seconds, cache_url, tag, scratch):
    """The environment a checkout is deployed with: its page cache shared by its workers
    in the store that version reads (Redis, or the file store before Redis), empty at
    start (a key prefix or a directory of this run's own)."""
    env = {**os.environ, "OPIS_PAGE_CACHE_SECONDS": str(cache_seconds)}
    env["OPIS_PAGE_CACHE_HEADER"] = "1"
    for name in ("OPIS_PAGE_CACHE_URL", "OPIS_PAGE_CACHE_DIR", "OPIS_PAGE_CACHE_PREFIX"):
        env.pop(name, None)
    settings = (Path(checkout) / "project" / "settings.py").read_text()
    if "OPIS_PAGE_CACHE_URL" in settings:
        env.update(OPIS_PAGE_CACHE_URL=cache_url, OPIS_PAGE_CACHE_PREFIX=tag)
    elif "OPIS_PAGE_CACHE_DIR" in settings:
        env["OPIS_PAGE_CACHE_DIR"] = str(Path(scratch) / tag)
    return env


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * 0.95))]


def table(names, latencies, hits=None):
    """A row a request type: n, then median and p95 (ms) of each checkout, the ratios of
    head's to base's, and the share of cache hits where `hits` is given."""
    header = f"  {'request':<15}{'n':>6}"
    header += "".join(f"{name + ' med':>13}" for name in names)
    header += "".join(f"{name + ' p95':>13}" for name in names)
    header += f"{'med h/b':>10}{'p95 h/b':>10}"
    if hits:
        header += "".join(f"{name + ' hits':>11}" for name in names)
    print(header)
    for kind in latencies[names[0]]:
        rows = [latencies[name][kind] for name in names]
        if not all(rows):
            continue
        medians = [statistics.median(r) * 1000 for r in rows]
        tails = [p95(r) * 1000 for r in rows]
        line = f"  {kind:<15}{min(map(len, rows)):>6}"
        line += "".join(f"{m:>13.1f}" for m in medians)
        line += "".join(f"{t:>13.1f}" for t in tails)
        b, h = names.index("base"), names.index("head")
        line += f"{medians[h] / medians[b]:>10.2f}{tails[h] / tails[b]:>10.2f}"
        if hits:
            for name in names:
                seen = hits[name].get(kind, [])
                line += f"{sum(seen) / len(seen) if seen else 0:>11.0%}"
        print(line)


def verdict(title, names, latencies, median_limit, p95_limit):
    """Says, for each checkout, which request types miss the targets."""
    for name in names:
        misses = []
        for kind, values in latencies[name].items():
            if not values:
                continue
            median, tail = statistics.median(values) * 1000, p95(values) * 1000
            if median >= median_limit or tail >= p95_limit:
                misses.append(f"{kind} ({median:.1f} / {tail:.1f})")
        said = "met by every page" if not misses else "missed by " + ", ".join(misses)
        print(f"  {title}, {name}: median < {median_limit} ms and p95 < {p95_limit} ms {said}")


def one_client(checkouts, jobs, seconds):
    """Part 1: every checkout's gunicorn (one worker, page cache off) asked each URL in
    turn, the order rotating, for `seconds` per checkout. {name: {kind: [seconds]}}."""
    names = list(checkouts)
    ports = {name: bench.free_port() for name in names}
    servers = [start(path, ports[name]) for name, path in checkouts.items()]
    latencies = {name: {kind: [] for kind, _ in jobs} for name in names}
    by_url = {}
    try:
        for port in ports.values():
            bench.wait_for(port, "/works/?format=json")
        bench.warm_files()
        get = {name: bench.http_get(port) for name, port in ports.items()}
        for kind, path in jobs[: 8 * 4]:  # connections, PostgreSQL's cache
            for name in names:
                get[name](kind, path)
        pids = {
            name: server_pids(server, ports[name])
            for name, server in zip(names, servers, strict=True)
        }
        cpu = {name: {kind: [0, 0] for kind, _ in jobs} for name in names}
        busy, began = bench.machine_busy(), time.monotonic()
        deadline, i = began + len(names) * seconds, 0
        while time.monotonic() < deadline:
            kind, path = jobs[i % len(jobs)]
            shift = i % len(names)
            for name in names[shift:] + names[:shift]:
                before = [ticks(p) for p in pids[name]]
                t = time.perf_counter()
                get[name](kind, path)
                elapsed = time.perf_counter() - t
                for which, p in enumerate(pids[name]):
                    cpu[name][kind][which] += ticks(p) - before[which]
                latencies[name][kind].append(elapsed)
                by_url.setdefault((name, kind, path), []).append(elapsed)
            i += 1
        wall = time.monotonic() - began
        busy = bench.machine_busy() - busy
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"page cache off, 1 client, one sync worker each, {wall:.0f} s, "
        f"{sum(map(len, latencies[names[0]].values()))} URLs each; the machine's "
        f"{os.cpu_count()} cores {busy / (wall * os.cpu_count()):.0%} busy, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    return latencies, by_url, cpu


def server_pids(server, port):
    """The pids of a gunicorn's worker (its one child) and of the PostgreSQL backends it
    holds (by the application name start() gives them)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
            [f"opis-side-{port}"],
        )
        backends = [row[0] for row in cursor.fetchall()]
    connection.close()
    return [[int(c) for c in children], backends]


def ticks(pids):
    """CPU (user + system) the processes have spent, in clock ticks (Linux)."""
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:  # a backend the pool closed
            continue
        fields = text[text.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])
    return total


def cpu_table(names, latencies, cpu):
    """Mean CPU a request, the server's Python and its PostgreSQL backends': what a page
    costs whatever else the machine runs (wall times on a busy machine wait for cores)."""
    tick = 1000 / os.sysconf("SC_CLK_TCK")
    print("  CPU a request (mean ms: the worker's Python + its PostgreSQL backends')")
    print(f"  {'request':<15}" + "".join(f"{name:>22}" for name in names))
    for kind in latencies[names[0]]:
        cells = []
        for name in names:
            n = len(latencies[name][kind]) or 1
            python, sql = (value * tick / n for value in cpu[name][kind])
            cells.append(f"{python + sql:.1f} ({python:.1f} + {sql:.1f})")
        print(f"  {kind:<15}" + "".join(f"{c:>22}" for c in cells))


def slowest(names, latencies, by_url, limit=3):
    """For each request type whose p95 misses the target somewhere, its slowest URLs (by
    their median, in the last checkout) and what each took in every checkout: the pages to
    profile."""
    for kind in latencies[names[0]]:
        if all(p95(latencies[n][kind]) * 1000 < MISS_P95 for n in names if latencies[n][kind]):
            continue
        paths = {path for (name, k, path) in by_url if k == kind}
        ranked = sorted(
            paths,
            key=lambda path: -statistics.median(by_url.get((names[-1], kind, path), [0])),
        )
        print(f"  {kind}: slowest URLs (median ms, " + ", ".join(names) + ")")
        for path in ranked[:limit]:
            cells = [
                f"{statistics.median(by_url[(n, kind, path)]) * 1000:.1f}"
                if (n, kind, path) in by_url
                else "-"
                for n in names
            ]
            print(f"    {path}  " + " / ".join(cells))


def many_clients(checkouts, jobs, args, cache_seconds, scratch):
    """Part 2: every checkout's gunicorn as deployed, started together and driven one at
    a time by `args.clients` clients, in `args.rounds` rounds of alternating order.
    {name: {kind: [seconds]}}, {name: {kind: [hit?]}}."""
    names = list(checkouts)
    run_tag = f"opis-side-{os.getpid()}-{time.monotonic_ns()}"
    envs = {
        name: deployed_env(path, cache_seconds, args.cache_url, f"{run_tag}-{name}", scratch)
        for name, path in checkouts.items()
    }
    ports = {name: bench.free_port() for name in names}
    servers = [
        start(path, ports[name], args.workers, envs[name]) for name, path in checkouts.items()
    ]
    latencies = {name: {kind: [] for kind, _ in jobs} for name in names}
    hits = {name: {} for name in names}
    try:
        for port in ports.values():
            bench.wait_for(port, "/works/?format=json")
        bench.warm_files()
        # With the page cache on, every URL once first (bench/run.py's 40 s at 8 clients
        # served each a hundred times on an idle machine; a busy one serves a few hundred
        # requests in all, and its "cached" figures would be mostly misses); else a short
        # warm-up, as bench/run.py's.
        warm = list(dict.fromkeys(jobs)) if cache_seconds else jobs[: 8 * 4]
        for port in ports.values():
            for kind, path in warm:
                bench.http_get(port)(kind, path)
        for round_ in range(args.rounds):
            order = names if round_ % 2 == 0 else names[::-1]
            for name in order:
                answers = []
                print(f"  round {round_ + 1}, {name}:", end="")
                got, _ = bench.drive(
                    bench.http_get(ports[name], answers),
                    jobs,
                    args.clients,
                    args.seconds / args.rounds,
                )
                for kind, values in got.items():
                    latencies[name][kind] += values
                for kind, hit in answers:
                    hits[name].setdefault(kind, []).append(hit)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        store = bench.shared_store(args.cache_url)
        for key in store.scan_iter(f"{run_tag}-*") if store else ():
            store.delete(key)  # this run's pages only: the Redis may serve others
    return latencies, hits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base", help="the checkout to compare with (first column)")
    parser.add_argument("head", help="the checkout measured against it (last column)")
    parser.add_argument("--also", action="append", default=[], help="another checkout, part 1")
    parser.add_argument("--miss-seconds", type=float, default=60, help="part 1, per checkout")
    parser.add_argument("--seconds", type=float, default=40, help="part 2, per checkout")
    parser.add_argument("--rounds", type=int, default=2, help="part 2's alternations")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--raw", action="store_true", help="replay HEAD's SQL (part 3)")
    parser.add_argument("--skip-miss", action="store_true", help="part 2 (and 3) only")
    parser.add_argument("--skip-mix", action="store_true", help="part 1 only")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the PostgreSQL database of a generated catalogue.")
    if not args.skip_mix and bench.shared_store(args.cache_url) is None:
        sys.exit(f"No Redis answers at {args.cache_url}: the deployed page cache needs one.")
    checkouts = {"base": Path(args.base).resolve(), "head": Path(args.head).resolve()}
    for path in (*checkouts.values(), *args.also):
        if not (Path(path) / "project" / "settings.py").exists():
            sys.exit(f"{path} is not a checkout of Opis (no project/settings.py)")
    for path in args.also:
        checkouts = {Path(path).name: Path(path).resolve(), **checkouts}
    names = list(checkouts)
    print(
        f"{Work.objects.count():,} works in {connection.settings_dict['NAME']}; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
    )
    for name, path in checkouts.items():
        print(f"  {name}: {path} ({describe(path)})")
    urls = bench.samples(random.Random(args.seed))
    jobs = [
        (kind, paths[i % len(paths)])
        for i in range(max(len(p) for p in urls.values()))
        for kind, paths in urls.items()
    ]
    print(f"the fixed mix: {len({p for _, p in jobs})} URLs, every type in turn")
    sql = bench.capture_sql(urls) if args.raw else None
    connection.close()

    if not args.skip_miss:
        print("\n1. Pages built on a cache miss, one client (medians and p95 in ms)")
        miss, by_url, cpu = one_client(checkouts, jobs, args.miss_seconds)
        table(names, miss)
        cpu_table(names, miss, cpu)
        verdict("on a miss", names, miss, MISS_MEDIAN, MISS_P95)
        slowest(names, miss, by_url)

    if not args.skip_mix:
        deployed = {"base": checkouts["base"], "head": checkouts["head"]}
        scratch = tempfile.mkdtemp(prefix="opis-side-")
        try:
            for title, seconds in (("page cache on, as deployed", 600), ("page cache off", 0)):
                print(
                    f"\n2. The fixed mix, {args.clients} clients, {args.workers} sync workers "
                    f"each, {title} ({args.rounds} rounds, {args.seconds:.0f} s each in all)"
                )
                mix, hits = many_clients(deployed, jobs, args, seconds, scratch)
                table(list(deployed), mix, hits)
                verdict(title, list(deployed), mix, MIX_MEDIAN, MIX_P95)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    if sql:
        print(f"\n3. The SQL of HEAD's pages, replayed at {args.clients} connections")
        bench.print_rows("Raw SQL (psycopg)", bench.run_raw(sql, jobs, args))
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


def describe(path):
    """The commit a checkout is at, where git can say (a `git archive` copy has none)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(path), "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except OSError:
        return "no git"
    if out.returncode or not out.stdout.strip():
        return "not a git checkout"
    return out.stdout.strip()[:70]


if __name__ == "__main__":
    main()

"""Two checkouts side by side in one run: what a change did to the cost of building pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \
        .venv/bin/python bench/ab.py /path/to/base/checkout [--seconds 20]

bench/run.py --computed-only measures one checkout at a time, and on a machine shared with
others the load moves between two runs. Here a gunicorn of each checkout (this one and
the base, one sync worker each, page cache off, DEBUG=0, this interpreter) answers the
same URLs (bench/run.py's, same seed) from one client, in turns: each URL of the mix is
asked of both, the order of the two alternating, so that both meet the same load. Prints
medians and p95 by request type, base and head, and their ratios. Not a test.
bench/side_by_side.py does the same for any two checkouts (and a third), with the CPU each
page costs, and adds the fixed mix at 8 clients as deployed.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # sets up Django as run.py measures it
from django.db import connection


def start(checkout, port):
    env = {**os.environ, "OPIS_PAGE_CACHE_SECONDS": "0", "OPIS_PAGE_CACHE_HEADER": "1"}
    env.pop("OPIS_PAGE_CACHE_URL", None)
    command = [sys.executable, "-m", "gunicorn", "project.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=checkout, env=env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base", help="the checkout to compare this one with")
    parser.add_argument("--seconds", type=float, default=20, help="per checkout")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the PostgreSQL database of a generated catalogue.")
    urls = bench.samples(random.Random(args.seed))
    jobs = [
        (kind, paths[i % len(paths)])
        for i in range(max(len(p) for p in urls.values()))
        for kind, paths in urls.items()
    ]
    connection.close()
    checkouts = {"base": Path(args.base).resolve(), "head": bench.ROOT}
    ports = {name: bench.free_port() for name in checkouts}
    servers = [start(path, ports[name]) for name, path in checkouts.items()]
    latencies = {name: {kind: [] for kind in urls} for name in checkouts}
    try:
        for port in ports.values():
            bench.wait_for(port, "/works/?format=json")
        bench.warm_files()
        get = {name: bench.http_get(port) for name, port in ports.items()}
        for kind, path in jobs[: 8 * 4]:  # connections, PostgreSQL's cache
            for name in checkouts:
                get[name](kind, path)
        busy, began = bench.machine_busy(), time.monotonic()
        deadline, i = began + 2 * args.seconds, 0
        while time.monotonic() < deadline:
            kind, path = jobs[i % len(jobs)]
            for name in ("base", "head") if i % 2 else ("head", "base"):
                t = time.perf_counter()
                get[name](kind, path)
                latencies[name][kind].append(time.perf_counter() - t)
            i += 1
        wall = time.monotonic() - began
        busy = bench.machine_busy() - busy
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"{checkouts['base']} (base) against {checkouts['head']} (head), page cache off, "
        f"1 client, {wall:.0f} s, {sum(map(len, latencies['head'].values()))} URLs each; "
        f"the machine's {os.cpu_count()} cores {busy / (wall * os.cpu_count()):.0%} busy, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"  {'request':<15}{'n':>5}{'base median':>13}{'head median':>13}{'ratio':>7}"
        f"{'base p95':>10}{'head p95':>10}{'ratio':>7}"
    )
    for kind in urls:
        rows = [sorted(latencies[name][kind]) for name in ("base", "head")]
        if not rows[0]:
            continue
        medians = [statistics.median(r) * 1000 for r in rows]
        p95s = [r[min(len(r) - 1, int(len(r) * 0.95))] * 1000 for r in rows]
        print(
            f"  {kind:<15}{len(rows[0]):>5}{medians[0]:>13.1f}{medians[1]:>13.1f}"
            f"{medians[1] / medians[0]:>7.2f}{p95s[0]:>10.1f}{p95s[1]:>10.1f}"
            f"{p95s[1] / p95s[0]:>7.2f}"
        )


if __name__ == "__main__":
    main()

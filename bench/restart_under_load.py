"""Restart PostgreSQL under load and see what readers notice.

Starts gunicorn with production settings (DEBUG off, a secret key, PostgreSQL, kept
connections with health checks: the pool, or CONN_MAX_AGE=60 with PG_POOL=0) on
127.0.0.1, loads the seed data, drives the public pages with N concurrent clients for a
while, restarts PostgreSQL in the middle, and prints requests/s, errors by status, and
how long until requests succeeded again.

    .venv/bin/python bench/restart_under_load.py            # 32 clients, 60 s
    .venv/bin/python bench/restart_under_load.py --clients 8 --duration 20

Needs a local PostgreSQL it may restart (pg_ctlcluster) and create a database on: never
a server others use. A cluster of its own, for instance:

    pg_createcluster 15 bench -p 5439 && pg_ctlcluster 15 bench start
    .venv/bin/python bench/restart_under_load.py --cluster 15/bench \\
        --postgres postgres://postgres@127.0.0.1:5439

Every request goes to 127.0.0.1; every loop stops by itself (time and count bounded).
Exit status 1 if 1% or more of the requests failed, or any failed after recovery.
"""

import argparse
import collections
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"  # never anything else
MAX_REQUESTS_PER_CLIENT = 200_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--restart-at", type=float, help="seconds in (default: half-way)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="opis_bench")
    parser.add_argument(
        "--cluster", help="VERSION/NAME for pg_ctlcluster (default: the first version's main)"
    )
    return parser.parse_args()


def postgres_cluster(cluster):
    version, name = (cluster or f"{sorted(os.listdir('/etc/postgresql'))[0]}/main").split("/")
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, name]


def psql(url, sql):
    subprocess.run(["psql", url, "-qc", sql], check=True, capture_output=True)


def prepare(args, env):
    psql(f"{args.postgres}/postgres", f"DROP DATABASE IF EXISTS {args.database}")
    psql(f"{args.postgres}/postgres", f"CREATE DATABASE {args.database}")
    for command in (["migrate", "--noinput"], ["loaddata", "archives", "languages", "seed"]):
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )


def wait_until_up(base, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 30 s")


def paths(base):
    with urllib.request.urlopen(base + "/works/?format=json", timeout=5) as response:
        import json

        first = json.load(response)["results"][0]["url"]
    pages = [
        "/",
        "/works/",
        "/works/?archive=rgaspi&archive=rgva",
        "/works/?language=ru&q=Mongolia",
        first,
        "/archives/",
        "/archives/rgaspi/",
        "/archives/rgaspi/fonds/17/",
        "/people/",
        "/people/zhukov-g-k/",
    ]
    return pages + [p + ("&" if "?" in p else "?") + "format=json" for p in pages]


def client(base, pages, end, results, lock):
    i = 0
    mine = []
    while time.monotonic() < end and i < MAX_REQUESTS_PER_CLIENT:
        path = pages[i % len(pages)]
        i += 1
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                response.read()
                outcome = response.status
        except urllib.error.HTTPError as error:
            outcome = error.code
        except OSError as error:
            outcome = type(error).__name__
        mine.append((started, time.monotonic(), outcome))
    with lock:
        results.extend(mine)


def main():
    args = parse_args()
    restart_at = args.duration / 2 if args.restart_at is None else args.restart_at
    base = f"http://{HOST}:{args.port}"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{args.postgres}/{args.database}",
        "CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
    }
    print(f"Preparing database {args.database} (migrate, seed)...", flush=True)
    prepare(args, env)
    gunicorn = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "project.wsgi",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(ROOT / "bench" / "gunicorn.log", "w"),
    )
    try:
        wait_until_up(base)
        pages = paths(base)
        results, lock = [], threading.Lock()
        start = time.monotonic()
        end = start + args.duration
        threads = [
            threading.Thread(target=client, args=(base, pages, end, results, lock), daemon=True)
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        print(
            f"{args.clients} clients for {args.duration:.0f} s against {args.workers} gunicorn "
            f"workers; restarting PostgreSQL at {restart_at:.0f} s...",
            flush=True,
        )
        time.sleep(max(0.0, start + restart_at - time.monotonic()))
        restart_started = time.monotonic()
        subprocess.run([*postgres_cluster(args.cluster), "restart"], check=True)
        restart_done = time.monotonic()
        for thread in threads:
            thread.join(timeout=args.duration + 60)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        # If it was left down.
        subprocess.run([*postgres_cluster(args.cluster), "start"], capture_output=True)

    report(results, start, restart_started, restart_done)


def report(results, start, restart_started, restart_done):
    results.sort()
    elapsed = max(done for _, done, _ in results) - start
    total = len(results)
    failed = [(s, d, o) for s, d, o in results if o != 200]
    by_outcome = collections.Counter(str(o) for _, _, o in failed)
    # Recovered: the first request started after the restart command returned that succeeded.
    recovered = next((s for s, _, o in results if s >= restart_done and o == 200), float("inf"))
    after = [f for f in failed if f[0] >= recovered]
    last_error = max((d for _, d, _ in failed), default=None)
    rate = 100.0 * len(failed) / total if total else 100.0

    print()
    print(f"requests:            {total} in {elapsed:.1f} s = {total / elapsed:.1f} requests/s")
    print(f"failed:              {len(failed)} ({rate:.2f}%)")
    for outcome, count in sorted(by_outcome.items()):
        print(f"  {outcome}: {count}")
    print(f"PostgreSQL restart:  took {restart_done - restart_started:.2f} s")
    print(f"recovery:            {recovered - restart_started:.2f} s after the restart began")
    if last_error is not None:
        print(f"last failure:        {last_error - restart_started:.2f} s after the restart began")
    print(f"failed after recovery: {len(after)}")
    ok = total > 0 and rate < 1.0 and not after
    print("PASS" if ok else "FAIL: 1% or more failed, or failures after recovery")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

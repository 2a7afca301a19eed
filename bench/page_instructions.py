"""What each page of the benchmark's mix costs Django, in instructions: the same in every run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_scale_bench \
        .venv/bin/python bench/page_instructions.py [--types q,export] [--long-tail]

On a shared virtual machine the time a page takes varies by 10-20 % from one run to the
next (other tenants take the cores: `vmstat` shows it as "st"), which hides what a change
of a few per cent did. valgrind's callgrind counts the instructions this process runs
instead, the same total for the same code and data however busy the machine is. Each type
is run twice under callgrind, after the same warm-up (its first 20 URLs, twice, page cache
off): once with no measured request and once with `--requests` of them; the difference,
divided, is one page's instructions. PostgreSQL's share runs in its own processes and is
not counted (bench/page_cpu.py times the SQL). Slow: about two minutes a type. Compare two
checkouts by running this in each against the same database. Not a test.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WARM_URLS = 20


def _bench():
    """bench/run.py, imported when needed: it sets up Django as it measures it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run

    return run


def requests(kind, count, long_tail):
    """In the child, under callgrind: warm up, then `count` requests of `kind`."""
    bench = _bench()
    from django.test import Client, override_settings

    paths = bench.samples(random.Random(1), long_tail=long_tail)[kind][:WARM_URLS]
    client = Client()
    with override_settings(OPIS_PAGE_CACHE_SECONDS=0):
        for path in paths * 2:
            assert client.get(path).status_code == 200, path
        for i in range(count):
            assert client.get(paths[i % len(paths)]).status_code == 200


def counted(kind, count, long_tail):
    """Instructions of a child run of `count` requests."""
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--child",
            kind,
            str(count),
        ] + (["--long-tail"] if long_tail else [])
        subprocess.run(command, check=True, capture_output=True)
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise RuntimeError(f"callgrind wrote no total for {kind}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--types", default="", help="comma-separated; all types by default")
    parser.add_argument("--requests", type=int, default=20, help="measured requests a type")
    parser.add_argument("--long-tail", action="store_true", help="bench/run.py's long-tail URLs")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        requests(args.child[0], int(args.child[1]), args.long_tail)
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed (Debian: apt install valgrind).")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database of a generated catalogue.")
    kinds = [t for t in args.types.split(",") if t]
    if not kinds:  # every type of bench/run.py's mix, in its order
        kinds = list(_bench().samples(random.Random(1), long_tail=args.long_tail))
    print(
        f"Django's instructions a page (callgrind), {args.requests} requests a type, page "
        f"cache off{', long-tail URLs' if args.long_tail else ''}"
    )
    for kind in kinds:
        base = counted(kind, 0, args.long_tail)
        total = counted(kind, args.requests, args.long_tail)
        print(f"  {kind:<15}{(total - base) / args.requests / 1e6:>8.1f} M", flush=True)


if __name__ == "__main__":
    main()

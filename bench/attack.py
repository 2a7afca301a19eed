"""Opis attacked as issue 23's review attacked it. Prints figures; not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/opis_attack \
        .venv/bin/python bench/attack.py [--works 30000] [--workers 2] [--clients 8]

On a PostgreSQL database (created if missing) it migrates, loads the archives and
languages, generates a catalogue of `--works` works if it holds none, and creates a
staff account for the log-in attack. Then it starts gunicorn as deployed (DEBUG off, its
workers, the page cache as the environment configures it) and, while a reader keeps
asking for ordinary pages, runs three attacks in turn:

1. searches of one word repeated (`ж ж ж ...`, `zh` eleven times, mixed scripts), many
   clients at once;
2. many distinct export URLs (every format and kind, some with made-up parameters), the
   answers that filled the page cache;
3. failed log-ins as the staff account, then the right password under Unicode look-alike
   spellings of its name (`ａｄｍｉｎ`, `𝐚dmin`, `ⓐdmin`) and from other addresses.

For each it prints the worst and median response time, the number of 5xx answers, and
the reader's worst time meanwhile; throughout, the largest resident memory of any worker
(sampled from /proc every 0.2 s). Everything listens on 127.0.0.1 and stops by itself.
"""

import argparse
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = secrets.token_urlsafe(16)
USERNAME = "admin"
LOOK_ALIKES = ("ａｄｍｉｎ", "𝐚dmin", "ⓐdmin", "ADMIN", "admin ")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=check, text=True
    )


def prepare(env, works):
    url = env["DATABASE_URL"]
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "loaddata", "archives", "languages", "-v0")
    with psycopg.connect(url) as conn:
        held = conn.execute("SELECT count(*) FROM catalogue_work").fetchone()[0]
    if held < works:
        manage(env, "generate_catalogue", "--works", str(works - held))
    # The account the log-in attack aims at, with a password only this run knows.
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model as g; U = g(); "
        f"u = U.objects.filter(username={USERNAME!r}).first() or "
        f"U(username={USERNAME!r}, is_staff=True, is_superuser=True); "
        f"u.set_password({PASSWORD!r}); u.save()",
    )
    # Forget earlier runs' failed log-ins, whichever lockout store the app has.
    with psycopg.connect(url, autocommit=True) as conn:
        for table in ("axes_accessattempt", "axes_accessfailurelog", "axes_accesslog"):
            if conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()[0]:
                conn.execute(f"DELETE FROM {table}")
        return conn.execute("SELECT count(*) FROM catalogue_work").fetchone()[0]


class Server:
    def __init__(self, env, workers):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "project.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        self.worst_rss = 0
        self.first_rss = None
        self._stop = threading.Event()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _, _ = self.request("GET", "/works/?format=json")
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not answer")
        self.first_rss = self.rss()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def rss(self):
        """The largest resident set, in MB, of gunicorn's worker processes now."""
        worst = 0
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            if f"\nPPid:\t{self.process.pid}\n" not in text:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", text)
            if match:
                worst = max(worst, int(match.group(1)) / 1024)
        return worst

    def _sample(self):
        while not self._stop.wait(0.2):
            self.worst_rss = max(self.worst_rss, self.rss())

    def request(self, method, path, body=None, headers=None, timeout=60):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            content = response.read()
            return response.status, response.getheaders(), content
        finally:
            conn.close()

    def stop(self):
        self._stop.set()
        self.process.terminate()
        self.process.wait(timeout=30)


def hammer(server, paths, clients, reader_paths):
    """Send `paths` from `clients` threads while one reader asks for `reader_paths` in turn.
    Returns (times, statuses, the reader's times)."""
    times, statuses, reader = [], [], []
    lock = threading.Lock()
    queue = list(paths)
    done = threading.Event()

    def attacker():
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            start = time.perf_counter()
            try:
                status, headers, _ = server.request("GET", path)
                if status in (301, 302):  # followed once, as a browser would
                    status, _, _ = server.request("GET", dict(headers)["Location"])
            except OSError as error:  # a dropped connection counts as a server error
                status = f"error {error.__class__.__name__}"
            with lock:
                times.append(time.perf_counter() - start)
                statuses.append(status)

    def read():
        i = 0
        while not done.is_set():
            start = time.perf_counter()
            try:
                server.request("GET", reader_paths[i % len(reader_paths)])
            except OSError:
                pass
            reader.append(time.perf_counter() - start)
            i += 1
            time.sleep(0.05)

    threads = [threading.Thread(target=attacker) for _ in range(clients)]
    watcher = threading.Thread(target=read)
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    watcher.join()
    return times, statuses, reader


def server_errors(statuses):
    return sum(1 for s in statuses if not isinstance(s, int) or s >= 500)


def report(title, times, statuses, reader):
    counts = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    print(
        f"{title}: {len(times)} requests, worst {max(times) * 1000:,.0f} ms, "
        f"median {statistics.median(times) * 1000:,.0f} ms, 5xx {server_errors(statuses)}; "
        f"statuses {dict(sorted(counts.items(), key=str))}; "
        f"a reader meanwhile: worst {max(reader) * 1000:,.0f} ms, "
        f"median {statistics.median(reader) * 1000:,.0f} ms"
    )
    return max(times), server_errors(statuses)


def searches():
    words = ["ж", "zh", "Жуков", "zhukov", "a", "о", "17", "ф", "archive", "ЖЖ"]
    queries = []
    for word in words:
        for times in (10, 11, 20, 40):
            queries.append(" ".join([word] * times))
    queries.append(" ".join(["ж", "zh", "Ж", "ZH", "Zh"] * 6))
    queries.append("ж" * 500)
    queries.append(" ".join(f"zh{i}" for i in range(60)))
    return [f"/works/?{urlencode({'q': q})}" for q in queries]


def exports(count):
    """Distinct export URLs: every format and kind, each with a year bound of its own (a
    parameter the list reads, so each is a page of its own), and every fourth with a
    made-up parameter as well (answered by a redirect to the URL without it)."""
    formats = ("bibtex", "ris", "csl-json", "json")
    kinds = ("archival_document", "book", "article", "")
    paths = []
    for n in range(count):
        params = {"format": formats[n % len(formats)], "year_min": 1000 + n}
        if kinds[n % len(kinds)]:
            params["kind"] = kinds[n % len(kinds)]
        if n % 4 == 3:
            params["x"] = n
        paths.append(f"/works/?{urlencode(params)}")
    return paths


def log_in(server, username, password, address=None):
    """Log in through the admin's form as a browser would; the answer's status and
    whether it led into the admin."""
    headers = {"X-Forwarded-For": address} if address else {}
    status, answer_headers, content = server.request("GET", "/admin/login/", headers=headers)
    cookie = "; ".join(
        value.split(";", 1)[0] for name, value in answer_headers if name.lower() == "set-cookie"
    )
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
    if not match:
        return status, False
    body = urlencode(
        {
            "csrfmiddlewaretoken": match.group(1).decode(),
            "username": username,
            "password": password,
            "next": "/admin/",
        }
    )
    status, answer_headers, _ = server.request(
        "POST",
        "/admin/login/",
        body=body,
        headers={
            **headers,
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{server.port}/admin/login/",
        },
    )
    location = dict((k.lower(), v) for k, v in answer_headers).get("location", "")
    return status, status == 302 and "/admin/login" not in location


def log_in_attack(server, failures):
    print(f"log-ins: {failures} wrong passwords for {USERNAME!r} from one address, then:")
    statuses = []
    for _ in range(failures):
        status, entered = log_in(server, USERNAME, "wrong-" + secrets.token_hex(4), "203.0.113.9")
        statuses.append(status)
    in_anyway = []
    for name in (USERNAME, *LOOK_ALIKES):
        status, entered = log_in(server, name, PASSWORD, "203.0.113.9")
        statuses.append(status)
        print(
            f"  the right password as {name!r} from the attacker's address: {status}"
            f"{', LOGGED IN' if entered else ', refused'}"
        )
        if entered:
            in_anyway.append(name)
    status, entered = log_in(server, USERNAME, PASSWORD, "198.51.100.7")
    statuses.append(status)
    print(
        f"  the real admin from another address: {status}"
        f"{', logged in' if entered else ', refused'}"
    )
    return in_anyway, entered, server_errors(statuses)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--works", type=int, default=30_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--exports", type=int, default=60, help="distinct export URLs")
    parser.add_argument("--failures", type=int, default=8, help="wrong passwords first")
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (created if missing).")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "attack-only-" + "x" * 50,
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "60",
        # As behind docs/deployment.md's nginx: the client's address from X-Forwarded-For.
        "OPIS_TRUSTED_PROXY_COUNT": os.environ.get("OPIS_TRUSTED_PROXY_COUNT", "1"),
    }
    held = prepare(env, args.works)
    print(f"{held:,} works; gunicorn with {args.workers} workers, {args.clients} attackers")
    server = Server(env, args.workers)
    reader_paths = ["/", "/works/", "/archives/", "/works/?archive=rgaspi", "/people/"]
    try:
        print(f"worker memory at start: {server.first_rss:,.0f} MB")
        worst_search, errors_search = report(
            "repeated-word searches",
            *hammer(server, searches(), args.clients, reader_paths),
        )
        worst_export, errors_export = report(
            f"{args.exports} distinct export URLs",
            *hammer(server, exports(args.exports), args.clients, reader_paths),
        )
        in_anyway, real_admin, errors_login = log_in_attack(server, args.failures)
        print(
            f"worker memory: {server.first_rss:,.0f} MB at start, worst {server.worst_rss:,.0f} MB"
        )
    finally:
        server.stop()
    errors = errors_search + errors_export + errors_login
    print(
        f"SUMMARY worst search {worst_search:.2f} s, worst export {worst_export:.2f} s, "
        f"worst worker memory {server.worst_rss:,.0f} MB, 5xx {errors}, "
        f"look-alike log-ins that got in {len(in_anyway)}, "
        f"real admin from another address {'in' if real_admin else 'locked out'}"
    )


if __name__ == "__main__":
    main()

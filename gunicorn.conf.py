"""gunicorn's settings for `gunicorn project.wsgi`, read from this directory.

One sync worker a core. A computed page is built by two processes in turn, its worker and
its PostgreSQL backend, so where the database shares the machine a worker a core keeps the
cores busy, and more workers take turns on them. Measured on 2 cores at a million works
with readers spread over the catalogue (`bench/run.py --long-tail`, README, Performance):
2 workers served the pages built for each reader faster than 4 (the search's median 52.5
against 57.9 ms, the means of two runs in turn), 4 served the pages from the cache faster
(browse pages 23-25 against 31-33 ms) and 7 % more requests a second. gunicorn's own
default is one worker in all, which leaves every other core idle. Where PostgreSQL has a
machine of its own, or where most pages come from the cache, set WEB_CONCURRENCY higher.
Serve behind a proxy that buffers responses (nginx), as sync workers want.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)

"""gunicorn's settings for `gunicorn project.wsgi`, read from this directory.

One sync worker a core. A page is built in two processes in turn, its worker and its
PostgreSQL backend, so where the database shares the machine, as in bench/run.py, a worker
a core keeps the cores busy; more workers only take turns on them. On 2 cores at a million
works, with readers spread over the catalogue (`bench/run.py --long-tail`, two runs each),
2 workers served the search in a median of 46 and 50 ms, 4 workers in 54 and 55 ms, at
the same or better throughput; the cached pages were as fast. Where PostgreSQL has a
machine of its own, a worker waits on it without using its core: set WEB_CONCURRENCY
higher. Serve behind a proxy that buffers responses (nginx), as sync workers want.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)

"""Whole public pages, cached and keyed by the catalogue's version (migration 0007).

Every public page (HTML, JSON or an export) is the same for every reader: it depends on
its URL, the interface language and the catalogue's rows, nothing else (no user, no CSRF
token: the language switch is exempt, see project/urls.py). So a page is stored under

    (catalogue version, language, full path with the query string)

and served again until any catalogue table changes, which raises the version in the same
transaction (triggers of 0007). Serving a stored page costs one query, the version's.

The store is the `pages` cache of settings.py: files in OPIS_PAGE_CACHE_DIR, shared by a
server's processes, or else one per process in memory; at most OPIS_PAGE_CACHE_ENTRIES
pages. OPIS_PAGE_CACHE_SECONDS bounds how long an entry lives (0
turns the cache off); it bounds memory, not staleness, which the version rules out.
"""

import hashlib
import os
import pickle
import zlib
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection
from django.http import HttpResponse
from django.utils.translation import get_language

from . import prepared

# Headers worth keeping with a stored page (exports name their file).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
# Says whether the page came from the cache ("hit") or was built and stored ("miss"):
# for an operator, and for bench/run.py's share of hits.
HEADER = "X-Opis-Cache"


# The version read for the page being built: what it reads of the catalogue (the facets
# over all works, facet_cells.py) is keyed by the same number, read once. _UNREAD: a page
# built without the page cache, which reads the number when it first needs it.
_building = ContextVar("opis_catalogue_version", default=None)
_UNREAD = object()


def version():
    number = _building.get()
    if number is not None and number is not _UNREAD:
        return number
    with prepared.cursor() as cursor:  # read by every request: parsed once a connection
        cursor.execute("SELECT number FROM catalogue_version WHERE id = 1")
        row = cursor.fetchone()
    if number is _UNREAD and row:
        _building.set(row[0])  # undone with the wrapper's own set when the page is built
    return row[0] if row else None


def raise_version():
    """Raise the catalogue's version by hand, for a write that its triggers do not see (a
    rebuild of the facet cells, which are derived and have no trigger): nothing stored
    under the old number is served again."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalogue_version SET number = number + 1 WHERE id = 1")


def _where():
    database = connection.settings_dict
    return f"{database['HOST']}:{database['PORT']}/{database['NAME']}"


def key(kind, number, *parts):
    """A cache key for `parts` at the catalogue's version `number`. The database is part of
    it: two catalogues may share a cache directory."""
    text = " ".join(str(part) for part in (_where(), number, *parts))
    return f"opis:{kind}:" + hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


# What `remembered` read from the store or computed, kept by this process as well, by the
# same key: under one version a value never changes, and reading it again from the store
# (a file each, unpickled) cost a search page about 0.5 ms of its 10 of Python (the
# select boxes' options, the chosen archives, the words' judgements, the facets). Values
# of older versions are never asked for again; the whole is dropped past MEMO_ITEMS.
# The values are shared by the requests of a process: read them, do not change them.
MEMO_ITEMS = 2000
_memo = {}
_UNKEPT = object()


def forget():
    """Drop what this process keeps (for tests, whose rolled-back versions repeat)."""
    _memo.clear()


def remembered(kind, items, compute, seconds=3600):
    """{item: value} for `items`, computed by `compute(missing items)` (a dict) only for
    those not stored under the catalogue's version: numbers that pages need again and
    again (how common a search word is), never older than the data they come from."""
    number = version()
    if number is None:  # not migrated yet: nothing to key by
        return compute(list(items))
    where = _where()
    found, keys = {}, {}
    for item in items:
        value = _memo.get((where, number, kind, item), _UNKEPT)
        if value is not _UNKEPT:
            found[item] = value
        else:
            keys[key(kind, number, item)] = item
    if keys:
        cache = caches["pages"]
        stored = {keys[k]: value for k, value in cache.get_many(keys).items()}
        missing = {k: item for k, item in keys.items() if item not in stored}
        if missing:
            fresh = compute(list(missing.values()))
            cache.set_many({k: fresh[item] for k, item in missing.items()}, seconds)
            stored.update(fresh)
        if len(_memo) + len(stored) > MEMO_ITEMS:
            _memo.clear()
        _memo.update(((where, number, kind, item), value) for item, value in stored.items())
        found.update(stored)
    return found


def _key(request, number):
    return key("page", number, get_language(), request.get_full_path())


def cached(view):
    """`view`, its successful GET answers stored and served again until the catalogue
    changes. Errors (400, 404) are not stored: they cost little and say why."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.OPIS_PAGE_CACHE_SECONDS
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if seconds <= 0:  # built every time; the version still read once for the page
            token = _building.set(_UNREAD)
            try:
                return view(request, *args, **kwargs)
            finally:
                _building.reset(token)
        number = version()
        if number is None:  # not migrated yet: nothing to key by
            return view(request, *args, **kwargs)
        key = _key(request, number)
        cache = caches["pages"]
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        token = _building.set(number)
        try:
            response = view(request, *args, **kwargs)
        finally:
            _building.reset(token)
        if response.status_code == 200 and not response.streaming:
            headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
            cache.set(key, (response.content, headers), seconds)
            response[HEADER] = "miss"
        return response

    return wrapper


class FileStore(FileBasedCache):
    """Django's file cache, made to keep the pages that readers come back to.

    FileBasedCache lists its directory on every store (2.5 ms at 2,000 pages) and, when
    full, deletes a random third of the pages: the list of works and the archives' pages
    went with the one-off pages of single works, and came back only by being built again
    (86 % of them were hits under a mix of many works, fonds and searches). Here a page
    read is marked as used (its file's time), the directory is counted on one store in
    CHECK_EVERY, and a full store drops the pages unused for longest, down to two thirds
    of MAX_ENTRIES (CULL_FREQUENCY 3). It may hold up to CHECK_EVERY pages more between
    counts."""

    CHECK_EVERY = 32

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stores = 0

    def get(self, key, default=None, version=None):
        value = super().get(key, default, version)
        if value is not default:
            try:
                os.utime(self._key_to_file(key, version))
            except OSError:  # culled by another process meanwhile: it was still read
                pass
        return value

    # zlib's fastest level: a page is stored once and seldom read more than a few times,
    # and the default level (6) took 2 to 3 times as long (0.41 against 0.13 ms for the
    # 30 KB works list) for files 15 % smaller. FileBasedCache reads either.
    COMPRESS_LEVEL = 1

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), self.COMPRESS_LEVEL))

    def _cull(self):
        self._stores += 1
        if self._stores % self.CHECK_EVERY != 1:  # the first store counts, then every 32nd
            return
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            return self.clear()

        def last_used(name):
            try:
                return os.stat(name).st_mtime
            except OSError:
                return 0

        keep = self._max_entries - self._max_entries // self._cull_frequency
        for name in sorted(files, key=last_used)[: len(files) - keep]:
            self._delete(name)

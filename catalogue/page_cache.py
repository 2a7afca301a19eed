"""Whole public pages, cached and keyed by the catalogue's version (migration 0007).

Every public page (HTML, JSON or an export) is the same for every reader: it depends on
its URL, the interface language and the catalogue's rows, nothing else (no user, no CSRF
token: the language switch is exempt, see project/urls.py). So a page is stored under

    (catalogue version, language, full path with the query string)

and served again until any catalogue table changes, which raises the version in the same
transaction (triggers of 0007). Serving a stored page costs one query, the version's.

The store is the `pages` cache of settings.py, one of Django's own backends: Redis at
OPIS_PAGE_CACHE_URL, shared by a server's processes, or else one per process in memory
(at most OPIS_PAGE_CACHE_ENTRIES entries). No page over OPIS_PAGE_CACHE_MAX_BYTES is
stored, so memory is bounded by entries x bytes, not by entries alone (issue 23: forty
3.5 MB exports took a worker from 124 to 469 MB). OPIS_PAGE_CACHE_SECONDS bounds how long
an entry lives (0 turns the cache off); it bounds memory, not staleness, which the
version rules out.
"""

import hashlib
import logging
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from redis.exceptions import RedisError

# Headers worth keeping with a stored page (exports name their file).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Vary")
logger = logging.getLogger(__name__)

# What every cached page varies on, hit or miss: its language's sources.
VARY = ("Accept", "Accept-Language", "Cookie")

# The two answers a page gives, in the order a request without an Accept header (or with
# */*) gets them: a browser's Accept names text/html first, a script's application/json.
MEDIA_TYPES = ("text/html", "application/json")


def asks_for_json(request):
    """True when the request names no ?format= and its Accept header prefers JSON
    (`curl -H 'Accept: application/json'`): the same answer as ?format=json."""
    return "format" not in request.GET and (
        request.get_preferred_type(MEDIA_TYPES) == "application/json"
    )


# Says whether the page came from the cache ("hit") or was built and stored ("miss"), with
# OPIS_PAGE_CACHE_HEADER on: for an operator, and for bench/run.py's share of hits.
HEADER = "X-Opis-Cache"


# The version read for the page being built: what it reads of the catalogue (the facets
# over all works, search/facet_cells.py) is keyed by the same number, read once. _UNREAD: a page
# built without the page cache, which reads the number when it first needs it.
_building = ContextVar("opis_catalogue_version", default=None)
_UNREAD = object()


def version():
    number = _building.get()
    if number is not None and number is not _UNREAD:
        return number
    with connection.cursor() as cursor:  # read by every request
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


def _stored(operation, *args, default=None):
    """`operation(*args)` on the store, or `default` where a shared store (Redis) is down or
    slow: its pages lose their speed, never their answer (a miss, and nothing stored)."""
    try:
        return operation(*args)
    except RedisError as error:
        logger.warning("The page cache is unavailable, pages are built without it: %s", error)
        return default


def _where():
    database = connection.settings_dict
    return f"{database['HOST']}:{database['PORT']}/{database['NAME']}"


def key(kind, number, *parts):
    """A cache key for `parts` at the catalogue's version `number`. The database is part of
    it: two catalogues may share one Redis."""
    text = " ".join(str(part) for part in (_where(), number, *parts))
    return f"opis:{kind}:" + hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def remembered(kind, items, compute, seconds=3600):
    """{item: value} for `items`, computed by `compute(missing items)` (a dict) only for
    those not stored under the catalogue's version: numbers that pages need again and
    again (the facet sums, how common a search word is), never older than the data they
    come from. A get_or_set of several items in one round trip, in the `pages` cache
    (Redis shared by the workers, or each process's memory): a value computed by one
    worker serves them all until the catalogue changes."""
    number = version()
    if number is None:  # not migrated yet: nothing to key by
        return compute(list(items))
    keys = {key(kind, number, item): item for item in items}
    cache = caches["pages"]
    found = {keys[k]: value for k, value in _stored(cache.get_many, keys, default={}).items()}
    missing = {k: item for k, item in keys.items() if item not in found}
    if missing:
        fresh = compute(list(missing.values()))
        _stored(cache.set_many, {k: fresh[item] for k, item in missing.items()}, seconds)
        found.update(fresh)
    return found


def _key(request, number):
    negotiated = "json" if asks_for_json(request) else ""
    return key("page", number, get_language(), negotiated, request.get_full_path())


def _without_unknown(request, known):
    """The request's path with only the query parameters in `known`, or None when it has
    no others."""
    if all(name in known for name in request.GET):
        return None
    query = QueryDict(mutable=True)
    for name in request.GET:
        if name in known:
            query.setlist(name, request.GET.getlist(name))
    return request.path + (f"?{query.urlencode()}" if query else "")


def cached(view, parameters=("format",)):
    """`view`, its successful GET answers stored and served again until the catalogue
    changes. Errors (400, 404) are not stored: they cost little and say why.

    `parameters` are the query parameters the page reads. A URL with others (a link shared
    with ?utm_source=... or ?fbclid=..., or made up by the thousand to fill the cache) is
    redirected to the URL without them: the reader still reaches the page, the page is
    built from, and stored under, what it reads only, and no page carries another reader's
    parameters in its links. A page larger than OPIS_PAGE_CACHE_MAX_BYTES (a long export)
    is served but not stored, so the store holds at most entries x that many bytes."""
    known = frozenset(parameters)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        canonical = _without_unknown(request, known)
        if canonical is not None:
            return HttpResponseRedirect(canonical)
        response = _cached_answer(view, request, *args, **kwargs)
        # A page is stored by language, which comes from the cookie of the language switch
        # or from Accept-Language: the same on a hit as on a miss, for any cache on the way.
        patch_vary_headers(response, VARY)
        return response

    return wrapper


def _cached_answer(view, request, *args, **kwargs):
    seconds = settings.OPIS_PAGE_CACHE_SECONDS
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
    stored = _stored(cache.get, key)
    if stored is not None:
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        _say(response, "hit")
        return response
    token = _building.set(number)
    try:
        response = view(request, *args, **kwargs)
    finally:
        _building.reset(token)
    if response.status_code == 200 and not response.streaming:
        if len(response.content) <= settings.OPIS_PAGE_CACHE_MAX_BYTES:
            headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
            _stored(cache.set, key, (response.content, headers), seconds)
            _say(response, "miss")
        else:
            _say(response, "too large to store")
    return response


def _say(response, what):
    """Whether the page came from the cache. Off unless OPIS_PAGE_CACHE_HEADER: it would tell
    anyone whether someone else asked for a page (a search) since the catalogue changed."""
    if settings.OPIS_PAGE_CACHE_HEADER:
        response[HEADER] = what

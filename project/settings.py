"""Settings for Opis, read from the environment.

Every deployment knob is an environment variable. The defaults suit a newcomer's
machine: a SQLite file beside manage.py and no server to install. Production sets
DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS, and leaves DEBUG off.
"""

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# A key that only ever serves DEBUG runs and the test suite; production refuses it.
DEVELOPMENT_SECRET_KEY = "opis-development-key-never-use-in-production"


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_float(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 < number < float("inf"):
        raise ImproperlyConfigured(f"{name} must be a positive number, not {value!r}")
    return number


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# What manage.py was asked to do (manage.py sets it); empty when a WSGI server loads us.
MANAGEMENT_COMMAND = os.environ.get("OPIS_MANAGEMENT_COMMAND", "")
# Commands that serve nothing (check, migrate, makemigrations, shell...) may run on the
# development key, so that the project's checks work in a bare environment; serving
# (gunicorn through project/wsgi.py, runserver) refuses it with DEBUG off.
SERVING = MANAGEMENT_COMMAND in {"", "runserver"}
SECRET_KEY = env_str("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
if not DEBUG and SERVING and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG off Opis will not start on the development key: "
        "set SECRET_KEY to a long random string (python -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'), or set DEBUG=1 for local use."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "catalogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer, the 413 below included (CONTENT_SECURITY_POLICY).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Refuses a body over OPIS_MAX_REQUEST_BYTES with a 413 before anything reads it.
    "catalogue.middleware.RequestSizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the cookie set by /i18n/setlang/ or Accept-Language, never the
    # path: the public URLs of design.md stay as they are.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records who made each change in the history (after authentication: it reads the user).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "catalogue.middleware.BadRequestMiddleware",
]

ROOT_URLCONF = "project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "project.wsgi.application"

# SQLite by default, so that a newcomer needs no server; postgres://... for deployments.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        # Without health checks a kept connection gives one 500 per worker after a
        # database restart (with the pool: psycopg_pool checks it as it hands it out).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    # A page's queries are small; parallel workers cost more to start than they save,
    # and under many readers they take the cores the other requests need. Measured at a
    # million works: the facet query took 11 ms with two workers, 5 ms without.
    # JIT likewise: the planner's cost of a search over a million works passes
    # jit_above_cost, and compiling it took 21 of its 27 ms (`PG_JIT=1` turns it back on).
    # A random read costs about what a sequential one does when the catalogue is in memory
    # or on SSD; at PostgreSQL's default of 4 an archive's page read all 100,000 files
    # rather than its fonds' few hundred by index (26 ms, then 7). `PG_RANDOM_PAGE_COST`
    # for spinning disks.
    _options["options"] = (
        f"-c max_parallel_workers_per_gather={env_int('PG_PARALLEL_WORKERS', 0)}"
        f" -c jit={'on' if env_bool('PG_JIT', False) else 'off'}"
        f" -c random_page_cost={env_float('PG_RANDOM_PAGE_COST', 1.1)}"
    )
    if env_bool("PG_POOL", True):
        # Each worker process keeps its connections in a pool (psycopg_pool), which checks
        # one before handing it out and, while PostgreSQL restarts, makes a request wait
        # up to DATABASE_CONNECT_WAIT seconds for a new one instead of failing at once.
        # https://docs.djangoproject.com/en/5.2/ref/databases/#connection-pool
        # The pool keeps the connections, so CONN_MAX_AGE is not used (Django refuses both).
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        _options["pool"] = {
            "min_size": env_int("PG_POOL_MIN_SIZE", 1),
            "max_size": env_int("PG_POOL_MAX_SIZE", 4),
            "timeout": env_float("DATABASE_CONNECT_WAIT", 10),
        }
    # Nothing is prepared (Django's default: values written into the statement). With
    # server_side_binding and psycopg's prepare_threshold every repeated statement was,
    # and the SQL of a list filtered by language and years took 37-50 ms instead of 6-12
    # at a million works, for 1 ms saved on a work page (docs/performance.md, issue 25).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (an editor and an import) wait instead of failing at once.
    # https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-transaction-behavior
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The interface languages; the catalogue's data stays in the languages it was printed in.
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Hashed file names need `collectstatic`, and a missing manifest turns every page into
# a 500. So the manifest storage is used only where collectstatic has run.
_manifest = STATIC_ROOT / "staticfiles.json"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _manifest.exists()
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve the app's static files without collectstatic (a fresh clone, the test suite),
# and do not warn there that STATIC_ROOT is missing.
WHITENOISE_USE_FINDERS = not _manifest.exists()
if not STATIC_ROOT.exists():
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# HTTPS. On by default with DEBUG off; SECURE_SSL_REDIRECT=0 where a proxy redirects.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts, styles, images and fonts from this site's own files only: the public pages have
# no script at all and the admin's are files, so an injected <script> or style= attribute
# would not run. https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The largest request body Opis reads, answered with a 413 past it. The admin's uploads take
# up to 5 MB (a reference file, catalogue.admin.upload.MAX_UPLOAD_BYTES; a pasted list, 1 MB), and
# refuse a larger one in the form's own words; this bounds what is streamed to disk before
# that. Django's own limits stay: DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB of fields besides
# files) and FILE_UPLOAD_MAX_MEMORY_SIZE (a larger upload goes to a temporary file).
OPIS_MAX_REQUEST_BYTES = env_int("OPIS_MAX_REQUEST_BYTES", 10 * 1024 * 1024)

# Opis's own knobs.
OPIS_PAGE_SIZE = env_int("OPIS_PAGE_SIZE", 25)

# Admin log-in lockout, by django-axes (https://django-axes.readthedocs.io/en/latest/4_configuration.html):
# this many failures for one username from one client address lock that pair out for this
# many minutes. The failures are rows in the database, so every gunicorn worker sees them.
# The app and middleware are added here, with the rest of the lockout's settings; axes'
# middleware must come last, to turn a refused log-in into the lockout page.
OPIS_LOGIN_MAX_FAILURES = env_int("OPIS_LOGIN_MAX_FAILURES", 5)
OPIS_LOGIN_LOCKOUT_MINUTES = env_int("OPIS_LOGIN_LOCKOUT_MINUTES", 15)
# Behind a proxy every request comes from the proxy's address, and one attacker would lock
# the real admin out for everyone. Set OPIS_TRUSTED_PROXY_COUNT to the number of proxies in
# front of gunicorn that each append the address they saw to OPIS_CLIENT_IP_HEADER (nginx:
# `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`); the client's address is
# then read that many entries from the header's end, never from what the client wrote.
# Without it (0) the header is ignored: anyone can send one.
OPIS_TRUSTED_PROXY_COUNT = env_int("OPIS_TRUSTED_PROXY_COUNT", 0)
OPIS_CLIENT_IP_HEADER = env_str("OPIS_CLIENT_IP_HEADER", "X-Forwarded-For")
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out pair before the password is checked; it needs the request, so
    # code calls authenticate(request, ...) and tests use force_login, not login.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = OPIS_LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=OPIS_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The username as Django's log-in form reads it (NFKC), so `ａｄｍｉｎ` is `admin` here too.
AXES_USERNAME_CALLABLE = "catalogue.trust.login_username"
AXES_CLIENT_IP_CALLABLE = "catalogue.trust.client_address"
AXES_LOCKOUT_CALLABLE = "catalogue.trust.lockout_response"
# A success before the limit starts the count again, and a failure during the lock does not
# extend it, so the page can say how long it lasts.
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The admin's unfiltered changelists show PostgreSQL's row estimate once a table holds
# this many rows: COUNT(*) over a million rows costs ~65 ms a page.
OPIS_ESTIMATE_COUNT_OVER = env_int("OPIS_ESTIMATE_COUNT_OVER", 100_000)
# Public pages are cached whole, keyed by the catalogue's version so that no edit is ever
# hidden (catalogue/page_cache.py): this long at most (0: off). Django's own backends only:
# with OPIS_PAGE_CACHE_URL (redis://...) the pages are in Redis, shared by all of a
# server's worker processes (each page computed once, not once a worker); without it each
# process keeps its own in memory, at most OPIS_PAGE_CACHE_ENTRIES entries. No page over
# OPIS_PAGE_CACHE_MAX_BYTES is stored, so a process's store holds at most entries x bytes
# (250 MB at the defaults; a page is 3-40 KB, a long export megabytes).
# Whoever can write to the store can run code as Opis (Django's cache backends unpickle
# what they read): never a directory or a Redis that others can write to (docs/deployment.md).
OPIS_PAGE_CACHE_SECONDS = env_int("OPIS_PAGE_CACHE_SECONDS", 600)
OPIS_PAGE_CACHE_MAX_BYTES = env_int("OPIS_PAGE_CACHE_MAX_BYTES", 128 * 1024)
# Off by default: X-Opis-Cache tells anyone whether someone else asked for a page (a
# search) since the catalogue last changed. For an operator and bench/run.py.
OPIS_PAGE_CACHE_HEADER = env_bool("OPIS_PAGE_CACHE_HEADER", False)
if env_str("OPIS_PAGE_CACHE_DIR"):
    # The file store it named unpickled whatever lay in that directory (issue 23).
    raise ImproperlyConfigured(
        "OPIS_PAGE_CACHE_DIR is no longer read: to share cached pages between workers, "
        "set OPIS_PAGE_CACHE_URL=redis://127.0.0.1:6379/0 (see docs/deployment.md)."
    )
_PAGE_CACHE_URL = env_str("OPIS_PAGE_CACHE_URL")
if _PAGE_CACHE_URL and not _PAGE_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"OPIS_PAGE_CACHE_URL must be a Redis URL (redis://, rediss:// or unix://), "
        f"not {_PAGE_CACHE_URL!r}"
    )
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        # https://docs.djangoproject.com/en/5.2/topics/cache/#redis
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _PAGE_CACHE_URL,
        # Tells apart sites (or benchmark runs) that share one Redis; Redis bounds its
        # own memory (maxmemory), not MAX_ENTRIES.
        "KEY_PREFIX": env_str("OPIS_PAGE_CACHE_PREFIX", "opis"),
        # A Redis that stops answering costs a request a second, not a worker's timeout:
        # the page is then built without the cache (page_cache._stored).
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    if _PAGE_CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "opis-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("OPIS_PAGE_CACHE_ENTRIES", 2000)},
    },
}
# On a catalogue of more than OPIS_ESTIMATE_COUNT_OVER works, a search word found (judged
# by a sample) in more works than this is tested row by row, and a search of such words
# only is listed by title with an estimated count, its first OPIS_BROAD_SEARCH_LISTED
# works paged (catalogue/search/ranking.py).
OPIS_BROAD_SEARCH_WORKS = env_int("OPIS_BROAD_SEARCH_WORKS", 2_000)
OPIS_BROAD_SEARCH_LISTED = env_int("OPIS_BROAD_SEARCH_LISTED", 1_000)
# A search that finds nothing offers works with similar words (PostgreSQL), given up
# after this many milliseconds: a word like a tenth of the catalogue's words makes them
# seconds to find at a million works.
OPIS_NEAR_MISS_MS = env_int("OPIS_NEAR_MISS_MS", 200)
# A search takes at most this many different words (after folding: `ж zh Ж` is one); the
# page names the words it left out. Each word is a pass over the search's indexes.
OPIS_SEARCH_MAX_WORDS = env_int("OPIS_SEARCH_MAX_WORDS", 8)
if OPIS_SEARCH_MAX_WORDS < 1:
    raise ImproperlyConfigured("OPIS_SEARCH_MAX_WORDS must be 1 or more")
# PostgreSQL: a public page's statement is cancelled after this many milliseconds and the
# reader is asked to narrow the search (a 503), so that a runaway query neither holds a
# worker until gunicorn kills it nor runs on in the database after (0: no limit). Public
# reads only: the admin, imports and migrations are not limited (catalogue/timeouts.py).
# https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT
OPIS_PUBLIC_STATEMENT_TIMEOUT_MS = env_int("OPIS_PUBLIC_STATEMENT_TIMEOUT_MS", 3000)
# Lists filtered by search, author or journal, longer than this, show no facet counts
# (each would scan the whole list). Other filters count from facet cells on PostgreSQL.
OPIS_FACET_MAX_WORKS = env_int("OPIS_FACET_MAX_WORKS", 20_000)


def _without_traceback(record):
    """A request with a Host not in ALLOWED_HOSTS is the client's error, met by every
    scanner of the internet: its one line says which host; a traceback says nothing more."""
    record.exc_info = None
    record.exc_text = None
    return True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "without_traceback": {
            "()": "django.utils.log.CallbackFilter",
            "callback": _without_traceback,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {"class": "logging.StreamHandler", "filters": ["without_traceback"]},
    },
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["one_line"], "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

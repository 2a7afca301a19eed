"""Configuration from the environment: safe by default, refused when unsafe."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-real-production-secret-" + "k" * 40,
    "ALLOWED_HOSTS": "opis.example.org",
    "BEHIND_HTTPS_PROXY": "1",
}


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def serve(*args, **env):
    """Load the WSGI application, as gunicorn does, in a bare environment plus `env`."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "OPIS_MANAGEMENT_COMMAND"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import project.wsgi"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_app_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = serve(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_app_refuses_the_development_key_when_debug_is_off():
    result = serve(DEBUG="0", SECRET_KEY="opis-development-key-never-use-in-production")
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_runserver_refuses_the_development_key_when_debug_is_off():
    result = manage("runserver", "--noreload", "127.0.0.1:0", DEBUG="0")
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_checks_run_in_a_bare_environment_but_the_deploy_check_refuses_the_development_key():
    assert manage("check", DEBUG="0").returncode == 0
    assert manage("makemigrations", "--check", "--dry-run", DEBUG="0").returncode == 0
    result = manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_the_app_starts_with_a_real_key():
    assert serve(**PRODUCTION).returncode == 0


def test_production_settings_pass_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


def test_a_malformed_boolean_is_refused_with_its_name():
    result = manage("check", DEBUG="perhaps")
    assert result.returncode != 0 and "DEBUG must be true or false" in result.stderr


def test_debug_runs_need_no_configuration():
    result = manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_a_malformed_connect_wait_is_refused_with_its_name():
    result = manage(
        "check",
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/opis_settings_check",
        DATABASE_CONNECT_WAIT="soon",
    )
    assert result.returncode != 0
    assert "DATABASE_CONNECT_WAIT must be a positive number" in result.stderr


def test_a_malformed_postgresql_cost_is_refused_with_its_name():
    for value in ("fast", "0", "-1", "inf", "nan"):
        result = manage(
            "check",
            DEBUG="1",
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/opis_settings_check",
            PG_RANDOM_PAGE_COST=value,
        )
        assert result.returncode != 0, value
        assert "PG_RANDOM_PAGE_COST must be a positive number" in result.stderr, value


def test_gunicorn_runs_a_worker_a_core_unless_told_otherwise(monkeypatch):
    """`gunicorn project.wsgi` reads gunicorn.conf.py: a worker a core (gunicorn's own
    default is one worker, which leaves every other core idle), or WEB_CONCURRENCY."""
    import runpy

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"] == os.cpu_count()
    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"] == 7


def test_pages_are_shared_through_redis_when_a_url_is_given():
    show = "from django.conf import settings; print(settings.CACHES['pages'])"
    local = manage("shell", "-c", show, DEBUG="1")
    shared = manage("shell", "-c", show, DEBUG="1", OPIS_PAGE_CACHE_URL="redis://127.0.0.1:6379/3")
    assert local.returncode == 0 and shared.returncode == 0, local.stderr + shared.stderr
    assert "LocMemCache" in local.stdout
    assert "RedisCache" in shared.stdout and "redis://127.0.0.1:6379/3" in shared.stdout


def test_no_cache_directory_is_read_any_more():
    """The file store unpickled whatever lay in OPIS_PAGE_CACHE_DIR (a world-writable
    /dev/shm in the old README): a deployment that still names one is told what to set."""
    result = manage("check", DEBUG="1", OPIS_PAGE_CACHE_DIR="/dev/shm")
    assert result.returncode != 0 and "OPIS_PAGE_CACHE_URL=redis://" in result.stderr
    result = manage("check", DEBUG="1", OPIS_PAGE_CACHE_URL="/dev/shm/opis")
    assert result.returncode != 0 and "must be a Redis URL" in result.stderr


def test_a_request_for_another_host_is_logged_in_one_line():
    """Scanners send any Host: each is one line naming it, not a traceback."""
    ask = (
        "from django.test import Client; "
        "print(Client().get('/', HTTP_HOST='evil.example').status_code)"
    )
    result = manage("shell", "-c", ask, **PRODUCTION, SECURE_SSL_REDIRECT="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("400")
    logged = [line for line in result.stderr.splitlines() if "evil.example" in line]
    assert logged == [
        "Invalid HTTP_HOST header: 'evil.example'. "
        "You may need to add 'evil.example' to ALLOWED_HOSTS."
    ]
    assert "Traceback" not in result.stderr

"""Settings defaults, read in a fresh interpreter so that the environment is what we say."""

import json
import os
import secrets
import subprocess
import sys
from typing import Any

from tests.conftest import ROOT

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
    "'debug': settings.DEBUG, 'acks_late': settings.CELERY_TASK_ACKS_LATE, "
    "'serializer': settings.CELERY_TASK_SERIALIZER, 'cache': settings.CACHES['default']}))"
)


def _settings_with(**env: str) -> dict:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "DJANGO_", "CACHE_"))
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="claimtrack.settings")
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_without_database_url_a_sqlite_file_is_used() -> None:
    conf = _settings_with()
    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["name"].endswith("db.sqlite3")


def test_without_a_broker_tasks_run_in_process() -> None:
    conf = _settings_with()
    assert conf["eager"] is True
    assert conf["broker"].startswith("memory://")


def test_database_url_and_broker_come_from_the_environment() -> None:
    conf = _settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/somedb",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/3",
    )
    assert conf["engine"] == "django.db.backends.postgresql"
    assert conf["name"] == "somedb"
    assert conf["eager"] is False
    assert conf["broker"] == "redis://127.0.0.1:6379/3"


def test_the_cache_is_per_process_unless_cache_url_names_redis() -> None:
    assert _settings_with()["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    shared = _settings_with(CACHE_URL="redis://127.0.0.1:6379/1")["cache"]
    assert shared == {"BACKEND": "claimtrack.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"}


def test_celery_defaults_are_safe() -> None:
    conf = _settings_with()
    assert conf["acks_late"] is True
    assert conf["serializer"] == "json"


def test_production_mode_refuses_the_development_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_DEBUG="false", DJANGO_SETTINGS_MODULE="claimtrack.settings")
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0
    assert "DJANGO_SECRET_KEY" in out.stderr


def _deploy_check(tmp_path: Any, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "DJANGO_", "CACHE_"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="claims.example.org",
        DJANGO_SETTINGS_MODULE="claimtrack.settings",
        **extra,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_is_clean_given_only_a_secret_key_and_allowed_hosts(tmp_path: Any) -> None:
    out = _deploy_check(tmp_path)
    assert out.returncode == 0, out.stderr
    assert "System check identified no issues" in out.stdout
    assert "security.W" not in out.stdout + out.stderr


def test_ssl_redirect_and_hsts_can_be_turned_off(tmp_path: Any) -> None:
    out = _deploy_check(tmp_path, DJANGO_SECURE_SSL_REDIRECT="false", DJANGO_SECURE_HSTS_SECONDS="0")
    assert "security.W008" in out.stdout + out.stderr  # SSL redirect off
    assert "security.W004" in out.stdout + out.stderr  # HSTS off


PROXY_PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'proxy': settings.SECURE_PROXY_SSL_HEADER, 'redirect': settings.SECURE_SSL_REDIRECT, "
    "'hsts': settings.SECURE_HSTS_SECONDS}))"
)


def _probe(**env_vars: str) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "DJANGO_", "CACHE_"))
    }
    env.update(env_vars, DJANGO_SETTINGS_MODULE="claimtrack.settings")
    out = subprocess.run(
        [sys.executable, "-c", PROXY_PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_debug_mode_keeps_plain_http_and_the_proxy_header_is_configurable() -> None:
    assert _probe() == {"proxy": ["HTTP_X_FORWARDED_PROTO", "https"], "redirect": False, "hsts": 0}
    assert _probe(DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Scheme")["proxy"] == [
        "HTTP_X_FORWARDED_SCHEME",
        "https",
    ]
    assert _probe(DJANGO_SECURE_PROXY_SSL_HEADER="")["proxy"] is None


def test_sqlite_takes_the_write_lock_at_begin_and_waits_for_it() -> None:
    """Threads of the demo server that read then write must wait for the lock, not fail
    with "database is locked" (six parallel submissions answered 500 before)."""
    probe = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "DJANGO_", "CACHE_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="claimtrack.settings")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    options = json.loads(out.stdout.strip().splitlines()[-1])
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]

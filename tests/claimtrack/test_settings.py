"""Settings defaults, read in a fresh interpreter so that the environment is what we say."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
    "'debug': settings.DEBUG, 'acks_late': settings.CELERY_TASK_ACKS_LATE, "
    "'serializer': settings.CELERY_TASK_SERIALIZER}))"
)


def _settings_with(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "DJANGO_"))}
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

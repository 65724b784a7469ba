import os
from pathlib import Path

import pytest
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "000_208ac84f70e9e951.txt"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Test-only tweaks (as in cookiecutter-django's config/settings/test.py).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def seed_article_path() -> Path:
    return SEED_ARTICLE


@pytest.fixture
def checker(db):
    from tests.factories import UserFactory

    return UserFactory(username="checker", is_superuser=True)


@pytest.fixture
def reviewer(db):
    from tests.factories import user_in_group

    return user_in_group("reviewer", "Reviewer")


@pytest.fixture
def editor(db):
    from tests.factories import user_in_group

    return user_in_group("editor", "Editor")


# --- a real headless browser: Debian's chromium driven by Playwright -------------------------
# Where the suite is told a browser is required (CLAIMTRACK_REQUIRE_BROWSER=1, as `make test`
# and CI do), a missing Playwright or chromium fails the run instead of skipping it.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _browser_unavailable(reason: str) -> None:
    if os.environ.get("CLAIMTRACK_REQUIRE_BROWSER", "") not in ("", "0", "false"):
        pytest.fail(f"A browser is required (CLAIMTRACK_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture
def browser(monkeypatch):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("Playwright is not installed (requirements-dev.txt)")
    if not Path(CHROMIUM).exists():
        _browser_unavailable(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between browser steps are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()
        # While Playwright's loop runs in this thread, Django keeps the ORM's connection in
        # separate (context-local) storage: close it here, or it outlives the test database.
        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    new_page = context.new_page()
    new_page.set_default_timeout(15_000)
    yield new_page
    context.close()

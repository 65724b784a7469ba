"""A real headless browser for the desk's tests: Debian's chromium driven by Playwright.

Where the suite is told a browser is required (``CLAIMTRACK_REQUIRE_BROWSER=1``, as ``make test``
and CI do), a missing Playwright or chromium fails the run instead of skipping it.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

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


def browser_required() -> bool:
    return os.environ.get("CLAIMTRACK_REQUIRE_BROWSER", "") not in ("", "0", "false")


def _unavailable(reason: str) -> None:
    if browser_required():
        pytest.fail(f"A browser is required (CLAIMTRACK_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture
def desk_browser(monkeypatch):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (requirements-dev.txt)")
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between browser steps are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
        # While Playwright's loop runs in this thread, Django keeps the ORM's connection in
        # separate (context-local) storage: close it here, or it outlives the test database.
        connections.close_all()


@pytest.fixture
def desk_page(desk_browser):
    context = desk_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))
    page.desk_errors = errors
    yield page
    context.close()


def login(
    page, base: str, username: str, password: str = "checker-password", next_url: str = "/admin/"
) -> None:
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/login/" not in page.url, f"cannot log in as {username}"

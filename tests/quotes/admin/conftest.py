"""The desk's browser page: the shared headless chromium (tests/conftest.py) at 1280x900,
recording server errors and script errors for the tests to check."""

import pytest


@pytest.fixture
def desk_browser(browser):
    return browser


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

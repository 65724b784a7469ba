from pathlib import Path

import pytest

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

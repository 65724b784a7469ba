from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator


def validate_evidence(value: Any) -> None:
    """Claim evidence: a list of {"url": "https://...", "title": "..."} objects."""
    if not isinstance(value, list):
        raise ValidationError("Evidence must be a list of links.")
    check_url = URLValidator(schemes=["http", "https"])
    for n, item in enumerate(value, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise ValidationError(f'Evidence item {n} must be an object with a "url".')
        try:
            check_url(item["url"])
        except ValidationError:
            raise ValidationError(f"Evidence item {n} has an invalid URL.") from None
        if not isinstance(item.get("title", ""), str):
            raise ValidationError(f'Evidence item {n}: "title" must be text.')

"""A JSON parser with limits: nesting depth and body size, so hostile bodies get a 4xx, not a 500."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from claimtrack.api.exceptions import RequestBodyTooLarge


def _depth_and_surrogates_check(data: Any, limit: int) -> None:
    """Walk the parsed document iteratively (no recursion), refusing deep nesting and
    lone surrogates (\\ud800 is valid JSON but cannot be stored as UTF-8)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            if depth > limit:
                raise ParseError(f"JSON nested deeper than {limit} levels.")
            stack.extend((k, depth + 1) for k in value.keys())
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            if depth > limit:
                raise ParseError(f"JSON nested deeper than {limit} levels.")
            stack.extend((v, depth + 1) for v in value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ParseError("JSON string holds a lone surrogate (not valid UTF-8 text).") from None


class LimitedJSONParser(JSONParser):
    """JSON bodies up to API_MAX_BODY_BYTES (413 beyond) and API_MAX_JSON_DEPTH levels (400 beyond)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestBodyTooLarge()
        try:
            text = raw.decode(self.charset if hasattr(self, "charset") else "utf-8")
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise ParseError(f"JSON nested deeper than {settings.API_MAX_JSON_DEPTH} levels.") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        _depth_and_surrogates_check(data, settings.API_MAX_JSON_DEPTH)
        return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")

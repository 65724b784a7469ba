"""The OpenAPI schema: every operation documents the errors it can answer, as JSON."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ApiErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, for people")
    code = serializers.CharField(help_text="A stable machine-readable code, e.g. not_found, throttled")


class ApiValidationErrorSerializer(ApiErrorSerializer):
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.JSONField(),
        required=False,
        help_text="Field name → messages (non_field_errors for the request as a whole)",
    )


_ERRORS: dict[str, tuple[str, type[serializers.Serializer]]] = {
    "400": ("Invalid input: a parameter or the body failed validation", ApiValidationErrorSerializer),
    "401": ("No credentials, or an invalid or expired token", ApiErrorSerializer),
    "403": ("The user lacks the permission (Reviewer, Editor) this needs", ApiErrorSerializer),
    "404": ("No such object, or not visible to this user", ApiErrorSerializer),
    "406": ("No acceptable response media type (see Accept)", ApiErrorSerializer),
    "409": ("Conflicts with the current state (e.g. the quote was already decided)", ApiErrorSerializer),
    "413": ("The request body is too large", ApiErrorSerializer),
    "415": ("Unsupported media type: send application/json", ApiErrorSerializer),
    "429": ("Too many requests for this token: retry after Retry-After seconds", ApiErrorSerializer),
}
_ALWAYS = ("400", "401", "403", "404", "406", "429")
_WITH_BODY = ("409", "413", "415")


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        codes = list(_ALWAYS)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes += _WITH_BODY
        for code in codes:
            if code in responses:
                continue
            description, serializer = _ERRORS[code]
            response = self._get_response_for_code(serializer, code, ["application/json"], direction)
            response["description"] = description
            if code == "429":
                response["headers"] = {
                    "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait"}
                }
            responses[code] = response
        return responses


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "claimtrack.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token-based authentication: the header "Authorization: Token <key>". '
            "Make a key with `python manage.py api_token_create USERNAME --name NAME`.",
        }

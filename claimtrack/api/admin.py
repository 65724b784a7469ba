"""Tokens in the admin: see who holds which named token, revoke one by deleting it."""

from django.contrib import admin
from django.http import HttpRequest
from knox.models import AuthToken

from claimtrack.api.models import ApiTokenName


class ApiTokenNameInline(admin.StackedInline):
    model = ApiTokenName
    can_delete = False
    extra = 0
    fields = ["name"]


if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["token_name", "user", "token_key", "created", "expiry"]
    list_filter = ["created", "expiry"]
    search_fields = ["api_name__name", "user__username", "token_key"]
    list_select_related = ["user", "api_name"]
    readonly_fields = ["user", "token_key", "digest", "created", "expiry"]
    fields = ["user", "token_key", "digest", "created", "expiry"]
    inlines = [ApiTokenNameInline]

    @admin.display(description="name", ordering="api_name__name")
    def token_name(self, obj: AuthToken) -> str:
        label = getattr(obj, "api_name", None)
        return label.name if label else "(unnamed)"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A token is shown once, when it is made: use `manage.py api_token_create`.
        return False

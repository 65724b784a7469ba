from django.db import models
from django.db.models import Q
from knox.models import AuthToken


class ApiTokenName(models.Model):
    """The name a user gave one of their API tokens (knox keeps only the hashed token).

    Deleting the knox token (in the admin, or by expiry) deletes its name too.
    """

    token = models.OneToOneField(AuthToken, on_delete=models.CASCADE, related_name="api_name")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'CMS plugin'.")

    class Meta:
        verbose_name = "API token name"
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="api_token_name_not_empty")]

    def __str__(self) -> str:
        return self.name

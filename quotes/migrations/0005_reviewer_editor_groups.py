"""The two desk roles. Reviewers review quotes, edit and merge speakers and draft claims;
Editors do all that and also publish, unpublish and correct claims and manage ratings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BASE = ["view_article", "add_article", "change_article", "view_source", "view_feed", "view_rating", "view_reviewdecision"]
REVIEWER = [
    *BASE,
    "view_quote",
    "change_quote",
    "add_quote",
    "view_speaker",
    "add_speaker",
    "change_speaker",
    "view_speakeralias",
    "add_speakeralias",
    "change_speakeralias",
    "delete_speakeralias",
    "view_claim",
    "add_claim",
    "change_claim",
    "view_claimevidence",
    "add_claimevidence",
    "change_claimevidence",
    "delete_claimevidence",
    "view_claimcorrection",
]
EDITOR = [*REVIEWER, "publish_claim", "add_rating", "change_rating", "delete_rating", "add_claimcorrection"]


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Reviewer", REVIEWER), ("Editor", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label__in=["quotes", "sources"], codename__in=codenames
        )
        group.permissions.add(*perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reviewer", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0004_claim_workflow"),
        ("sources", "0003_feed_url_http_only"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

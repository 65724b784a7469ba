from django.db import migrations

DEFAULT_SCALE = [
    (1, "False", "The claim is inaccurate."),
    (2, "Mostly false", "The claim has an element of truth but ignores critical facts."),
    (3, "Half true", "The claim is partially accurate but leaves out important details."),
    (4, "Mostly true", "The claim is accurate but needs clarification or additional information."),
    (5, "True", "The claim is accurate and nothing significant is missing."),
]


def install_scale(apps, schema_editor):
    Rating = apps.get_model("quotes", "Rating")
    for value, label, description in DEFAULT_SCALE:
        Rating.objects.get_or_create(
            value=value, defaults={"label": label, "description": description}
        )


def remove_scale(apps, schema_editor):
    Rating = apps.get_model("quotes", "Rating")
    Rating.objects.filter(
        value__in=[value for value, _, _ in DEFAULT_SCALE], claims__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("quotes", "0001_initial")]

    operations = [migrations.RunPython(install_scale, remove_scale)]

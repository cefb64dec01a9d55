"""Seed the word lists from the engine's defaults (idempotent; `manage.py sync_default_terms` does the same)."""
from django.db import migrations


def seed(apps, schema_editor):
    from moderation.terms import sync_default_terms

    sync_default_terms(term_model=apps.get_model("moderation", "Term"))


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_workspace")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

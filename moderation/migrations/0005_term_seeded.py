"""Remember which word-list rows still hold the default list's values, so that a later change of
the defaults (`manage.py sync_default_terms`) can reach them without touching a moderator's edits."""
from django.db import migrations, models


def mark_untouched_defaults(apps, schema_editor):
    from moderation.terms import DEFAULT_NOTE, term_fingerprint

    Term = apps.get_model("moderation", "Term")
    RuleChange = apps.get_model("moderation", "RuleChange")
    edited = set(RuleChange.objects.filter(target="term").values_list("object_id", flat=True))
    for row in Term.objects.filter(note=DEFAULT_NOTE, updated_by__isnull=True, created_by__isnull=True):
        if row.pk in edited:
            continue
        row.seeded = term_fingerprint(row.action, row.lang, row.affix, row.enabled)
        row.save(update_fields=["seeded"])


class Migration(migrations.Migration):
    dependencies = [("moderation", "0004_moderators_group")]
    operations = [
        migrations.AddField(
            model_name="term",
            name="seeded",
            field=models.CharField(blank=True, editable=False, max_length=60,
                                   verbose_name="seeded from the default list"),
        ),
        migrations.RunPython(mark_untouched_defaults, migrations.RunPython.noop),
    ]

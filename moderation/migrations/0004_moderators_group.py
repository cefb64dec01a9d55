"""The "Moderators" group with exactly the permissions of moderation.permissions.MODERATOR_PERMISSIONS."""
from django.db import migrations


def create_group(apps, schema_editor):
    from moderation.permissions import moderators_group_sync

    moderators_group_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_seed_default_terms"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]

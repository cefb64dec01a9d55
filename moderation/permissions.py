"""The "Moderators" group: exactly what the moderation workspace needs, nothing about users or site settings."""

MODERATORS_GROUP = "Moderators"

# (app_label, codename). Terms and bans are disabled or lifted, never deleted, so their history stays.
MODERATOR_PERMISSIONS = (
    ("moderation", "view_queuecomment"),
    ("moderation", "change_queuecomment"),  # approve / reject / spam from the queue
    ("moderation", "view_moderationdecision"),  # the audit log and the stats page
    ("moderation", "view_rulechange"),
    ("moderation", "view_term"),
    ("moderation", "add_term"),
    ("moderation", "change_term"),
    ("moderation", "view_ban"),
    ("moderation", "add_ban"),
    ("moderation", "change_ban"),
    ("moderation", "view_articlemoderation"),
    ("moderation", "change_articlemoderation"),
)


def moderators_group_sync(*, apps=None):
    """Create or reset the group to exactly MODERATOR_PERMISSIONS (idempotent); returns the group."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        if app_config.label in {"moderation", "comments", "auth", "contenttypes"}:
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    perms = []
    for app_label, codename in MODERATOR_PERMISSIONS:
        perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    group.permissions.set(perms)
    return group

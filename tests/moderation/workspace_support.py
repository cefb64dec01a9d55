"""Helpers for the moderator-workspace tests: users with and without the Moderators group."""
import pytest
from django.contrib.auth import get_user_model

from django.contrib.auth.models import Group

from moderation.permissions import MODERATOR_PERMISSIONS, MODERATORS_GROUP, moderators_group_sync


def moderators_group() -> Group:
    """The group made by the migration; re-created if a transactional test elsewhere flushed it."""
    group = Group.objects.filter(name=MODERATORS_GROUP).first()
    if group is None or group.permissions.count() != len(MODERATOR_PERMISSIONS):
        group = moderators_group_sync()
    return group


def make_moderator(username="mod", **extra):
    # No password: tests log in with force_login, and hashing one costs a second per test.
    user = get_user_model().objects.create_user(username=username, password=None, is_staff=True,
                                                email=f"{username}@staff.example", **extra)
    user.groups.add(moderators_group())
    return user


@pytest.fixture
def moderator(db):
    return make_moderator()


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client

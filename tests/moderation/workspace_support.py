"""Helpers for the moderator-workspace tests: users with and without the Moderators group."""
import pytest
from django.contrib.auth import get_user_model

from moderation.permissions import moderators_group_sync


def make_moderator(username="mod", **extra):
    user = get_user_model().objects.create_user(username=username, password="x-Strong-pass-1", is_staff=True,
                                                email=f"{username}@staff.example", **extra)
    # The group comes from a migration; transactional tests elsewhere may have flushed it.
    user.groups.add(moderators_group_sync())
    return user


@pytest.fixture
def moderator(db):
    return make_moderator()


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client

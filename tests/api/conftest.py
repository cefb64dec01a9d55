import pytest
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from moderation.permissions import MODERATORS_GROUP


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Logins are exercised here, not password storage: a cheap hasher keeps these tests fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def api():
    """Anonymous API client (Arabic unless a test sends Accept-Language)."""
    return APIClient()


def make_user(username: str, *, staff: bool = False, moderator: bool = False) -> User:
    user = User.objects.create_user(username, password="a-long-test-password-1")
    user.is_staff = staff
    user.save()
    if moderator:
        if not Group.objects.filter(name=MODERATORS_GROUP).exists():
            # an earlier transactional test emptied the tables the migrations had filled
            from moderation.permissions import moderators_group_sync

            moderators_group_sync()
        user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


@pytest.fixture
def moderator(db):
    return make_user("mod1", staff=True, moderator=True)


@pytest.fixture
def mod_api(moderator):
    """A moderator's client authenticated with a DRF token (no CSRF involved)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=moderator).key}")
    return client


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]

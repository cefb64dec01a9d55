"""With the cache's Redis gone, readers still read and post and moderators still log in (newsportal/cache.py)."""
import json
import socket

import pytest
from django.contrib.auth import get_user_model

from comments.models import Comment
from tests.conftest import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {"default": {
        "BACKEND": "newsportal.cache.ResilientRedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.implementation = None


def test_pages_and_posts_work_without_the_cache(client, article, cache_down):
    make_comment(article=article, body="تعليق منشور")
    assert "تعليق منشور" in client.get(article.get_absolute_url()).content.decode()
    form = client.post(article.get_absolute_url(), {"name": "منى", "email": "mona@example.com", "body": "من النموذج"})
    assert form.status_code == 302
    api = client.post(f"/api/v1/articles/{article.slug}/comments/",
                      json.dumps({"name": "منى", "email": "mona2@example.com", "body": "من الواجهة"}),
                      content_type="application/json")
    assert api.status_code == 202, api.content
    assert Comment.objects.filter(body__in=["من النموذج", "من الواجهة"]).count() == 2
    assert client.get(f"/api/v1/articles/{article.slug}/comments/").status_code == 200


def test_admin_login_works_without_the_cache(client, cache_down, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_user_model().objects.create_superuser("chief", password="a-long-correct-password")
    client.post("/admin/login/", {"username": "chief", "password": "wrong"})
    ok = client.post("/admin/login/?next=/admin/", {"username": "chief", "password": "a-long-correct-password"})
    assert ok.status_code == 302

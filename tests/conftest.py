import itertools
import os

import pytest
from django.utils import timezone

from comments.identity import email_key
from comments.models import Article, Comment

_seq = itertools.count(1)


def make_article(**overrides) -> Article:
    n = next(_seq)
    data = {
        "title": f"خبر اختبار {n}",
        "slug": f"test-article-{n}",
        "writer_name": "هدى سليمان",
        "body": "نص الخبر للاختبار.",
        "published_at": timezone.now(),
    }
    data.update(overrides)
    return Article.objects.create(**data)


def make_comment(**overrides) -> Comment:
    n = next(_seq)
    if "article" not in overrides:
        overrides["article"] = make_article()
    parent = overrides.get("parent")
    email = overrides.pop("author_email", f"reader{n}@example.com")
    data = {
        "author_name": f"قارئ {n}",
        "author_email": email,
        "author_key": email_key(email),
        "body": f"تعليق رقم {n}",
        "status": Comment.Status.APPROVED,
        "depth": (parent.depth + 1) if parent else 0,
    }
    data.update(overrides)
    return Comment.objects.create(**data)


@pytest.fixture
def article(db):
    return make_article()


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Each test gets its own cache key space, so rate limits and login lockouts never leak between tests."""
    prefix = f"t{os.getpid()}-{next(_seq)}"
    settings.CACHES = {name: {**conf, "KEY_PREFIX": prefix} for name, conf in settings.CACHES.items()}
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.implementation = None  # django-axes memoises its cache; let it pick up this test's


@pytest.fixture
def broker():
    """A private redis-server on a free port with Celery pointed at it (the machine's Redis is never touched)."""
    from tests.moderation.workers import RedisServer, point_celery_at

    server = RedisServer().start()
    previous = point_celery_at(server.url)
    yield server
    point_celery_at(previous)
    server.stop()

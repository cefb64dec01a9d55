import itertools

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

"""The cached published thread (comments/thread_cache.py) is never stale and never shares a CSRF token."""
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments import privacy
from comments.models import Comment
from comments.thread_cache import CSRF_PLACEHOLDER
from moderation.services import comment_moderator_decide
from tests.conftest import make_comment

pytestmark = pytest.mark.django_db


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_decision_shows_at_once_after_the_thread_was_cached(client, article):
    shown = make_comment(article=article, body="أول تعليق منشور")
    waiting = make_comment(article=article, body="تعليق ينتظر", status=Comment.Status.PENDING)
    assert "أول تعليق منشور" in page(client, article) and "تعليق ينتظر" not in page(client, article)
    comment_moderator_decide(comment_id=waiting.pk, action="approve", moderator=None)
    assert "تعليق ينتظر" in page(client, article)
    comment_moderator_decide(comment_id=shown.pk, action="reject", moderator=None)
    html = page(client, article)
    assert "أول تعليق منشور" not in html and "تعليق ينتظر" in html


def test_an_erasure_shows_at_once(client, article):
    make_comment(article=article, body="نص سيمحى", author_email="gone@example.com")
    assert "نص سيمحى" in page(client, article)
    privacy.author_erase(email="gone@example.com")
    assert "نص سيمحى" not in page(client, article)


def test_each_reader_gets_their_own_csrf_token_in_the_cached_page(article):
    make_comment(article=article)
    tokens = []
    for _reader in range(2):
        reader = Client(enforce_csrf_checks=True)
        html = page(reader, article)
        assert CSRF_PLACEHOLDER not in html
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        tokens.append(found)
        response = reader.post(article.get_absolute_url(), {"action": "check", "body": "نص",
                                                            "csrfmiddlewaretoken": next(iter(found))})
        assert response.status_code == 200  # the token in the cached page works for this reader
    assert not tokens[0] & tokens[1]


def test_the_author_still_sees_their_own_pending_comment(client, article):
    make_comment(article=article, body="منشور")
    page(client, article)  # cached for everyone
    response = client.post(article.get_absolute_url(), {"name": "سعاد", "email": "suad@example.com",
                                                        "body": "تعليقي الجديد"})
    assert response.status_code == 302
    html = page(client, article)
    assert "تعليقي الجديد" in html and "منشور" in html
    assert "تعليقي الجديد" not in page(Client(), article)


def test_a_cached_page_of_500_comments_takes_few_queries(client, article):
    Comment.objects.bulk_create(
        Comment(article=article, author_name=f"قارئ {i}", author_email=f"r{i}@example.com", author_key=f"k{i}",
                body=f"تعليق {i}", status=Comment.Status.APPROVED) for i in range(500))
    page(client, article)
    with CaptureQueriesContext(connection) as ctx:
        html = page(client, article)
    assert html.count('class="comment"') + html.count('class="comment ') >= 500
    assert len(ctx.captured_queries) <= 6, [q["sql"] for q in ctx.captured_queries]


def test_a_plain_visit_is_served_from_the_page_cache_with_a_fresh_token(article):
    make_comment(article=article, body="تعليق منشور")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page(first, article)
    with CaptureQueriesContext(connection) as ctx:
        html = page(second, article)
    assert len(ctx.captured_queries) <= 3
    assert CSRF_PLACEHOLDER not in html
    token = re.search(r'id="comment-form".*?name="csrfmiddlewaretoken" value="([^"]+)"', html, re.S).group(1)
    response = second.post(article.get_absolute_url(), {"csrfmiddlewaretoken": token, "name": "سعاد",
                                                        "email": "suad@example.com", "body": "تعليق بعد الصفحة المخزنة"})
    assert response.status_code == 302


def test_pages_that_are_not_plain_visits_are_rendered_for_the_reader(client, article):
    make_comment(article=article)
    page(client, article)
    reply = client.get(article.get_absolute_url() + "?reply=1").content.decode()
    assert 'name="parent" value="1"' in reply
    client.post(article.get_absolute_url(), {"name": "سعاد", "email": "suad@example.com", "body": "نص",
                                             "remember": "on"})
    assert 'value="سعاد"' in page(client, article)  # prefilled for this reader only
    assert 'value="سعاد"' not in page(Client(), article)

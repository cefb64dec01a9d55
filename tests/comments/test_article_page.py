from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from tests.conftest import make_article, make_comment

pytestmark = pytest.mark.django_db

VALID = {"name": "نور", "email": "noor.private@example.com", "body": "شكراً على هذا التقرير المفيد."}


def post(client, article, **data):
    return client.post(article.get_absolute_url(), data, HTTP_ACCEPT_LANGUAGE="ar")


def test_article_list_shows_articles_newest_first_with_counts(client):
    old = make_article(title="خبر قديم", published_at="2020-01-01T00:00:00Z")
    new = make_article(title="خبر جديد")
    make_comment(article=old)
    make_comment(article=old, status=Comment.Status.PENDING)
    html = client.get("/").content.decode()
    assert html.index("خبر جديد") < html.index("خبر قديم")
    assert new.get_absolute_url() in html


def test_page_is_arabic_and_rtl_by_default(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert "قواعد التعليق" in html  # the posted rules, above the form
    assert html.index("قواعد التعليق") < html.index('name="body"')


def test_english_translation_renders(client, article):
    html = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en" dir="ltr"' in html
    assert "Our comment rules" in html
    assert "Your email will not be published." in html


@pytest.mark.parametrize(
    "missing, message",
    [("name", "يرجى كتابة اسمك"), ("email", "يرجى كتابة بريدك الإلكتروني"), ("body", "يرجى كتابة تعليقك")],
)
def test_required_fields_give_arabic_errors_and_store_nothing(client, article, missing, message):
    data = {**VALID, missing: ""}
    response = post(client, article, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


def test_invalid_email_is_refused_and_form_keeps_input(client, article):
    response = post(client, article, **{**VALID, "email": "not-an-email"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "بريد إلكتروني صحيح" in html
    assert VALID["body"] in html  # what the reader typed is kept
    assert Comment.objects.count() == 0


def test_post_redirects_and_author_sees_pending_comment_only(client, article):
    response = post(client, article, **VALID)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.author_key and comment.author_key != comment.author_email
    own = client.get(article.get_absolute_url()).content.decode()
    assert VALID["body"] in own
    assert "بانتظار المراجعة" in own
    from django.test import Client

    other = Client().get(article.get_absolute_url()).content.decode()
    assert VALID["body"] not in other


def test_email_never_appears_in_page_html(client, article):
    parent = make_comment(article=article, author_email="parent.secret@example.com", author_website="https://a.example")
    make_comment(article=article, parent=parent, author_email="reply.secret@example.com")
    post(client, article, **VALID)
    for url in ("/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        for secret in ("parent.secret", "reply.secret", "noor.private"):
            assert secret not in html


def test_replies_nest_under_their_parent(client, article):
    parent = make_comment(article=article, body="تعليق أصلي")
    make_comment(article=article, parent=parent, body="رد على التعليق")
    html = client.get(article.get_absolute_url()).content.decode()
    parent_block = html[html.index(f'id="c{parent.pk}"'):]
    replies_at = parent_block.index('class="replies"')
    assert parent_block.index("رد على التعليق") > replies_at


def test_reply_to_unapproved_comment_is_refused(client, article):
    pending = make_comment(article=article, status=Comment.Status.PENDING)
    response = post(client, article, **VALID, parent=pending.pk)
    assert response.status_code == 400
    assert "تعليق منشور" in response.content.decode()
    assert Comment.objects.count() == 1


def test_closed_article_refuses_comments(client):
    closed = make_article(comments_open=False)
    response = post(client, closed, **VALID)
    assert response.status_code == 400
    assert "مغلق" in response.content.decode()
    assert not Comment.objects.exists()


def test_auto_close_after_days(client):
    old = make_article(published_at=timezone.now() - timedelta(days=30), close_comments_after_days=7)
    assert not old.comments_are_open()
    post(client, old, **VALID)
    assert not Comment.objects.exists()


def test_html_in_comment_is_escaped(client, article):
    make_comment(article=article, body='<script>alert("x")</script><b>bold</b>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_article_page_query_count_is_constant(client):
    small, large = make_article(), make_article()
    for i in range(10):
        make_comment(article=small)
    parents = [make_comment(article=large) for _ in range(100)]
    for p in parents:
        reply = make_comment(article=large, parent=p)
        make_comment(article=large, parent=reply)
    assert _count_queries(client, small.get_absolute_url()) == _count_queries(client, large.get_absolute_url())


def test_remember_me_prefills_only_with_consent(client, article):
    post(client, article, **VALID)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'value="نور"' not in html
    post(client, article, **{**VALID, "body": "تعليق ثان مختلف", "remember": "on"})
    response = client.get(article.get_absolute_url())
    assert 'value="نور"' in response.content.decode()
    assert "private" in response["Cache-Control"]

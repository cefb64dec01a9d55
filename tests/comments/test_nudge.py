import pytest

from comments.models import Comment

pytestmark = pytest.mark.django_db


def check(client, article, body, lang="ar"):
    data = {"name": "سعاد", "email": "suad@example.com", "body": body, "action": "check"}
    return client.post(article.get_absolute_url(), data, HTTP_ACCEPT_LANGUAGE=lang)


def test_nudge_names_the_rule_and_quotes_the_words_and_saves_nothing(client, article):
    response = check(client, article, "الكاتب غبي ولا يفهم شيئاً")
    html = response.content.decode()
    assert response.status_code == 200
    assert "قد يخالف تعليقك قواعدنا" in html
    assert "الإساءة إلى الكاتب" in html
    assert "«<bdi>غبي</bdi>»" in html
    assert "الكاتب غبي ولا يفهم شيئاً" in html  # the draft is kept in the form
    assert not Comment.objects.exists()


def test_nudge_on_clean_draft_says_it_can_be_posted(client, article):
    html = check(client, article, "أرقام التقرير مفيدة، وأتمنى مقالاً عن الرسوم.").content.decode()
    assert "لم نجد في تعليقك ما يخالف قواعدنا" in html
    assert not Comment.objects.exists()


def test_nudge_in_english(client, article):
    html = check(client, article, "the writer is an idiot", lang="en").content.decode()
    assert "Your comment may break our rules" in html
    assert "Insulting the writer" in html

"""Readers' reports, the threshold that re-queues, surge to strict, moderator emails, privacy of pages."""
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from comments.models import Comment, CommentReport
from moderation import notifications, reports
from moderation.models import ModerationDecision, RuleChange
from moderation.reports import ReportRefused, comment_report, reporter_key_for
from tests.conftest import make_article, make_comment
from tests.moderation.workspace_support import make_moderator

pytestmark = pytest.mark.django_db


def report(comment, n, reason="abuse_person"):
    return comment_report(comment=comment, reason=reason, note="", reporter_key=reporter_key_for(reader_id=f"r{n}", ip="192.0.2.1"))


def test_threshold_of_reports_puts_the_comment_back_in_the_queue(settings, django_capture_on_commit_callbacks):
    settings.MODERATION_REPORT_THRESHOLD = 3
    comment = make_comment(status=Comment.Status.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        report(comment, 1)
        report(comment, 2)
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Comment.Status.APPROVED, 2)
    with django_capture_on_commit_callbacks(execute=True):
        report(comment, 3)
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Comment.Status.HELD, 3)
    row = ModerationDecision.objects.get(comment=comment)
    assert (row.source, row.from_status, row.to_status) == ("system", "approved", "held")
    from moderation.selectors import queue_list

    assert comment in list(queue_list())


def test_reports_are_refused_twice_by_one_reader_and_on_unpublished_comments():
    comment = make_comment(status=Comment.Status.APPROVED)
    report(comment, 1)
    with pytest.raises(ReportRefused) as exc:
        report(comment, 1)
    assert exc.value.code == "duplicate"
    with pytest.raises(ReportRefused) as exc:
        report(make_comment(status=Comment.Status.HELD), 1)
    assert exc.value.code == "not_published"
    with pytest.raises(ReportRefused) as exc:
        report(comment, 2, reason="i-dont-like-it")
    assert exc.value.code == "bad_reason"
    assert CommentReport.objects.count() == 1


def test_surge_switches_the_article_to_strict_and_emails_moderators(settings, django_capture_on_commit_callbacks):
    settings.MODERATION_SURGE_THRESHOLD = 3
    settings.MODERATION_REPORT_THRESHOLD = 100
    make_moderator("mona")
    article = make_article()
    comments = [make_comment(article=article) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for i, comment in enumerate(comments):
            report(comment, i)
    article.refresh_from_db()
    assert article.moderation_level == "strict" and article.strict_reason.startswith("surge")
    assert RuleChange.objects.get(target="article").actor is None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mona@staff.example"]
    assert "@example.com" not in mail.outbox[0].body  # no commenter email in the notification


def test_rejections_count_towards_a_surge(settings, django_capture_on_commit_callbacks):
    settings.MODERATION_SURGE_THRESHOLD = 2
    article = make_article()
    moderator = make_moderator()
    from moderation.services import comment_moderator_decide

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            comment = make_comment(article=article, status=Comment.Status.HELD)
            comment_moderator_decide(comment_id=comment.pk, action="reject", moderator=moderator)
    article.refresh_from_db()
    assert article.moderation_level == "strict"
    old = timezone.now() - timedelta(hours=2)
    assert reports.surge_events(article_id=article.pk, since=old) == 2
    assert reports.surge_events(article_id=article.pk, since=timezone.now() + timedelta(minutes=1)) == 0


def test_queue_alert_emails_once_when_the_queue_is_old(settings):
    settings.MODERATION_QUEUE_ALERT_MINUTES = 30
    make_moderator("mona")
    make_comment(status=Comment.Status.HELD, created_at=timezone.now() - timedelta(minutes=10))
    assert notifications.queue_alert() is False
    make_comment(status=Comment.Status.HELD, created_at=timezone.now() - timedelta(minutes=45))
    assert notifications.queue_alert() is True
    assert notifications.queue_alert() is False  # not again within the period
    assert len(mail.outbox) == 1


def test_author_is_told_only_when_the_setting_is_on(settings, django_capture_on_commit_callbacks):
    moderator = make_moderator()
    from moderation.services import comment_moderator_decide

    comment = make_comment(status=Comment.Status.HELD, author_email="author@example.com", categories=["profanity"])
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderator_decide(comment_id=comment.pk, action="reject", moderator=moderator)
    assert mail.outbox == []
    settings.MODERATION_NOTIFY_AUTHOR = True
    other = make_comment(status=Comment.Status.HELD, author_email="author@example.com", categories=["profanity"])
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderator_decide(comment_id=other.pk, action="reject", moderator=moderator)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["author@example.com"]


# --- the reader's side: the report form on the article page, and privacy ----------------------------
def test_reader_reports_from_the_article_page_once(client, settings, django_capture_on_commit_callbacks):
    settings.MODERATION_REPORT_THRESHOLD = 1
    comment = make_comment(status=Comment.Status.APPROVED, author_email="hidden.author@example.com")
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert f'href="/comments/{comment.pk}/report/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/comments/{comment.pk}/report/", {"reason": "abuse_person"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD and comment.report_count == 1
    assert "reader" in response.cookies
    assert client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}).status_code == 404  # no longer public


def test_second_report_from_the_same_reader_is_refused(client):
    comment = make_comment(status=Comment.Status.APPROVED)
    client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"})
    response = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}, follow=True)
    assert CommentReport.objects.count() == 1
    assert response.status_code == 200


def test_email_absent_from_every_non_admin_response(client, settings, django_capture_on_commit_callbacks):
    settings.MODERATION_REPORT_THRESHOLD = 1
    secret = "very.private.person@example.com"
    article = make_article()
    approved = make_comment(article=article, author_email=secret, status=Comment.Status.APPROVED, ip_address="203.0.113.77")
    held = make_comment(article=article, author_email=secret, status=Comment.Status.HELD, ip_address="203.0.113.77")
    urls = ["/", article.get_absolute_url(), "/api/v1/articles/", f"/api/v1/articles/{article.slug}/",
            f"/api/v1/articles/{article.slug}/comments/", f"/api/v1/comments/{held.pk}/status/",
            f"/comments/{approved.pk}/report/", "/api/schema/"]
    bodies = [client.get(url).content.decode(errors="replace") for url in urls]
    with django_capture_on_commit_callbacks(execute=True):
        report_response = client.post(f"/comments/{approved.pk}/report/", {"reason": "spam"}, follow=True)
    bodies.append(report_response.content.decode())
    bodies.append(client.post(f"/api/v1/comments/{approved.pk}/report/", {"reason": "spam"},
                              content_type="application/json").content.decode())
    for body in bodies:
        assert secret not in body and "203.0.113.77" not in body
        assert approved.author_key not in body


def test_report_page_shows_the_form_and_a_post_files_one_report(client):
    from tests.conftest import make_comment

    comment = make_comment(body="تعليق منشور للإبلاغ")
    page = client.get(f"/comments/{comment.pk}/report/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="report-form"' in html and "تعليق منشور للإبلاغ" in html
    article_html = client.get(comment.article.get_absolute_url()).content.decode()
    assert f'href="/comments/{comment.pk}/report/"' in article_html
    assert 'class="report-form"' not in article_html  # one link per comment, not one form
    client.post(f"/comments/{comment.pk}/report/", {"reason": "abuse_person"})
    client.post(f"/comments/{comment.pk}/report/", {"reason": "abuse_person"})
    assert comment.reports.count() == 1


def test_remoderation_never_releases_a_comment_readers_sent_back(settings, django_capture_on_commit_callbacks):
    from moderation.services import comment_auto_moderate

    settings.MODERATION_REPORT_THRESHOLD = 1
    comment = make_comment(status=Comment.Status.APPROVED, body="شكراً على المقال الجميل")
    with django_capture_on_commit_callbacks(execute=True):
        report(comment, n=901)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD
    rows = ModerationDecision.objects.filter(comment=comment).count()
    assert comment_auto_moderate(comment_id=comment.pk, remoderate=True) is None
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD
    assert ModerationDecision.objects.filter(comment=comment).count() == rows

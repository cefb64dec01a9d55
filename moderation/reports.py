"""Readers' reports (flags) and surge detection: enough reports put a comment back in the queue,
and a burst of reports or rejections on one article switches it to strict moderation."""
from __future__ import annotations

import hmac
import hashlib
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import Article, Comment, CommentReport
from moderation.models import ModerationDecision, Term

OTHER = "other"
REPORT_REASONS = tuple(Term.Category.values) + (OTHER,)


def report_reason_choices():
    return list(Term.Category.choices) + [(OTHER, _("Something else"))]


class ReportRefused(Exception):
    """A report that can't be accepted; `code` is stable (bad_reason, not_published, duplicate)."""

    def __init__(self, message, *, code: str):
        super().__init__(str(message))
        self.message, self.code = message, code


def reporter_key_for(*, reader_id: str, ip: str | None) -> str:
    """Keyed hash of a reader's random cookie and IP: refuses a second report without storing either."""
    key = settings.COMMENTS_EMAIL_HASH_KEY.encode()
    return hmac.new(key, f"report|{reader_id}|{ip or ''}".encode(), hashlib.sha256).hexdigest()


def comment_report(*, comment: Comment | int, reason: str, note: str = "", reporter_key: str) -> CommentReport:
    """Record a reader's report of a published comment; at MODERATION_REPORT_THRESHOLD it goes back to held."""
    if reason not in REPORT_REASONS:
        raise ReportRefused(_("Choose a reason for the report."), code="bad_reason")
    comment_id = comment if isinstance(comment, int) else comment.pk
    with transaction.atomic():
        locked = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if locked is None or locked.status != Comment.Status.APPROVED:
            raise ReportRefused(_("Only published comments can be reported."), code="not_published")
        if CommentReport.objects.filter(comment=locked, reporter_key=reporter_key).exists():
            raise ReportRefused(_("You have already reported this comment."), code="duplicate")
        try:
            with transaction.atomic():
                report = CommentReport.objects.create(
                    comment=locked, reason=reason, note=(note or "")[:500], reporter_key=reporter_key)
        except IntegrityError:
            raise ReportRefused(_("You have already reported this comment."), code="duplicate")
        locked.report_count += 1
        locked.save(update_fields=["report_count"])
        if locked.report_count >= settings.MODERATION_REPORT_THRESHOLD > 0:
            from moderation.services import _apply

            _apply(locked, decision="hold", source=ModerationDecision.Source.SYSTEM,
                   note=f"{locked.report_count} reader reports")
        transaction.on_commit(partial(article_check_surge, article_id=locked.article_id))
    return report


def surge_events(*, article_id: int, since) -> int:
    """Reports plus rejections/spam decisions on an article's comments since `since`."""
    reports = CommentReport.objects.filter(comment__article_id=article_id, created_at__gte=since).count()
    rejections = ModerationDecision.objects.filter(
        comment__article_id=article_id, created_at__gte=since,
        to_status__in=[Comment.Status.REJECTED, Comment.Status.SPAM],
    ).count()
    return reports + rejections


def article_check_surge(*, article_id: int, now=None) -> bool:
    """Switch a normal article to strict when its surge events pass the threshold; tells moderators."""
    threshold, minutes = settings.MODERATION_SURGE_THRESHOLD, settings.MODERATION_SURGE_WINDOW_MINUTES
    if threshold <= 0:
        return False
    now = now or timezone.now()
    events = surge_events(article_id=article_id, since=now - timedelta(minutes=minutes))
    if events < threshold:
        return False
    from moderation.workspace import article_set_level

    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None or article.moderation_level == Article.ModerationLevel.STRICT:
            return False
        reason = f"surge: {events} reports/rejections in {minutes} min"
        article = article_set_level(article_id=article_id, level=Article.ModerationLevel.STRICT, actor=None,
                                    reason=reason)
    from moderation.notifications import surge_alert

    surge_alert(article=article, events=events, window_minutes=minutes)
    return True


def decision_applied(row: ModerationDecision) -> None:
    """Called by services._apply for every decision: after the commit, watch for a surge and tell the author."""
    if row.to_status in (Comment.Status.REJECTED, Comment.Status.SPAM):
        transaction.on_commit(partial(article_check_surge, article_id=row.comment.article_id))
    if settings.MODERATION_NOTIFY_AUTHOR and row.to_status in (Comment.Status.APPROVED, Comment.Status.REJECTED):
        from moderation.notifications import author_decision_notify

        transaction.on_commit(partial(author_decision_notify, comment_id=row.comment_id))

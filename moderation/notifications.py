"""Emails to moderators (stale queue, article surge) and, optionally, to authors about their comment."""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from moderation.permissions import MODERATORS_GROUP

logger = logging.getLogger(__name__)


def moderator_recipients() -> list[str]:
    """Active members of the Moderators group with an email, plus MODERATION_NOTIFY_EMAILS."""
    users = get_user_model().objects.filter(is_active=True, groups__name=MODERATORS_GROUP).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)) | set(settings.MODERATION_NOTIFY_EMAILS))


def notify_moderators(*, subject: str, body: str) -> int:
    """Email the moderators; returns how many were addressed (0 when nobody is configured)."""
    recipients = moderator_recipients()
    if not recipients:
        logger.info("moderator notification not sent (no recipients): %s", subject)
        return 0
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception as exc:  # mail trouble must never break moderation
        logger.warning("moderator notification failed (%s): %s", type(exc).__name__, subject)
        return 0
    return len(recipients)


def queue_alert(*, now=None) -> bool:
    """Email moderators when the oldest comment waiting is older than MODERATION_QUEUE_ALERT_MINUTES.

    At most one email per alert period (a cache key), so a stuck queue does not flood inboxes.
    """
    from moderation.selectors import queue_oldest

    minutes = settings.MODERATION_QUEUE_ALERT_MINUTES
    if minutes <= 0:
        return False
    now = now or timezone.now()
    oldest = queue_oldest()
    if oldest is None or oldest > now - timedelta(minutes=minutes):
        return False
    if not cache.add("moderation:queue-alert", 1, timeout=minutes * 60):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        age = int((now - oldest).total_seconds() // 60)
        subject = _("Moderation queue: a comment has waited %(minutes)s minutes") % {"minutes": age}
        body = _("The oldest comment in the moderation queue has waited %(minutes)s minutes. Open /admin/ to work the queue.") % {"minutes": age}
    notify_moderators(subject=subject, body=body)
    return True


def surge_alert(*, article, events: int, window_minutes: int) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Surge on an article: now in strict moderation")
        body = _(
            "The article \"%(title)s\" received %(events)s reports or rejections within %(minutes)s minutes "
            "and was switched to strict moderation. Review its comments and set it back to normal when calm."
        ) % {"title": article.title, "events": events, "minutes": window_minutes}
    return notify_moderators(subject=subject, body=body)


def author_decision_notify(*, comment_id: int) -> bool:
    """Tell the author their comment was approved or rejected, with the rule (MODERATION_NOTIFY_AUTHOR)."""
    from comments.models import Comment
    from moderation.models import Term

    if not settings.MODERATION_NOTIFY_AUTHOR:
        return False
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.status not in (Comment.Status.APPROVED, Comment.Status.REJECTED):
        return False
    labels = dict(Term.Category.choices)
    with translation.override(settings.LANGUAGE_CODE):
        if comment.status == Comment.Status.APPROVED:
            subject = _("Your comment was published")
            body = _("Your comment on \"%(title)s\" is now published.") % {"title": comment.article.title}
        else:
            rules = ", ".join(str(labels.get(c, c)) for c in comment.categories) or _("the site's comment rules")
            subject = _("Your comment was not published")
            body = _("Your comment on \"%(title)s\" was not published because it breaks this rule: %(rules)s.") % {
                "title": comment.article.title, "rules": rules}
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.author_email])
    except Exception as exc:
        logger.warning("author notification for comment %s failed (%s)", comment_id, type(exc).__name__)
        return False
    return True

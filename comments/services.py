"""Writes on articles and comments. Every reader post goes through comment_create."""
import hashlib
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from comments import guards
from comments.guards import CommentDropped, CommentRefused  # noqa: F401  (raised by comment_create)
from comments.identity import email_key
from comments.models import Article, Comment
from webhooks import events as webhook_events


def comment_check_postable(*, article: Article, parent: Comment | None) -> None:
    """Raise CommentRefused when the article is closed or the reply target is not allowed."""
    if not article.is_published or not article.comments_are_open():
        raise CommentRefused(_("Comments on this article are closed."), code="closed")
    if parent is None:
        return
    if parent.article_id != article.pk:
        raise CommentRefused(_("You can only reply to a comment on the same article."), field="parent", code="parent")
    if parent.status != Comment.Status.APPROVED:
        raise CommentRefused(_("You can only reply to a published comment."), field="parent", code="parent")
    if parent.depth + 1 > settings.COMMENTS_MAX_DEPTH:
        raise CommentRefused(_("This conversation is nested too deeply; reply higher up."), field="parent", code="depth")


def _serialise_posts_by(*, article: Article, author_key: str) -> None:
    """Make one author's posts on one article wait for each other until the transaction ends, so the
    duplicate check and the insert behave as one step (two identical posts sent at the same instant,
    a double click or a retried request, cannot both pass).  PostgreSQL: a transaction-level advisory
    lock on (article, author); other databases: the article row (SQLite writes one at a time anyway)."""
    if connection.vendor == "postgresql":
        digest = hashlib.blake2b(f"comment-post:{article.pk}:{author_key}".encode(), digest_size=8).digest()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])
    else:
        list(Article.objects.select_for_update().filter(pk=article.pk).values_list("pk", flat=True))


@transaction.atomic
def comment_create(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    website: str = "",
    parent: Comment | None = None,
    ip: str | None = None,
    user_agent: str = "",
    honeypot: str = "",
) -> Comment:
    """Save a reader's comment as pending and enqueue its moderation once the transaction commits.

    Runs the cheap checks first (comments/guards.py): raises CommentRefused (with the field) or, for a bot
    that filled the honeypot, CommentDropped (the caller answers as if accepted; nothing is stored).
    """
    from moderation.dispatch import comment_enqueue_moderation

    name = guards.clean_name(name)
    guards.check_email(email)
    guards.check_body(body)
    guards.check_website(website)
    comment_check_postable(article=article, parent=parent)
    guards.check_honeypot(honeypot)
    author_key = email_key(email)
    guards.check_rate(ip=ip, author_key=author_key)
    _serialise_posts_by(article=article, author_key=author_key)
    guards.check_duplicate(article=article, author_key=author_key, body=body)
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        depth=(parent.depth + 1) if parent else 0,
        author_name=name,
        author_email=email,
        author_key=author_key,
        author_website=website,
        body=body,
        ip_address=ip or None,
        user_agent=(user_agent or "")[:300],
        status=Comment.Status.PENDING,
    )
    transaction.on_commit(partial(comment_enqueue_moderation, comment.pk))
    webhook_events.emit(webhook_events.Event.COMMENT_CREATED, lambda: {"comment": webhook_events.comment_payload(comment)})
    return comment

"""Privacy requests and retention: an author's data out (export), an author's data gone (erase), and old
network data cleared. Management commands and the staff API call these (README "Security and privacy").

Erasure keeps the conversation and the moderation history consistent: each comment of the author stays in
place (so replies by others keep their parent and the audit trail keeps its rows), but everything that is
the author's is removed from it: name, email, website, IP address, user agent, the text itself, and the
words of it quoted in the decisions (spans and reasons). Each erased comment gets its own random author key,
so erased comments can no longer be linked to each other or to the address.
"""
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comments.identity import email_key
from comments.models import Comment


def author_comments(*, email: str):
    """All comments by the author of this address (found by the keyed hash, never by the address itself)."""
    return Comment.objects.filter(author_key=email_key(email)).select_related("article").order_by("created_at", "id")


def author_export(*, email: str) -> dict:
    """Everything stored about the author of `email`, as JSON-ready data (for the author, on request)."""
    from moderation.models import ModerationDecision

    comments = list(author_comments(email=email))
    decisions = {}
    for row in ModerationDecision.objects.filter(comment__in=comments).order_by("created_at", "id"):
        decisions.setdefault(row.comment_id, []).append({
            "at": row.created_at.isoformat(), "decision": row.decision, "by": row.source,
            "status": row.to_status, "categories": row.categories, "reasons": [str(r) for r in row.reasons],
        })
    return {
        "email": email.strip(),
        "exported_at": timezone.now().isoformat(),
        "comment_count": len(comments),
        "comments": [
            {
                "id": c.pk,
                "article": {"slug": c.article.slug, "title": c.article.title},
                "in_reply_to": c.parent_id,
                "created_at": c.created_at.isoformat(),
                "name": c.author_name,
                "email": c.author_email,
                "website": c.author_website,
                "body": c.body,
                "status": c.status,
                "ip_address": c.ip_address,
                "user_agent": c.user_agent,
                "report_count": c.report_count,
                "decisions": decisions.get(c.pk, []),
            }
            for c in comments
        ],
    }


@transaction.atomic
def author_erase(*, email: str) -> int:
    """Anonymise every comment of the author of `email` (see the module docstring); returns how many."""
    from moderation.models import ModerationDecision

    rows = list(author_comments(email=email).select_for_update().values_list("pk", "article_id"))
    ids = [pk for pk, _article in rows]
    if not ids:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        name, body = _("Former reader"), _("This comment was removed at its author's request.")
    for comment_id in ids:
        Comment.objects.filter(pk=comment_id).update(
            author_name=name, author_email="", author_key=f"erased:{secrets.token_hex(16)}", author_website="",
            ip_address=None, user_agent="", body=body, spans=[], reasons=[],
        )
    ModerationDecision.objects.filter(comment_id__in=ids).update(spans=[], reasons=[])
    from comments.thread_cache import thread_invalidate

    articles = [article for _pk, article in rows]
    thread_invalidate(article_ids=articles)  # now, and again once committed (a render in between re-cached it)
    transaction.on_commit(lambda: thread_invalidate(article_ids=articles))
    return len(ids)


def comment_clear_expired_network_data(*, days: int | None = None, now=None) -> int:
    """Clear IP addresses and user agents older than COMMENTS_IP_RETENTION_DAYS; returns how many comments."""
    days = settings.COMMENTS_IP_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    expired = Comment.objects.filter(created_at__lt=cutoff).exclude(ip_address__isnull=True, user_agent="")
    return expired.update(ip_address=None, user_agent="")

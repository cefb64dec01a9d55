"""The article page's published thread, rendered once per version and then served from the cache.

Rendering hundreds of comments through templates costs far more than the two queries behind them, and the
published thread is the same for every reader. So it is rendered once per (article, language, version) and
kept in the cache; the version comes from one aggregate query (count, newest id, newest decision time of the
approved comments), so an approval, a rejection or a new comment shows at once. Changes that move none of
these (an erasure rewrites text in place) call thread_invalidate. The per-request CSRF token of the report
forms is put in after the cache. A reader with their own comment still awaiting moderation gets the page
rendered for them alone, as before.
"""
import logging
import time

from django.core.cache import cache
from django.db.models import Count, Max
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from comments import selectors
from comments.models import Comment

logger = logging.getLogger(__name__)
CSRF_PLACEHOLDER = "csrf0token0placeholder0for0the0thread0cache"
TIMEOUT = 300


def own_pending_visible(*, article, own_ids) -> bool:
    """True when this reader has a comment on the article still awaiting moderation (only they may see it)."""
    if not own_ids:
        return False
    return Comment.objects.filter(
        pk__in=own_ids, article=article, status__in=[Comment.Status.PENDING, Comment.Status.HELD]
    ).exists()


def thread_invalidate(*, article_ids) -> None:
    for article_id in set(article_ids):
        try:
            cache.set(f"thread-gen:{article_id}", time.time_ns(), None)
        except Exception as exc:  # a cache outage: entries expire within TIMEOUT anyway
            logger.warning("thread cache not invalidated (%s)", type(exc).__name__)


def _render(*, comments, comments_open: bool, max_depth: int) -> str:
    return render_to_string("comments/_thread.html", {
        "comments": selectors.comment_tree(comments), "comments_open": comments_open, "max_depth": max_depth,
        "csrf_token": CSRF_PLACEHOLDER,
    })


def thread_render(request, *, article, comments_open: bool, max_depth: int) -> tuple[str, int]:
    """(HTML of the published thread for this request, number of published comments)."""
    stats = Comment.objects.filter(article=article, status=Comment.Status.APPROVED).aggregate(
        n=Count("id"), last_id=Max("id"), last_decided=Max("decided_at"))
    last_decided = stats["last_decided"].timestamp() if stats["last_decided"] else 0
    try:
        generation = cache.get(f"thread-gen:{article.pk}", 0)
        key = (f"thread:{article.pk}:{get_language()}:{int(comments_open)}:{max_depth}:{stats['n']}:"
               f"{stats['last_id']}:{last_decided}:{generation}")
        html = cache.get(key)
    except Exception as exc:
        logger.warning("thread cache unavailable (%s)", type(exc).__name__)
        key, html = None, None
    if html is None:
        html = _render(comments=selectors.comment_list_public(article=article), comments_open=comments_open,
                       max_depth=max_depth)
        if key is not None:
            try:
                cache.set(key, html, TIMEOUT)
            except Exception as exc:
                logger.warning("thread cache not stored (%s)", type(exc).__name__)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request))), stats["n"]

"""The article page's published thread (and, for a plain visit, the whole page) rendered once per version
and then served from the cache.

Rendering hundreds of comments through templates costs far more than the two queries behind them, and the
published thread is the same for every reader. So it is rendered once per (article, language, version) and
kept in the cache; the version comes from one aggregate query (count, newest id, newest decision time of the
approved comments), so an approval, a rejection or a new comment shows at once. Changes that move none of
these (an erasure rewrites text in place) call thread_invalidate. A plain visit (GET, no query string, no
flash message, no remembered details) gets the whole page from the cache the same way. Pages are rendered
with a placeholder for the CSRF token, which is replaced by this request's own token on the way out, so no
two readers share a token. A reader with their own comment still awaiting moderation gets the page rendered
for them alone, as before.
"""
import functools
import logging
import time

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from comments import selectors
from comments.models import Comment

logger = logging.getLogger(__name__)
CSRF_PLACEHOLDER = "csrf0token0placeholder0for0the0thread0cache"
_UNAVAILABLE = object()
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


def _cache_get(key):
    try:
        return cache.get(key)
    except Exception as exc:  # a cache outage: render every time
        logger.warning("page cache unavailable (%s)", type(exc).__name__)
        return _UNAVAILABLE


def _cache_set(key, value) -> None:
    try:
        cache.set(key, value, TIMEOUT)
    except Exception as exc:
        logger.warning("page cache not stored (%s)", type(exc).__name__)


def thread_render(*, article, comments_open: bool, max_depth: int) -> tuple:
    """(the published thread's HTML with the CSRF placeholder, as a memoised callable that templates call only
    when they need it; number of published comments; version key, None when the cache is unavailable)."""
    stats = Comment.objects.filter(article=article, status=Comment.Status.APPROVED).aggregate(
        n=Count("id"), last_id=Max("id"), last_decided=Max("decided_at"))
    last_decided = stats["last_decided"].timestamp() if stats["last_decided"] else 0
    generation = _cache_get(f"thread-gen:{article.pk}")
    key = None if generation is _UNAVAILABLE else (
        f"thread:{article.pk}:{get_language()}:{int(comments_open)}:{max_depth}:{stats['n']}:"
        f"{stats['last_id']}:{last_decided}:{generation or 0}")

    @functools.cache
    def html():
        cached = _cache_get(key) if key else None
        if cached is None or cached is _UNAVAILABLE:
            cached = _render(comments=selectors.comment_list_public(article=article), comments_open=comments_open,
                             max_depth=max_depth)
            if key:
                _cache_set(key, cached)
        return mark_safe(cached)

    return html, stats["n"], key


def shareable(request, *, remembered: bool) -> bool:
    """A plain visit, whose page is the same for every reader of this language (apart from the CSRF token)."""
    return (request.method == "GET" and not request.GET and not remembered
            and "messages" not in request.COOKIES)


def render_page(request, template: str, context: dict, *, status: int = 200, shared_key: str | None = None):
    """Render with the CSRF placeholder (from the cache when shared_key is given), then put in this request's token.

    The shared page is cached as UTF-8 bytes, so a hit costs one cache read and one bytes.replace."""
    key = f"page:{request.path}:{shared_key}" if shared_key else None
    body = _cache_get(key) if key else None
    if not isinstance(body, bytes):
        body = render_to_string(template, {**context, "csrf_token": CSRF_PLACEHOLDER}, request=request).encode()
        if key:
            _cache_set(key, body)
    return HttpResponse(body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode()), status=status)

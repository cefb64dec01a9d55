"""Reads: what readers may see."""
from django.db.models import Count, Q, QuerySet

from comments.models import Article, Comment


def article_list_public() -> QuerySet[Article]:
    """Published articles, newest first, each with its approved-comment count."""
    return (
        Article.objects.filter(is_published=True)
        .annotate(approved_count=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED)))
        .order_by("-published_at", "-id")
    )


def article_get_public(*, slug: str, with_count: bool = True) -> Article:
    """One published article; with_count=False skips the comment count (the page counts its own thread)."""
    if not with_count:
        return Article.objects.get(slug=slug, is_published=True)
    return article_list_public().get(slug=slug)


def comment_list_public(*, article: Article, own_ids: frozenset[int] = frozenset()) -> list[Comment]:
    """Approved comments of an article (plus the reader's own pending ones), in one query."""
    visible = Q(status=Comment.Status.APPROVED)
    if own_ids:
        visible |= Q(pk__in=own_ids, status__in=[Comment.Status.PENDING, Comment.Status.HELD])
    return list(
        Comment.objects.filter(visible, article=article)
        .only("id", "parent_id", "depth", "author_name", "author_website", "body", "status", "created_at", "article_id")
        .order_by("created_at", "id")
    )


def comment_tree(comments: list[Comment]) -> list[Comment]:
    """Nest a flat, time-ordered list: each comment gets `.children`; orphans (parent hidden) are dropped."""
    by_id = {c.pk: c for c in comments}
    roots = []
    for comment in comments:
        comment.children = []
    for comment in comments:
        if comment.parent_id is None:
            roots.append(comment)
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].children.append(comment)
    return roots

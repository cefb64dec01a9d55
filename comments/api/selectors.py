"""Reads for the public API (thin; the page's own reads stay in comments.selectors)."""
from django.conf import settings
from django.db.models import Q, QuerySet

from comments.models import Comment


def comment_list_public_api(*, article) -> QuerySet[Comment]:
    """Approved comments of an article whose ancestors are all approved too (no orphans, as on the page)."""
    approved = Comment.Status.APPROVED
    queryset = Comment.objects.filter(article=article, status=approved)
    prefix = "parent"
    for _level in range(settings.COMMENTS_MAX_DEPTH):
        queryset = queryset.filter(Q(**{f"{prefix}__isnull": True}) | Q(**{f"{prefix}__status": approved}))
        prefix += "__parent"
    return queryset.only("id", "parent_id", "depth", "author_name", "author_website", "body", "created_at")

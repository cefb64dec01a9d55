"""Pipeline housekeeping: finding comments the broker or a worker lost and sending them again."""
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from comments.models import Comment
from moderation.dispatch import comment_enqueue_moderation


def sweep_pending(*, older_than_seconds: int | None = None, limit: int = 500) -> int:
    """Re-enqueue comments pending for longer than MODERATION_SWEEP_AFTER_SECONDS."""
    if older_than_seconds is None:
        older_than_seconds = settings.MODERATION_SWEEP_AFTER_SECONDS
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        Comment.objects.filter(status=Comment.Status.PENDING, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for comment_id in ids if comment_enqueue_moderation(comment_id))

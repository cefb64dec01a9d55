"""Pipeline housekeeping: finding comments the broker or a worker lost and sending them again."""
import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from comments.models import Comment
from moderation.dispatch import comment_enqueue_moderation

logger = logging.getLogger(__name__)


def pending_overdue(*, older_than_seconds: int | None = None):
    """Pending comments posted, and last enqueued, more than `older_than_seconds` ago (oldest first)."""
    if older_than_seconds is None:
        older_than_seconds = settings.MODERATION_SWEEP_AFTER_SECONDS
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    # A comment sent recently is probably just waiting in a busy queue: sending it again would only
    # pile duplicates onto the backlog (harmless, the task is idempotent, but wasted work).
    return (
        Comment.objects.filter(status=Comment.Status.PENDING, created_at__lte=cutoff)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=cutoff))
        .order_by("created_at", "pk")
    )


def sweep_pending(*, older_than_seconds: int | None = None, limit: int = 500) -> int:
    """Re-enqueue comments pending for longer than MODERATION_SWEEP_AFTER_SECONDS; returns how many were sent."""
    ids = list(pending_overdue(older_than_seconds=older_than_seconds).values_list("pk", flat=True)[:limit])
    sent = 0
    for comment_id in ids:
        if not comment_enqueue_moderation(comment_id):
            break  # broker down: the next sweep tries again; no point timing out once per comment
        sent += 1
    if ids:
        logger.info("sweep: %d of %d overdue pending comment(s) re-enqueued", sent, len(ids))
    return sent

"""Hand comments to the Celery workers; a broker outage never loses a comment (the sweep re-enqueues)."""
import logging

from django.utils import timezone

logger = logging.getLogger(__name__)


def comment_enqueue_moderation(comment_id: int, *, queue: str = "moderation") -> bool:
    """Send moderate_comment(comment_id); on a broker error leave the comment pending and return False."""
    from comments.models import Comment
    from moderation.tasks import moderate_comment

    try:
        moderate_comment.apply_async((comment_id,), queue=queue, retry=False)
    except Exception as exc:  # kombu/redis raise many types; any of them means "not sent"
        logger.warning("moderation of comment %s not enqueued (%s); the sweep will retry", comment_id, type(exc).__name__)
        return False
    Comment.objects.filter(pk=comment_id).update(enqueued_at=timezone.now())
    return True

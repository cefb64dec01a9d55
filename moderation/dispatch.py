"""Hand comments to the Celery workers; a broker outage never loses a comment (the sweep re-enqueues).

Called from `transaction.on_commit` in the posting service, i.e. inside the reader's request: it must
never raise and never wait long. The broker settings (CELERY_BROKER_TRANSPORT_OPTIONS: one connection
attempt, 1 s connect timeout, no publish retry) bound the wait to about a second when Redis is down.
"""
import logging
from collections.abc import Iterable, Iterator

from django.utils import timezone

logger = logging.getLogger(__name__)

LIVE, BULK = "moderation", "bulk"


class BrokerUnavailable(Exception):
    """The broker refused or timed out while enqueueing; nothing after the first failure was sent."""


def _task_for(queue: str):
    from moderation.tasks import moderate_comment, remoderate_comment

    return remoderate_comment if queue == BULK else moderate_comment


def _mark_enqueued(ids: list[int]) -> None:
    from comments.models import Comment

    try:
        Comment.objects.filter(pk__in=ids).update(enqueued_at=timezone.now())
    except Exception as exc:  # bookkeeping only: the task was sent, the sweep just looks at it sooner
        logger.warning("could not record enqueue time of %d comment(s) (%s)", len(ids), type(exc).__name__)


def comment_enqueue_moderation(comment_id: int, *, queue: str = LIVE) -> bool:
    """Send the moderation task for one comment; on a broker error leave it pending and return False."""
    try:
        _task_for(queue).apply_async((comment_id,), queue=queue, retry=False)
    except Exception as exc:  # kombu/redis raise many types; any of them means "not sent"
        logger.warning("moderation of comment %s not enqueued (%s); the sweep will retry", comment_id, type(exc).__name__)
        return False
    _mark_enqueued([comment_id])
    return True


def comment_enqueue_many(comment_ids: Iterable[int], *, queue: str = BULK, chunk_size: int = 500) -> Iterator[int]:
    """Send tasks for many comments over one broker connection, yielding the count sent after each chunk.

    Raises BrokerUnavailable at the first failure (the rest would fail the same way).
    """
    from newsportal.celery import app

    task, chunk = _task_for(queue), []

    def flush():
        try:
            with app.producer_or_acquire() as producer:
                for comment_id in chunk:
                    task.apply_async((comment_id,), queue=queue, retry=False, producer=producer)
        except Exception as exc:
            raise BrokerUnavailable(type(exc).__name__) from exc
        _mark_enqueued(chunk)
        return len(chunk)

    for comment_id in comment_ids:
        chunk.append(comment_id)
        if len(chunk) >= chunk_size:
            yield flush()
            chunk = []
    if chunk:
        yield flush()

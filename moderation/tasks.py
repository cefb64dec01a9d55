"""Thin Celery tasks: take an id, call the moderation service (STYLE.md).

Delivery is at-least-once: acks_late keeps the message in Redis until the task finished, and
reject_on_worker_lost puts it back when the worker process dies mid-task. The service is idempotent
(row lock + "already decided" checks + a unique constraint), so a second delivery writes nothing.
"""
from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

# Transient database errors (server restarting, connection dropped, too many clients): retried with
# exponential backoff and jitter. Anything else fails the task; the comment stays pending and the
# beat sweep sends it again later, so even a failed task loses nothing.
RETRY_ON = (OperationalError, InterfaceError)

MODERATION_TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": RETRY_ON,
    "retry_backoff": True,
    "retry_backoff_max": settings.MODERATION_TASK_RETRY_BACKOFF_MAX,
    "retry_jitter": True,
    "max_retries": settings.MODERATION_TASK_MAX_RETRIES,
    "time_limit": settings.MODERATION_TASK_TIME_LIMIT,
    "soft_time_limit": settings.MODERATION_TASK_SOFT_TIME_LIMIT,
    "ignore_result": True,
}


@shared_task(**MODERATION_TASK_OPTIONS)
def moderate_comment(comment_id: int) -> None:
    """Live moderation of a new comment (queue `moderation`)."""
    from moderation import services

    services.comment_auto_moderate(comment_id=comment_id)


@shared_task(**MODERATION_TASK_OPTIONS)
def remoderate_comment(comment_id: int) -> None:
    """Re-moderation with the current engine (queue `bulk`); never touches a moderator's decision."""
    from moderation import services

    services.comment_auto_moderate(comment_id=comment_id, remoderate=True)


@shared_task(ignore_result=True)
def sweep_pending(older_than_seconds: int | None = None) -> int:
    """Re-enqueue comments left pending (broker was down, a worker died); returns how many."""
    from moderation import pipeline

    return pipeline.sweep_pending(older_than_seconds=older_than_seconds)


@shared_task(ignore_result=True)
def queue_alert() -> bool:
    """Email moderators when the queue's oldest comment has waited too long (beat, every 5 minutes)."""
    from moderation import notifications

    return notifications.queue_alert()

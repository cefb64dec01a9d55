"""Thin Celery tasks: take an id, call the service (STYLE.md)."""
from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,),
             retry_backoff=True, max_retries=5, time_limit=60, soft_time_limit=30)
def moderate_comment(comment_id: int) -> None:
    from moderation import services

    services.comment_auto_moderate(comment_id=comment_id)


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

"""Thin Celery tasks for webhooks (queue "webhooks", routed in settings)."""
import random

from celery import shared_task
from django.conf import settings
from django.db import OperationalError


def backoff_seconds(retries: int) -> float:
    """Exponential backoff with jitter: about 10 s, 20 s, 40 s ... capped at 10 minutes."""
    base = settings.WEBHOOKS_RETRY_BASE_SECONDS * (2 ** retries)
    return min(600.0, base) * random.uniform(0.8, 1.2)


@shared_task(bind=True, acks_late=True, max_retries=None, autoretry_for=(OperationalError,),
             time_limit=60, soft_time_limit=30)
def deliver_webhook(self, delivery_id: int) -> None:
    from webhooks import services

    if services.webhook_deliver(delivery_id=delivery_id):
        return
    if self.request.retries >= settings.WEBHOOKS_MAX_RETRIES:
        services.webhook_give_up(delivery_id=delivery_id)
        return
    raise self.retry(countdown=backoff_seconds(self.request.retries))


@shared_task(ignore_result=True)
def sweep_webhook_deliveries() -> int:
    """Re-send deliveries the broker lost (pending for longer than the whole retry schedule)."""
    from webhooks import events, services

    older = settings.WEBHOOKS_RETRY_BASE_SECONDS * (2 ** (settings.WEBHOOKS_MAX_RETRIES + 1)) + 3600
    return events.enqueue_deliveries(services.stale_pending_ids(older_than_seconds=int(older)))

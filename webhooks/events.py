"""emit(event, payload): the one call services make; deliveries are recorded now and sent after the commit."""
import logging
from functools import partial

from django.db import transaction

from webhooks.models import Event, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)
EVENTS = frozenset(Event.values)
# Never sent to a receiver, whatever a caller passes: a commenter's email and IP stay in this database.
PRIVATE_KEYS = frozenset({"email", "author_email", "ip", "ip_address", "user_agent", "author_key"})


def _scrub(value):
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if k not in PRIVATE_KEYS}
    if isinstance(value, (list, tuple)):
        return [_scrub(v) for v in value]
    return value


def emit(event: str, payload) -> list[int]:
    """Queue `event` for every enabled endpoint that wants it; returns the delivery ids (none: nothing to send).

    Call it inside the service's transaction: the deliveries are rows written with the change (an outbox),
    and the tasks are sent only after the commit. `payload` may be a callable, built only when someone listens.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    endpoints = [e for e in WebhookEndpoint.objects.filter(enabled=True) if e.wants(event)]
    if not endpoints:
        return []
    data = _scrub(payload() if callable(payload) else payload)
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint=endpoint, event=event, payload=data) for endpoint in endpoints]
    )
    ids = [d.pk for d in deliveries]
    transaction.on_commit(partial(enqueue_deliveries, ids))
    return ids


def enqueue_deliveries(ids: list[int]) -> int:
    """Send the delivery tasks; on a broker error the rows stay pending and the sweep sends them later."""
    from webhooks.tasks import deliver_webhook

    sent = 0
    for delivery_id in ids:
        try:
            deliver_webhook.apply_async((delivery_id,), retry=False)
            sent += 1
        except Exception as exc:  # any kombu/redis error means "not sent"; the row is the outbox
            logger.warning("webhook delivery %s not enqueued (%s); the sweep will retry", delivery_id,
                           type(exc).__name__)
    return sent


def comment_payload(comment) -> dict:
    """What receivers learn about a comment: public fields and its moderation state, never email or IP."""
    return {
        "id": comment.pk,
        "article": comment.article.slug,
        "parent": comment.parent_id,
        "depth": comment.depth,
        "author_name": comment.author_name,
        "body": comment.body,
        "status": comment.status,
        "created_at": comment.created_at.isoformat(),
    }


def decision_payload(comment, row) -> dict:
    """A decision as receivers see it: the comment, who decided (engine, system or a moderator's username), why."""
    return {
        "comment": comment_payload(comment),
        "decision": {
            "decision": row.decision,
            "source": row.source,
            "moderator": row.actor.get_username() if row.actor_id else None,
            "from_status": row.from_status,
            "to_status": row.to_status,
            "categories": list(row.categories or []),
            "reasons": [str(r) for r in row.reasons or []],
            "note": row.note,
            "created_at": row.created_at.isoformat(),
        },
    }


def emit_decision(comment, row) -> list[int]:
    """comment.held when a decision puts the comment in the queue, comment.decided for approve/reject/spam."""
    event = Event.COMMENT_HELD if row.to_status == "held" else Event.COMMENT_DECIDED
    return emit(event, lambda: decision_payload(comment, row))

"""Sending one webhook delivery: sign the raw body with the endpoint's secret, POST it, log the outcome."""
import hashlib
import hmac
import json
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from webhooks.models import WebhookDelivery
from webhooks.safety import url_refusal

SIGNATURE_HEADER = "X-Webhook-Signature"


def sign(secret: str, body: bytes) -> str:
    """The signature header value: "sha256=" + hex HMAC-SHA256 of the raw body, keyed by the endpoint's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def delivery_body(delivery: WebhookDelivery) -> bytes:
    envelope = {
        "id": delivery.pk,
        "event": delivery.event,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirected POST would silently turn into a GET; treat a redirect as a failed delivery instead.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _post(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    refusal = url_refusal(url)
    if refusal:
        return None, f"refused: {refusal} (WEBHOOKS_ALLOW_PRIVATE_HOSTS)"[:500]
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with _opener.open(request, timeout=settings.WEBHOOKS_TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"{type(exc).__name__}: {reason}"[:500]


def webhook_deliver(*, delivery_id: int) -> bool:
    """Attempt one delivery; True when it is done (delivered now or before, given up, or gone)."""
    with transaction.atomic():
        delivery = (WebhookDelivery.objects.select_for_update().select_related("endpoint")
                    .filter(pk=delivery_id).first())
        if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
            return True
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        delivery.save(update_fields=["attempts", "last_attempt_at"])
    endpoint = delivery.endpoint
    body = delivery_body(delivery)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "newsportal-webhooks/1",
        "X-Webhook-Event": delivery.event,
        "X-Webhook-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: sign(endpoint.secret, body),
    }
    code, error = _post(endpoint.url, body, headers)
    ok = code is not None and 200 <= code < 300
    update = {"status_code": code, "error": "" if ok else error}
    if ok:
        update.update(status=WebhookDelivery.Status.DELIVERED, delivered_at=timezone.now())
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**update)
    return ok


def webhook_give_up(*, delivery_id: int) -> None:
    """Mark a delivery failed after the last retry; an administrator can send it again from the admin."""
    WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).update(
        status=WebhookDelivery.Status.FAILED
    )


def webhook_redeliver(*, delivery_ids: list[int]) -> int:
    """Put failed deliveries back to pending and send them again."""
    from webhooks.events import enqueue_deliveries

    ids = list(WebhookDelivery.objects.filter(pk__in=delivery_ids).exclude(status=WebhookDelivery.Status.DELIVERED)
               .values_list("pk", flat=True))
    WebhookDelivery.objects.filter(pk__in=ids).update(status=WebhookDelivery.Status.PENDING, attempts=0)
    transaction.on_commit(lambda: enqueue_deliveries(ids))
    return len(ids)


def stale_pending_ids(*, older_than_seconds: int, limit: int = 500) -> list[int]:
    """Deliveries still pending long after their retries should have run: the broker lost or never got them."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, created_at__lte=cutoff)
                .order_by("created_at").values_list("pk", flat=True)[:limit])

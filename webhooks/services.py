"""Sending one webhook delivery: sign the raw body with the endpoint's secret, POST it, log the outcome."""
import hashlib
import hmac
import http.client
import json
import socket
import ssl
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from webhooks.models import WebhookDelivery
from webhooks.safety import checked_destination

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


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address fixed in advance (the one the SSRF check approved); the URL's
    host name still goes in the Host header."""

    def __init__(self, host, port=None, *, address: str, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a fixed address; the certificate is still checked against the URL's host name (SNI too)."""

    def __init__(self, host, port=None, *, address: str, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _post(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    """POST once.  Redirects are not followed (a redirected POST would silently turn into a GET): a 3xx
    is a failed delivery like any other non-2xx answer."""
    refusal, addresses = checked_destination(url)
    if refusal:
        return None, f"refused: {refusal} (WEBHOOKS_ALLOW_PRIVATE_HOSTS)"[:500]
    parts = urlsplit(url)
    if not addresses:
        return None, f"OSError: cannot resolve {parts.hostname}"[:500]
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    error = ""
    for address in addresses:  # every address here passed the check; try them in order
        conn = cls(parts.hostname, parts.port, address=address, timeout=settings.WEBHOOKS_TIMEOUT_SECONDS)
        try:
            conn.request("POST", path, body=body, headers=headers)
            status = conn.getresponse().status
            return status, "" if 200 <= status < 300 else f"HTTP {status}"
        except (OSError, http.client.HTTPException, ValueError) as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
        finally:
            conn.close()
    return None, error


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

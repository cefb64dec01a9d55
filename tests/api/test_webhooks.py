"""Signed webhooks against a real HTTP server on 127.0.0.1: signature, payload privacy, retries, give-up, events."""
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from comments.models import Comment
from moderation.services import comment_moderator_decide
from tests.api.conftest import make_user
from tests.conftest import make_comment
from webhooks import events
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.tasks import deliver_webhook, sweep_webhook_deliveries

EMAIL, IP = "webhook.private@example.net", "203.0.113.66"


class Receiver:
    """A tiny HTTP server: records every POST; answers the status codes in `script`, then 200."""

    def __init__(self, script=()):
        self.requests, self.script = [], list(script)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                status = receiver.script.pop(0) if receiver.script else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _receivers_on_this_machine(settings):
    # The receiver below listens on 127.0.0.1, which the SSRF guard refuses by default.
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r


def endpoint_for(receiver, **kwargs):
    return WebhookEndpoint.objects.create(name="hook", url=receiver.url, secret="s3cret-key", **kwargs)


def verify(secret: str, request) -> dict:
    expected = "sha256=" + hmac.new(secret.encode(), request["body"], hashlib.sha256).hexdigest()
    assert hmac.compare_digest(request["headers"]["X-Webhook-Signature"], expected)
    return json.loads(request["body"])


@pytest.mark.django_db
def test_delivery_is_signed_over_the_raw_body_and_logged(receiver, django_capture_on_commit_callbacks):
    endpoint = endpoint_for(receiver)
    comment = make_comment(author_email=EMAIL, ip_address=IP, status=Comment.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        [delivery_id] = events.emit("comment.created", {"comment": events.comment_payload(comment)})
    assert len(callbacks) == 1  # sent only after the commit
    deliver_webhook.apply(args=(delivery_id,))
    [request] = receiver.requests
    body = verify(endpoint.secret, request)
    assert body["event"] == "comment.created" and body["id"] == delivery_id
    assert body["data"]["comment"]["id"] == comment.id and body["data"]["comment"]["article"] == comment.article.slug
    assert request["headers"]["X-Webhook-Event"] == "comment.created"
    assert request["headers"]["X-Webhook-Delivery"] == str(delivery_id)
    assert EMAIL not in request["body"].decode() and IP not in request["body"].decode()
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.status_code, delivery.attempts) == ("delivered", 200, 1)
    assert delivery.delivered_at is not None
    deliver_webhook.apply(args=(delivery_id,))  # a duplicate task: nothing is sent twice
    assert len(receiver.requests) == 1


@pytest.mark.django_db
def test_private_keys_are_scrubbed_whatever_the_caller_passes(receiver):
    endpoint_for(receiver)
    [delivery_id] = events.emit("comment.created", {"comment": {"id": 1, "author_email": EMAIL, "ip_address": IP,
                                                                "nested": [{"email": EMAIL, "ip": IP}]}})
    assert EMAIL not in json.dumps(WebhookDelivery.objects.get(pk=delivery_id).payload)


@pytest.mark.django_db
def test_failures_are_retried_with_backoff_until_delivered(settings):
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 0.01
    with Receiver(script=[500, 503]) as receiver:
        endpoint_for(receiver)
        [delivery_id] = events.emit("comment.created", {"comment": {"id": 7}})
        deliver_webhook.apply(args=(delivery_id,))
        assert len(receiver.requests) == 3
        bodies = {r["body"] for r in receiver.requests}
        assert len(bodies) == 1  # the same signed body every time, deduplicated by X-Webhook-Delivery
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts, delivery.status_code, delivery.error) == ("delivered", 3, 200, "")


@pytest.mark.django_db
def test_gives_up_after_the_last_retry_and_can_be_sent_again(settings, django_capture_on_commit_callbacks):
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 0.01
    settings.WEBHOOKS_MAX_RETRIES = 2
    with Receiver(script=[500] * 10) as receiver:
        endpoint_for(receiver)
        [delivery_id] = events.emit("comment.decided", {"comment": {"id": 7}})
        deliver_webhook.apply(args=(delivery_id,))
        assert len(receiver.requests) == 3
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts, delivery.status_code, delivery.error) == ("failed", 3, 500, "HTTP 500")
    from webhooks.services import webhook_redeliver

    with django_capture_on_commit_callbacks(execute=False):
        assert webhook_redeliver(delivery_ids=[delivery_id]) == 1
    assert WebhookDelivery.objects.get(pk=delivery_id).status == "pending"


@pytest.mark.django_db
def test_unreachable_endpoint_is_logged_not_raised(settings):
    settings.WEBHOOKS_MAX_RETRIES = 0
    with Receiver() as receiver:
        url = receiver.url
    WebhookEndpoint.objects.create(name="gone", url=url)  # the server is closed: connection refused
    [delivery_id] = events.emit("comment.held", {"comment": {"id": 1}})
    deliver_webhook.apply(args=(delivery_id,))
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.status == "failed" and delivery.status_code is None
    assert "ConnectionRefusedError" in delivery.error


@pytest.mark.django_db
def test_redirects_are_failures_not_followed():
    with Receiver(script=[302]) as receiver:
        endpoint_for(receiver)
        [delivery_id] = events.emit("comment.created", {"comment": {"id": 1}})
        from webhooks.services import webhook_deliver

        assert webhook_deliver(delivery_id=delivery_id) is False
    assert WebhookDelivery.objects.get(pk=delivery_id).status_code == 302


@pytest.mark.django_db
def test_endpoints_get_only_their_events_and_disabled_ones_none(receiver):
    only_decided = endpoint_for(receiver, events=["comment.decided"])
    WebhookEndpoint.objects.create(name="off", url=receiver.url, enabled=False)
    assert events.emit("comment.created", {"comment": {"id": 1}}) == []
    [delivery_id] = events.emit("comment.decided", {"comment": {"id": 1}})
    assert WebhookDelivery.objects.get(pk=delivery_id).endpoint == only_decided
    with pytest.raises(ValueError):
        events.emit("comment.deleted", {})


@pytest.mark.django_db
def test_services_fire_created_held_and_decided(api, article, receiver):
    endpoint_for(receiver)
    response = api.post(f"/api/v1/articles/{article.slug}/comments/",
                        {"name": "هالة", "email": EMAIL, "body": "تعليق للاختبار"}, format="json")
    comment_id = response.json()["id"]
    created = WebhookDelivery.objects.get(event="comment.created")
    assert created.payload["comment"]["id"] == comment_id and created.payload["comment"]["status"] == "pending"
    moderator = make_user("hooks-mod", staff=True, moderator=True)
    comment_moderator_decide(comment_id=comment_id, action="hold", moderator=moderator)
    comment_moderator_decide(comment_id=comment_id, action="approve", moderator=moderator, note="ok")
    held = WebhookDelivery.objects.get(event="comment.held")
    decided = WebhookDelivery.objects.get(event="comment.decided")
    assert held.payload["decision"]["to_status"] == "held"
    assert decided.payload["decision"] | {"created_at": None} == {
        "decision": "approve", "source": "moderator", "moderator": "hooks-mod", "from_status": "held",
        "to_status": "approved", "categories": [], "reasons": [], "note": "ok", "created_at": None,
    }
    for delivery in WebhookDelivery.objects.order_by("id"):
        assert EMAIL not in json.dumps(delivery.payload) and "127.0.0.1" not in json.dumps(delivery.payload)
        deliver_webhook.apply(args=(delivery.pk,))
    assert [json.loads(r["body"])["event"] for r in receiver.requests] == \
        ["comment.created", "comment.held", "comment.decided"]


@pytest.mark.django_db
def test_no_endpoint_no_rows(api, article):
    api.post(f"/api/v1/articles/{article.slug}/comments/", {"name": "هالة", "email": EMAIL, "body": "نص"},
             format="json")
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_sweep_resends_deliveries_the_broker_lost(receiver, settings, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    endpoint_for(receiver)
    [delivery_id] = events.emit("comment.created", {"comment": {"id": 1}})
    WebhookDelivery.objects.filter(pk=delivery_id).update(created_at=timezone.now() - timedelta(days=2))
    sent = []
    monkeypatch.setattr(deliver_webhook, "apply_async", lambda args, **kw: sent.append(args))
    assert sweep_webhook_deliveries.apply().get() == 1 and sent == [(delivery_id,)]


def test_webhook_tasks_are_routed_to_their_own_queue():
    from newsportal.celery import app

    assert app.amqp.router.route({}, "webhooks.tasks.deliver_webhook")["queue"].name == "webhooks"


@pytest.mark.django_db
def test_admin_configures_endpoints_and_shows_the_log(admin_client, receiver):
    response = admin_client.post("/admin/webhooks/webhookendpoint/add/", {
        "name": "CRM", "url": receiver.url, "secret": "k" * 40, "events": ["comment.decided"], "enabled": "on"})
    assert response.status_code == 302, response.content[:2000]
    endpoint = WebhookEndpoint.objects.get(name="CRM")
    assert endpoint.events == ["comment.decided"]
    events.emit("comment.decided", {"comment": {"id": 1}})
    assert admin_client.get("/admin/webhooks/webhookdelivery/").status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert admin_client.get(f"/admin/webhooks/webhookdelivery/{delivery.pk}/change/").status_code == 200


# --- where webhooks may go (webhooks/safety.py) ------------------------------------------------

@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/hook", "http://localhost/hook", "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.5/hook", "http://192.168.1.10/hook", "http://[::1]/hook", "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0/hook", "ftp://example.com/hook", "file:///etc/passwd",
])
def test_private_and_odd_addresses_are_refused(settings, url):
    from webhooks.safety import url_refusal

    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = False
    assert url_refusal(url)


def test_public_addresses_pass_and_the_setting_allows_private_ones(settings):
    from webhooks.safety import url_refusal

    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = False
    assert url_refusal("https://93.184.215.14/hook") == ""
    assert url_refusal("https://receiver.example/hook", resolve=False) == ""
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True
    assert url_refusal("http://10.0.0.5/hook") == ""
    assert url_refusal("ftp://10.0.0.5/hook")  # the scheme rule stays


@pytest.mark.django_db
def test_a_delivery_to_a_private_address_is_refused_and_logged(settings, receiver):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = False
    endpoint = endpoint_for(receiver)
    events.emit("comment.decided", {"comment": {"id": 1}})
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    from webhooks.services import webhook_deliver

    assert webhook_deliver(delivery_id=delivery.pk) is False
    delivery.refresh_from_db()
    assert delivery.error.startswith("refused:") and "127.0.0.1" in delivery.error
    assert receiver.requests == []  # nothing left the server


@pytest.mark.django_db
def test_admin_refuses_a_private_endpoint_url(admin_client, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = False
    response = admin_client.post("/admin/webhooks/webhookendpoint/add/", {
        "name": "metadata", "url": "http://169.254.169.254/latest/", "secret": "k" * 40, "enabled": "on"})
    assert response.status_code == 200 and b"WEBHOOKS_ALLOW_PRIVATE_HOSTS" in response.content
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.django_db
def test_delivery_connects_to_the_address_that_was_checked_not_a_second_lookup(settings, monkeypatch):
    """DNS rebinding: a name that answers a public address to the check and a private one afterwards
    must not get the delivery inside the network."""
    import socket

    from webhooks import services

    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = False
    settings.WEBHOOKS_MAX_RETRIES = 0
    answers = iter(["93.184.215.14", "127.0.0.1", "127.0.0.1"])
    lookups, connects = [], []

    def rebinding_getaddrinfo(host, port, *args, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    def recording_connect(address, timeout=None, *args, **kwargs):
        connects.append(address)
        raise ConnectionRefusedError("test: no network")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    monkeypatch.setattr(services.socket, "create_connection", recording_connect)
    WebhookEndpoint.objects.create(name="rebinding", url="http://rebind.example/hook")
    [delivery_id] = events.emit("comment.held", {"comment": {"id": 1}})
    deliver_webhook.apply(args=(delivery_id,))
    assert lookups == ["rebind.example"]  # resolved once, for the check
    assert connects == [("93.184.215.14", 80)]  # and the connection went to that checked address
    assert WebhookDelivery.objects.get(pk=delivery_id).status == "failed"

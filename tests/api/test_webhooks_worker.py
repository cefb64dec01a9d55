"""End to end on real services: a private Redis, a real `celery worker -Q webhooks`, a real HTTP receiver.

A moderator's decision is committed, the delivery row is sent after the commit, the receiver fails twice, the
worker retries with backoff, the third attempt is delivered and signed.
"""
import contextlib
import json
import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from comments.models import Comment
from moderation.services import comment_moderator_decide
from tests.api.conftest import make_user
from tests.api.test_webhooks import Receiver, endpoint_for, verify
from tests.conftest import make_comment
from tests.moderation.workers import ROOT, wait_for
from tests.moderation.workers import test_database_url as worker_database_url
from webhooks.models import WebhookDelivery

pytestmark = [pytest.mark.postgres_only, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _receivers_on_this_machine(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True


@pytest.fixture
def webhooks_worker(broker, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a server database shared with the test")
    log_path = tmp_path / "webhooks-worker.log"
    env = {**os.environ, "DATABASE_URL": worker_database_url(), "REDIS_URL": broker.url,
           "DJANGO_SECRET_KEY": settings.SECRET_KEY, "PYTHONPATH": str(ROOT), "WEBHOOKS_RETRY_BASE_SECONDS": "0.2",
           "WEBHOOKS_ALLOW_PRIVATE_HOSTS": "1"}  # the receiver listens on 127.0.0.1
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "newsportal", "worker", "-Q", "webhooks", "--concurrency", "1",
             "-P", "solo", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        wait_for(lambda: "ready." in log_path.read_text(errors="replace") or proc.poll() is not None,
                 timeout=60, what="webhooks worker ready")
        assert proc.poll() is None, log_path.read_text(errors="replace")
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        print(log_path.read_text(errors="replace")[-4000:])


def test_decision_webhook_is_retried_by_the_worker_until_delivered(webhooks_worker):
    with Receiver(script=[500, 502]) as receiver:
        endpoint = endpoint_for(receiver, events=["comment.decided"])
        comment = make_comment(status=Comment.Status.HELD, author_email="worker.hidden@example.org")
        moderator = make_user("worker-mod", staff=True, moderator=True)
        comment_moderator_decide(comment_id=comment.id, action="reject", moderator=moderator, note="rule 3")
        delivery = WebhookDelivery.objects.get()
        wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == "delivered", timeout=30,
                 what="delivery after retries")
        assert len(receiver.requests) == 3
        body = verify(endpoint.secret, receiver.requests[-1])
        assert body["event"] == "comment.decided"
        assert body["data"]["decision"]["to_status"] == "rejected" and body["data"]["decision"]["note"] == "rule 3"
        assert "worker.hidden" not in json.dumps(body)
    assert WebhookDelivery.objects.get(pk=delivery.pk).attempts == 3

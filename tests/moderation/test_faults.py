"""Fault tests of the moderation pipeline: real Redis, real `celery worker` processes, real PostgreSQL.

No eager mode and no mocks: each test starts a private redis-server and worker processes (see
workers.py) against the test database, breaks something for real, and checks that every comment
still ends with exactly one automatic decision (or none, when a moderator got there first).
"""
import itertools
import os
import signal
import time

import psycopg
import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.urls import Resolver404, resolve

from comments.models import Comment
from comments.services import comment_create
from moderation import pipeline, services
from moderation.models import ModerationDecision
from moderation.tasks import moderate_comment, remoderate_comment
from tests.conftest import make_article
from tests.moderation.workers import Worker, wait_for

pytestmark = [pytest.mark.postgres_only, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
_readers = itertools.count(1)


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("worker processes need a server database shared with the test")
    cache.clear()  # posting rate limits count in the cache: every test starts with none used


@pytest.fixture
def start_worker(broker, tmp_path):
    started = []

    def start(*, wait=True, **kwargs):
        worker = Worker(broker.url, tmp_path, **kwargs)
        started.append(worker)
        return worker.start(wait=wait)

    yield start
    for worker in started:
        worker.stop()
        print(f"--- worker {worker.name} log (shown when a test fails) ---\n{worker.log()[-6000:]}")


def post(article, body="رأي هادئ في الخبر، شكراً للكاتبة", **kwargs) -> Comment:
    """A reader's post through the real service (commits, then enqueues on commit)."""
    n = next(_readers)
    return comment_create(article=article, name=f"قارئ {n}", email=f"reader{n}@example.com", body=body, **kwargs)


def _has_url(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def engine_rows(comment) -> int:
    return ModerationDecision.objects.filter(comment=comment, source=ModerationDecision.Source.ENGINE).count()


def wait_decided(comment, timeout=30) -> Comment:
    def decided():
        fresh = Comment.objects.get(pk=comment.pk)
        return fresh if fresh.status != Comment.Status.PENDING else None

    return wait_for(decided, timeout=timeout, what=f"a decision on comment {comment.pk}")


def succeeded(worker, task="moderate_comment") -> int:
    """How many runs of `task` the worker logged as finished."""
    return sum(1 for line in worker.log().splitlines() if f"moderation.tasks.{task}[" in line and "succeeded" in line)


def test_redis_down_at_post_time_keeps_comment_pending_then_sweep_decides_it(broker, start_worker, client):
    """(1) Broker stopped while a reader posts: normal answer, fast; Redis back, the sweep gets it decided."""
    article = make_article()
    start_worker(name="live")
    # A first post while all is well: the web process now holds a pooled broker connection and has
    # loaded what the page needs, as in production.
    client.post(article.get_absolute_url(), {"name": "قارئ", "email": "r1@example.com", "body": "أول تعليق"})
    wait_decided(Comment.objects.get(body="أول تعليق"))

    broker.stop()
    began = time.monotonic()
    response = client.post(article.get_absolute_url(), {"name": "قارئة", "email": "r2@example.com",
                                                         "body": "تعليق كتب والخادم متوقف"})
    elapsed = time.monotonic() - began
    print(f"post with a stopped broker answered in {elapsed:.2f}s")
    assert response.status_code == 302  # the normal "thank you" redirect, no 500
    assert elapsed < 2.0, f"the reader waited {elapsed:.2f}s for a dead broker"
    comment = Comment.objects.get(body="تعليق كتب والخادم متوقف")
    assert comment.status == Comment.Status.PENDING and comment.enqueued_at is None

    # The API answers normally too (202, pending), if it is installed.
    api_path = f"/api/v1/articles/{article.slug}/comments/"
    began = time.monotonic()
    api = client.post(api_path, {"name": "قارئ", "email": "r3@example.com", "body": "عبر الواجهة والخادم متوقف"},
                      content_type="application/json")
    assert api.status_code == (202 if _has_url(api_path) else 404), api.content
    assert time.monotonic() - began < 2.0

    assert pipeline.sweep_pending(older_than_seconds=0) == 0  # broker still down: nothing sent, no error

    broker.restart()  # same port: the worker reconnects by itself
    assert pipeline.sweep_pending(older_than_seconds=0) >= 1
    assert wait_decided(comment, timeout=60).status != Comment.Status.PENDING
    assert engine_rows(comment) == 1
    for other in Comment.objects.filter(status=Comment.Status.PENDING):
        assert engine_rows(wait_decided(other, timeout=30)) == 1


def test_hung_redis_delays_a_post_by_at_most_the_socket_timeout(broker, client):
    """A broker that accepts connections but never answers (SIGSTOP) must not hang the reader either."""
    article = make_article()
    client.post(article.get_absolute_url(), {"name": "قارئ", "email": "h0@example.com", "body": "قبل التعليق"})
    broker.proc.send_signal(signal.SIGSTOP)
    try:
        began = time.monotonic()
        response = client.post(article.get_absolute_url(), {"name": "قارئ", "email": "h@example.com",
                                                             "body": "الخادم معلق"})
        elapsed = time.monotonic() - began
    finally:
        broker.proc.send_signal(signal.SIGCONT)
    print(f"post with a hung broker answered in {elapsed:.2f}s")
    assert response.status_code == 302
    assert elapsed < 3.5, f"the reader waited {elapsed:.2f}s for a hung broker"
    assert Comment.objects.get(body="الخادم معلق").status == Comment.Status.PENDING


def test_worker_killed_while_holding_a_task_is_redelivered_and_decided_once(broker, start_worker):
    """(2) SIGKILL the whole worker mid-task: the unacked message comes back after visibility_timeout."""
    article = make_article()
    doomed = start_worker(name="doomed", env={"MODERATION_TEST_DELAY": "60"})
    comment = post(article)
    wait_for(lambda: comment.pk in doomed.started_ids(), timeout=30, what="the worker to take the task")
    taken_at = time.monotonic()
    doomed.kill(signal.SIGKILL)

    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING
    unacked = redis.Redis(port=broker.port)
    assert unacked.hlen("unacked") == 1  # Redis still holds the message the dead worker never acknowledged

    visibility = 3
    time.sleep(max(0.0, visibility + 1 - (time.monotonic() - taken_at)))
    start_worker(name="rescuer", env={"CELERY_VISIBILITY_TIMEOUT": str(visibility),
                                      "MODERATION_TEST_STARTED_FILE": str(doomed.marker_path)})
    decided = wait_decided(comment, timeout=60)
    assert decided.status != Comment.Status.PENDING
    wait_for(lambda: unacked.hlen("unacked") == 0, timeout=10, what="the redelivered message to be acked")
    assert engine_rows(comment) == 1
    assert doomed.started_ids().count(comment.pk) == 2  # taken twice (killed, redelivered), decided once


def test_pool_child_killed_mid_task_is_requeued_at_once(broker, start_worker):
    """(2b) Only the pool process dies (OOM killer): reject_on_worker_lost requeues without waiting."""
    article = make_article()
    worker = start_worker(name="child", env={"MODERATION_TEST_DELAY": "60"})
    comment = post(article)
    wait_for(lambda: comment.pk in worker.started_ids(), timeout=30, what="the worker to take the task")
    children = worker.children()
    assert children
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    decided = wait_decided(comment, timeout=30)
    assert decided.status != Comment.Status.PENDING
    assert engine_rows(comment) == 1
    assert worker.started_ids().count(comment.pk) == 2


def test_comment_that_kills_the_worker_every_time_is_held_after_max_attempts(broker, start_worker, settings):
    """A poison pill: each run of this comment kills the pool process; it must not loop forever."""
    article = make_article()
    worker = start_worker(name="poison", env={"MODERATION_TEST_CRASH_MARK": "سم-قاتل-للعامل",
                                              "MODERATION_MAX_ATTEMPTS": "3"})
    comment = post(article, body="تعليق فيه سم-قاتل-للعامل للاختبار فقط")
    decided = wait_decided(comment, timeout=60)
    assert decided.status == Comment.Status.HELD
    row = ModerationDecision.objects.get(comment=comment)
    assert row.source == ModerationDecision.Source.SYSTEM and "did not finish in 3" in row.reasons[0]
    assert worker.started_ids().count(comment.pk) == 4  # three deaths, then the hold
    # the worker is still serving other comments
    other = wait_decided(post(article), timeout=30)
    assert other.status != Comment.Status.PENDING


def test_same_task_delivered_twice_writes_one_decision(broker, start_worker):
    """(3) Duplicates (a sweep racing the first delivery, a publisher retry) end in one decision."""
    article = make_article()
    worker = start_worker(name="dup", concurrency=2)
    comment = post(article)  # delivery 1 (on commit)
    moderate_comment.apply_async((comment.pk,))  # delivery 2
    moderate_comment.apply_async((comment.pk,))  # delivery 3
    remoderate_comment.apply_async((comment.pk,), queue="bulk")  # same engine version: also a no-op
    wait_for(lambda: succeeded(worker) >= 3 and succeeded(worker, "remoderate_comment") >= 1,
             timeout=60, what="all four deliveries to finish")
    assert worker.started_ids().count(comment.pk) == 4
    assert engine_rows(comment) == 1
    assert ModerationDecision.objects.filter(comment=comment).count() == 1
    assert Comment.objects.get(pk=comment.pk).status != Comment.Status.PENDING


def test_human_decision_before_the_task_runs_wins(broker, start_worker, django_user_model):
    """(4) A moderator decides while the task waits: the task then changes nothing."""
    moderator = django_user_model.objects.create_user("mod-fault", password="x", is_staff=True)
    article = make_article()
    worker = start_worker(name="late", env={"MODERATION_TEST_DELAY": "2"})
    comment = post(article, body="نص عادي جداً")
    wait_for(lambda: comment.pk in worker.started_ids(), timeout=30, what="the worker to take the task")
    services.comment_moderator_decide(comment_id=comment.pk, action="reject", moderator=moderator, note="by hand")
    wait_for(lambda: succeeded(worker) >= 1, timeout=30, what="the task to finish")

    fresh = Comment.objects.get(pk=comment.pk)
    assert fresh.status == Comment.Status.REJECTED and fresh.human_decided
    assert engine_rows(comment) == 0
    assert list(ModerationDecision.objects.filter(comment=comment).values_list("source", flat=True)) == ["moderator"]


@pytest.fixture
def admin_pg():
    """A superuser connection to the server's maintenance database (not the test database)."""
    s = connection.settings_dict
    conn = psycopg.connect(host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"],
                           dbname="postgres", autocommit=True)
    yield conn
    conn.close()


def test_database_briefly_unavailable_is_retried_then_decided(broker, start_worker, admin_pg):
    """(5) PostgreSQL refuses the worker's connections for a while: the task retries with backoff."""
    article = make_article()
    worker = start_worker(name="db")
    connection.ensure_connection()  # this test keeps its own session; new sessions are refused below
    dbname = connection.settings_dict["NAME"]
    admin_pg.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS false')
    try:
        admin_pg.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
            [dbname, connection.connection.info.backend_pid],
        )
        comment = post(article)
        wait_for(lambda: worker.log_contains("Retry in"), timeout=30, what="the task to retry")
        assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING
    finally:
        admin_pg.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS true')
    assert wait_decided(comment, timeout=90).status != Comment.Status.PENDING
    assert engine_rows(comment) == 1
    assert "OperationalError" in worker.log()

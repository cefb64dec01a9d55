"""The moderation pipeline in one process: service idempotency, dispatch, sweep, tasks, remoderate.

Runs on PostgreSQL and SQLite. The broker is a real private redis-server (no mocked broker); the
worker-process and fault scenarios are in test_faults.py.
"""
import base64
import json
import time
from datetime import timedelta
from io import StringIO

import pytest
import redis
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.utils import timezone

from comments.models import Comment
from comments.services import comment_create
from moderation import pipeline, runtime, services
from moderation.dispatch import BrokerUnavailable, comment_enqueue_many, comment_enqueue_moderation
from moderation.engine.types import Verdict
from moderation.models import ModerationDecision
from moderation.tasks import moderate_comment, remoderate_comment, sweep_pending
from newsportal.celery import app
from tests.conftest import make_article, make_comment
from tests.moderation.workers import free_port, point_celery_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_broker():
    """A broker URL on a port where nothing listens: every publish fails at once."""
    previous = point_celery_at(f"redis://127.0.0.1:{free_port()}/0")
    yield
    point_celery_at(previous)


def queued(server, queue):
    """The task messages waiting in a Redis queue in delivery order, as (task name, comment id)."""
    # kombu pushes on the left and workers pop from the right.
    messages = [json.loads(raw) for raw in reversed(redis.Redis(port=server.port).lrange(queue, 0, -1))]
    return [(m["headers"]["task"], json.loads(base64.b64decode(m["body"]))[0][0]) for m in messages]


class FixedEngine:
    """Test stand-in (tests only): always the same verdict, with a chosen version."""

    def __init__(self, decision="reject", version="stand-in-1", during=None):
        self.decision, self.version, self.during = decision, version, during

    def evaluate(self, text, context=None):
        if self.during:
            self.during()
        return Verdict(self.decision, ("profanity",) if self.decision == "reject" else (), 0.9,
                       ("profanity: test",), version=self.version)


@pytest.fixture
def engine(monkeypatch):
    def use(**kwargs):
        stand_in = FixedEngine(**kwargs)
        monkeypatch.setattr(runtime, "get_engine", lambda: stand_in)
        return stand_in

    return use


def pending(**overrides):
    return make_comment(status=Comment.Status.PENDING, **overrides)


# --- the service: one decision, idempotent, humans win

def test_auto_moderate_writes_one_audited_decision_with_the_real_engine():
    comment = pending(body="شكراً على هذا التقرير الواضح")
    row = services.comment_auto_moderate(comment_id=comment.pk)
    comment.refresh_from_db()
    assert row.source == "engine" and row.from_status == "pending" and row.to_status == comment.status
    assert comment.status != Comment.Status.PENDING and comment.decided_at is not None
    assert row.engine_version and comment.engine_version == row.engine_version
    assert row.decision in {"approve", "hold", "reject", "spam"} and isinstance(row.reasons, list)


def test_auto_moderate_twice_is_a_no_op():
    comment = pending()
    assert services.comment_auto_moderate(comment_id=comment.pk) is not None
    assert services.comment_auto_moderate(comment_id=comment.pk) is None
    assert services.comment_auto_moderate(comment_id=comment.pk, remoderate=True) is None  # same version
    assert ModerationDecision.objects.filter(comment=comment).count() == 1


def test_auto_moderate_of_an_erased_comment_does_nothing():
    assert services.comment_auto_moderate(comment_id=987654321) is None


def test_a_finished_run_clears_its_attempt_count():
    comment = pending()
    services.comment_auto_moderate(comment_id=comment.pk)
    comment.refresh_from_db()
    assert comment.moderation_attempts == 0 and comment.status != Comment.Status.PENDING


def test_a_run_that_raises_clears_its_attempt_count(engine):
    comment = pending()

    def explode():
        raise RuntimeError("engine exploded")

    engine(decision="approve", during=explode)
    with pytest.raises(RuntimeError):
        services.comment_auto_moderate(comment_id=comment.pk)
    comment.refresh_from_db()
    assert comment.moderation_attempts == 0 and comment.status == Comment.Status.PENDING


def test_a_comment_whose_runs_never_finish_is_held_for_a_moderator(monkeypatch, settings):
    settings.MODERATION_MAX_ATTEMPTS = 3
    comment = pending(body="نص يوقف العامل في كل مرة")
    Comment.objects.filter(pk=comment.pk).update(moderation_attempts=3)  # three runs died with their worker
    monkeypatch.setattr(runtime, "get_engine", lambda: pytest.fail("the engine must not run again"))
    row = services.comment_auto_moderate(comment_id=comment.pk)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD and row.source == ModerationDecision.Source.SYSTEM
    assert "did not finish in 3 earlier attempts" in row.reasons[0]
    assert comment.moderation_attempts == 0


def test_a_decided_comment_whose_remoderation_never_finishes_is_left_alone(monkeypatch, settings):
    settings.MODERATION_MAX_ATTEMPTS = 3
    comment = make_comment(status=Comment.Status.APPROVED)
    Comment.objects.filter(pk=comment.pk).update(moderation_attempts=3)
    monkeypatch.setattr(runtime, "get_engine", lambda: pytest.fail("the engine must not run again"))
    assert services.comment_auto_moderate(comment_id=comment.pk, remoderate=True) is None
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_human_decision_is_never_overwritten(engine, django_user_model):
    moderator = django_user_model.objects.create_user("m1", is_staff=True)
    comment = pending()
    services.comment_moderator_decide(comment_id=comment.pk, action="approve", moderator=moderator)
    engine(decision="reject")
    assert services.comment_auto_moderate(comment_id=comment.pk) is None
    assert services.comment_auto_moderate(comment_id=comment.pk, remoderate=True) is None
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.human_decided
    assert not ModerationDecision.objects.filter(comment=comment, source="engine").exists()


def test_human_deciding_while_the_engine_runs_wins(engine, django_user_model):
    """The engine runs outside the lock; the re-check under the lock sees the moderator's decision."""
    moderator = django_user_model.objects.create_user("m2", is_staff=True)
    comment = pending()
    engine(decision="approve", during=lambda: services.comment_moderator_decide(
        comment_id=comment.pk, action="spam", moderator=moderator))
    assert services.comment_auto_moderate(comment_id=comment.pk) is None
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert list(ModerationDecision.objects.filter(comment=comment).values_list("source", flat=True)) == ["moderator"]


def test_remoderate_with_a_new_engine_version_adds_one_row_and_moves_the_status(engine):
    comment = pending()
    engine(decision="approve", version="v1")
    services.comment_auto_moderate(comment_id=comment.pk)
    engine(decision="reject", version="v2")
    assert services.comment_auto_moderate(comment_id=comment.pk) is None  # live task: already decided
    row = services.comment_auto_moderate(comment_id=comment.pk, remoderate=True)
    assert (row.from_status, row.to_status, row.engine_version) == ("approved", "rejected", "v2")
    assert services.comment_auto_moderate(comment_id=comment.pk, remoderate=True) is None
    assert list(ModerationDecision.objects.filter(comment=comment).order_by("pk").values_list(
        "engine_version", flat=True)) == ["v1", "v2"]


def test_a_version_already_in_the_audit_trail_is_never_written_twice(engine):
    """Even if the denormalised fields disagree, the audit trail (and its unique constraint) decide."""
    comment = pending()
    engine(decision="hold", version="v1")
    services.comment_auto_moderate(comment_id=comment.pk)
    Comment.objects.filter(pk=comment.pk).update(engine_version="", status=Comment.Status.PENDING)
    assert services.comment_auto_moderate(comment_id=comment.pk) is None
    assert ModerationDecision.objects.filter(comment=comment).count() == 1


# --- tasks

def test_task_options_make_delivery_at_least_once_and_retry_database_errors():
    for task in (moderate_comment, remoderate_comment):
        assert task.acks_late and task.reject_on_worker_lost
        assert OperationalError in task.autoretry_for and task.retry_backoff
        assert task.max_retries >= 5 and task.time_limit and task.soft_time_limit < task.time_limit
    # A redelivered or retried message must not come back while the task could still be running.
    longest_retry = settings.MODERATION_TASK_RETRY_BACKOFF_MAX + settings.MODERATION_TASK_TIME_LIMIT
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > longest_retry
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1 and settings.CELERY_TASK_IGNORE_RESULT


def test_routes_live_and_bulk_queues():
    router = app.amqp.router
    assert router.route({}, moderate_comment.name)["queue"].name == "moderation"
    assert router.route({}, remoderate_comment.name)["queue"].name == "bulk"
    assert settings.CELERY_BEAT_SCHEDULE["sweep-pending"]["task"] == sweep_pending.name


def test_task_body_runs_the_service():
    comment = pending()
    moderate_comment.apply(args=(comment.pk,)).get()
    comment.refresh_from_db()
    assert comment.status != Comment.Status.PENDING
    assert ModerationDecision.objects.filter(comment=comment, source="engine").count() == 1


# --- dispatch: enqueue on commit, survive a dead broker

def test_posting_enqueues_the_task_after_commit(broker, django_capture_on_commit_callbacks):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(article=article, name="قارئ", email="q1@example.com", body="رأي")
    assert queued(broker, "moderation") == [(moderate_comment.name, comment.pk)]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING and comment.enqueued_at is not None


def test_posting_with_the_broker_down_answers_fast_and_keeps_the_comment(dead_broker, django_capture_on_commit_callbacks):
    article = make_article()
    began = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(article=article, name="قارئ", email="q2@example.com", body="رأي")
    assert time.monotonic() - began < 1.5
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING and comment.enqueued_at is None


def test_enqueue_reports_failure_instead_of_raising(dead_broker, caplog):
    comment = pending(author_email="secret-reader@example.com")
    assert comment_enqueue_moderation(comment.pk) is False
    assert "secret-reader" not in caplog.text  # log lines name the comment id only


def test_enqueue_many_sends_chunks_on_the_bulk_queue(broker):
    comments = [pending() for _ in range(5)]
    sent = list(comment_enqueue_many([c.pk for c in comments], chunk_size=2))
    assert sent == [2, 2, 1]
    assert [args for _, args in queued(broker, "bulk")] == [c.pk for c in comments]
    assert {name for name, _ in queued(broker, "bulk")} == {remoderate_comment.name}


def test_enqueue_many_stops_at_the_first_broker_failure(dead_broker):
    with pytest.raises(BrokerUnavailable):
        list(comment_enqueue_many([pending().pk]))


# --- the sweep: nothing left pending for ever

def test_sweep_picks_overdue_pending_comments_only(broker):
    old = timezone.now() - timedelta(minutes=10)
    never_sent = pending(created_at=old)
    sent_long_ago = pending(created_at=old)
    Comment.objects.filter(pk=sent_long_ago.pk).update(enqueued_at=old)
    just_sent = pending(created_at=old)
    Comment.objects.filter(pk=just_sent.pk).update(enqueued_at=timezone.now())
    pending()  # too young
    make_comment(created_at=old, status=Comment.Status.HELD)  # decided

    assert pipeline.sweep_pending() == 2
    assert sorted(args for _, args in queued(broker, "moderation")) == sorted([never_sent.pk, sent_long_ago.pk])
    assert pipeline.sweep_pending() == 0  # just re-sent: not again until the cutoff passes


def test_sweep_with_the_broker_down_gives_up_after_one_try(dead_broker):
    old = timezone.now() - timedelta(minutes=10)
    for _ in range(20):
        pending(created_at=old)
    began = time.monotonic()
    assert pipeline.sweep_pending() == 0
    assert time.monotonic() - began < 1.5


def test_sweep_task_runs_the_sweep(broker):
    pending(created_at=timezone.now() - timedelta(minutes=10))
    assert sweep_pending.apply(kwargs={"older_than_seconds": 60}).get() == 1


# --- remoderate command

def _remoderate(*args):
    out, err = StringIO(), StringIO()
    call_command("remoderate", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_remoderate_dry_run_prints_changes_and_changes_nothing(broker, engine, django_user_model):
    engine(decision="reject", version="v9")
    article = make_article()
    held = make_comment(article=article, status=Comment.Status.HELD, engine_version="v1")
    rejected = make_comment(article=article, status=Comment.Status.REJECTED, engine_version="v1")
    human = make_comment(article=article, status=Comment.Status.APPROVED, human_decided=True)
    before = list(Comment.objects.order_by("pk").values_list("pk", "status", "engine_version"))

    out, err = _remoderate("--dry-run")
    assert f"#{held.pk} held -> rejected" in out
    assert f"#{rejected.pk}" not in out and f"#{human.pk}" not in out
    assert "1 would change" in out and "reject 1" in out and "nothing was changed" in out
    assert "dry run [" in err  # the progress bar
    assert list(Comment.objects.order_by("pk").values_list("pk", "status", "engine_version")) == before
    assert not ModerationDecision.objects.exists() and queued(broker, "bulk") == []


def test_remoderate_enqueues_on_bulk_with_filters_and_never_humans(broker):
    article = make_article()
    old = timezone.now() - timedelta(days=30)
    recent_held = make_comment(article=article, status=Comment.Status.HELD)
    make_comment(article=article, status=Comment.Status.HELD, created_at=old)
    make_comment(article=article, status=Comment.Status.APPROVED)
    make_comment(article=article, status=Comment.Status.HELD, human_decided=True)

    out, err = _remoderate("--status", "held", "--since", (timezone.now() - timedelta(days=1)).date().isoformat())
    assert queued(broker, "bulk") == [(remoderate_comment.name, recent_held.pk)]
    assert queued(broker, "moderation") == []
    assert "1 comment(s) enqueued on the 'bulk' queue" in out and "1/1 (100%)" in err


def test_remoderate_reports_a_dead_broker(dead_broker):
    make_comment(status=Comment.Status.HELD)
    with pytest.raises(CommandError, match="broker is not answering"):
        _remoderate("--no-progress")


def test_remoderate_rejects_a_bad_date():
    with pytest.raises(CommandError):
        _remoderate("--since", "yesterday-ish")


def test_remoderated_comment_keeps_human_decisions_untouched_end_to_end(engine, django_user_model):
    """Task bodies in-process: a bulk pass over everything changes engine decisions only."""
    moderator = django_user_model.objects.create_user("m3", is_staff=True)
    engine(decision="approve", version="v1")
    auto, human = pending(), pending()
    services.comment_auto_moderate(comment_id=auto.pk)
    services.comment_moderator_decide(comment_id=human.pk, action="reject", moderator=moderator)
    engine(decision="hold", version="v2")
    for comment_id in (auto.pk, human.pk):
        remoderate_comment.apply(args=(comment_id,)).get()
    assert Comment.objects.get(pk=auto.pk).status == Comment.Status.HELD
    assert Comment.objects.get(pk=human.pk).status == Comment.Status.REJECTED



def test_a_gate_decision_is_written_once_even_when_remoderated():
    """A banned author's comment gets one system row (no engine run); re-moderation adds nothing."""
    from moderation.models import Ban

    comment = pending(author_email="banned@example.com")
    Ban.objects.create(kind=Ban.Kind.EMAIL, value=comment.author_key, reason="test")
    row = services.comment_auto_moderate(comment_id=comment.pk)
    assert row.source == "system" and row.reasons
    assert services.comment_auto_moderate(comment_id=comment.pk) is None
    assert services.comment_auto_moderate(comment_id=comment.pk, remoderate=True) is None
    comment.refresh_from_db()
    assert comment.reasons == row.reasons
    assert list(ModerationDecision.objects.filter(comment=comment).values_list("source", flat=True)) == ["system"]

"""A word-list edit in the admin changes what an already running Celery worker decides, without a restart.

Real redis-server, real `celery worker` process, real PostgreSQL test database (tests/moderation/workers.py).
"""
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from comments.models import Comment
from comments.services import comment_create
from moderation import workspace
from moderation.models import Term
from moderation.terms import sync_default_terms
from tests.conftest import make_article
from tests.moderation.workers import RedisServer, Worker, point_celery_at, wait_for

pytestmark = [pytest.mark.postgres_only, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
NEW_WORD = "زنبرقوط"  # an invented word: no list and no model knows it


@pytest.fixture
def worker(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a server database shared with the test")
    server = RedisServer().start()
    previous = point_celery_at(server.url)
    # Terms may have been flushed by an earlier transactional test: start from the seeded lists.
    sync_default_terms()
    proc = Worker(server.url, tmp_path, name="terms", env={"MODERATION_TERMS_CHECK_SECONDS": "0.2"}).start()
    yield proc
    proc.stop()
    print(proc.log()[-4000:])
    point_celery_at(previous)
    server.stop()


def decided(comment_id, timeout=60) -> Comment:
    def done():
        c = Comment.objects.get(pk=comment_id)
        return c if c.status != Comment.Status.PENDING else None

    return wait_for(done, timeout=timeout, what=f"a decision on comment {comment_id}")


def test_term_edit_changes_decisions_in_a_running_worker(worker):
    article = make_article()
    pid = worker.proc.pid
    moderator = get_user_model().objects.create_user("termmod", password=None, is_staff=True)

    before = comment_create(article=article, name="قارئ", email="one@example.com",
                            body=f"شكراً على المقال، الفكرة {NEW_WORD} لكنها مفيدة للتجار.")
    first = decided(before.pk)
    assert first.status == Comment.Status.APPROVED

    term = workspace.term_save(term=Term(term=NEW_WORD, category="profanity", action="block", lang="ar"),
                               actor=moderator)
    time.sleep(0.5)  # the documented propagation delay: each process re-checks the lists every 0.2 s here (1 s default)
    after = comment_create(article=article, name="قارئة", email="two@example.com",
                           body=f"مقال جيد، لكن الخلاصة {NEW_WORD} وتحتاج مراجعة من التجار.")
    second = decided(after.pk)
    assert second.status == Comment.Status.REJECTED
    assert any(NEW_WORD in span["text"] for span in second.spans)
    assert second.engine_version != first.engine_version  # the audit names the new lists

    # Disabling the term releases the next one again, still in the same process.
    workspace.terms_set_enabled(term_ids=[term.pk], enabled=False, actor=moderator)
    time.sleep(0.5)
    third = comment_create(article=article, name="قارئ ثالث", email="three@example.com",
                           body=f"شكراً على المقال، الفكرة {NEW_WORD} لكنها مفيدة للتجار الصغار.")
    assert decided(third.pk).status == Comment.Status.APPROVED
    assert worker.proc.pid == pid and worker.proc.poll() is None  # never restarted

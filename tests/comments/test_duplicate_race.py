"""Two identical posts at the same instant (double click, a retried request): exactly one is saved."""
import threading

import pytest
from django.db import connection

from comments import guards, services
from comments.models import Comment
from tests.conftest import make_article

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_simultaneous_identical_posts_save_one_comment(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections to a server database")
    article = make_article()
    both_checked = threading.Barrier(2)
    real_check = guards.check_duplicate

    def check_then_wait(**kwargs):
        real_check(**kwargs)
        # Without serialisation both posts pass the check here and both insert; with it, the second
        # post waits for the first one's transaction, so this barrier times out for the first.
        try:
            both_checked.wait(timeout=1.5)
        except threading.BrokenBarrierError:
            pass

    monkeypatch.setattr(guards, "check_duplicate", check_then_wait)
    outcomes = []

    def post():
        try:
            services.comment_create(article=article, name="قارئ مستعجل", email="twice@example.com",
                                    body="نقرت مرتين على زر الإرسال", ip="198.51.100.7")
            outcomes.append("saved")
        except guards.CommentRefused as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert sorted(outcomes) == ["duplicate", "saved"]
    assert Comment.objects.filter(article=article).count() == 1

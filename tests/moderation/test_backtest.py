"""moderation.backtest: what an engine would decide now, without changing anything."""
import pytest

from comments.models import Comment
from moderation.backtest import backtest
from moderation.engine.types import Verdict
from moderation.models import ModerationDecision
from tests.conftest import make_article, make_comment


class KeywordEngine:
    """Test stand-in: rejects bodies containing "bad", holds "maybe", approves the rest."""

    version = "kw-1"

    def evaluate(self, text, context):
        if "bad" in text:
            return Verdict("reject", ("profanity",), 0.9, ("profanity: bad",), version=self.version)
        if "maybe" in text:
            return Verdict("hold", (), 0.5, ("unsure",), version=self.version)
        return Verdict("approve", (), 0.0, (), version=self.version)


@pytest.mark.django_db
def test_backtest_counts_changes_and_changes_nothing():
    article = make_article()
    approved_bad = make_comment(article=article, body="a bad word", status=Comment.Status.APPROVED)
    held_clean = make_comment(article=article, body="clean text", status=Comment.Status.HELD)
    pending_maybe = make_comment(article=article, body="maybe so", status=Comment.Status.PENDING)
    make_comment(article=article, body="fine", status=Comment.Status.APPROVED)
    human = make_comment(article=article, body="bad but allowed", status=Comment.Status.APPROVED, human_decided=True)

    before = list(Comment.objects.order_by("pk").values_list("pk", "status"))
    result = backtest(engine=KeywordEngine(), comments=Comment.objects.select_related("article").order_by("pk"))

    assert result.counts() == {
        "total": 5, "unchanged": 1, "would_approve": 1, "would_hold": 1, "would_reject": 1, "would_spam": 0,
        "human_decided": 1, "disagreements": 1,
    }
    assert result.would_release == 1 and result.would_change == 3
    moves = {c.comment_id: (c.from_status, c.to_status) for c in result.changes}
    assert moves == {
        approved_bad.pk: ("approved", "rejected"),
        held_clean.pk: ("held", "approved"),
        pending_maybe.pk: ("pending", "held"),
    }
    assert [d.comment_id for d in result.disagreements] == [human.pk]
    assert result.changes[0].as_dict()["categories"] == ["profanity"]
    assert list(Comment.objects.order_by("pk").values_list("pk", "status")) == before
    assert not ModerationDecision.objects.exists()

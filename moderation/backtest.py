"""Backtesting: what an engine would decide now, compared with what the comments' status says. Pure read.

Used by `manage.py remoderate --dry-run` and by moderators' previews of a word-list change (build an
engine with the proposed terms, backtest it on past decided comments, show what would move).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from comments.models import Comment

STATUS_FOR_DECISION = {
    "approve": Comment.Status.APPROVED,
    "hold": Comment.Status.HELD,
    "reject": Comment.Status.REJECTED,
    "spam": Comment.Status.SPAM,
}


@dataclass(frozen=True)
class BacktestChange:
    """One comment whose status would move if the engine decided it now."""

    comment_id: int
    from_status: str
    to_status: str
    decision: str
    categories: tuple[str, ...]
    score: float
    reasons: tuple[str, ...]
    human_decided: bool = False  # True: a moderator decided it; an automatic pass never changes it

    def as_dict(self) -> dict:
        return {
            "id": self.comment_id, "from": self.from_status, "to": self.to_status, "decision": self.decision,
            "categories": list(self.categories), "score": self.score, "reasons": list(self.reasons),
            "human_decided": self.human_decided,
        }


@dataclass
class BacktestResult:
    """Counts of what would move (comments a moderator decided are counted apart: they never move)."""

    total: int = 0
    unchanged: int = 0
    would_approve: int = 0
    would_hold: int = 0
    would_reject: int = 0
    would_spam: int = 0
    human_decided: int = 0  # comments decided by a moderator that were looked at
    changes: list[BacktestChange] = field(default_factory=list)
    # The engine now disagrees with a moderator's decision (informative only: humans always win).
    disagreements: list[BacktestChange] = field(default_factory=list)

    @property
    def would_release(self) -> int:
        """Comments that would be published (approve) although they are not now."""
        return self.would_approve

    @property
    def would_change(self) -> int:
        return len(self.changes)

    def counts(self) -> dict:
        return {
            "total": self.total, "unchanged": self.unchanged, "would_approve": self.would_approve,
            "would_hold": self.would_hold, "would_reject": self.would_reject, "would_spam": self.would_spam,
            "human_decided": self.human_decided, "disagreements": len(self.disagreements),
        }

    def _count(self, change: BacktestChange) -> None:
        name = {"approve": "would_approve", "hold": "would_hold", "reject": "would_reject", "spam": "would_spam"}
        setattr(self, name[change.decision], getattr(self, name[change.decision]) + 1)


def _decide(engine, comment: Comment, *, gates: bool):
    """(decision, categories, score, reasons) the pipeline would reach now, without writing anything."""
    if gates:
        from moderation import gatekeeping

        outcome = gatekeeping.before_engine(comment)
        if outcome is not None:
            return outcome.decision, (), None, tuple(outcome.reasons)
    from moderation.runtime import engine_context

    verdict = engine.evaluate(comment.body, engine_context(comment))
    if gates:
        from moderation import gatekeeping

        verdict = gatekeeping.after_engine(comment, verdict)
    return verdict.decision, tuple(verdict.categories), verdict.score, tuple(verdict.reasons)


def backtest(*, engine, comments: Iterable[Comment], gates: bool = False) -> BacktestResult:
    """Evaluate each comment with `engine` and compare with its current status; changes nothing.

    Pass comments with `select_related("article")` to avoid a query per comment. With `gates=True` the
    ban and trust checks around the engine are applied too (what a re-moderation would really do).
    """
    result = BacktestResult()
    for comment in comments:
        result.total += 1
        decision, categories, score, reasons = _decide(engine, comment, gates=gates)
        to_status = STATUS_FOR_DECISION[decision]
        if comment.human_decided:
            result.human_decided += 1
        if to_status == comment.status:
            if not comment.human_decided:
                result.unchanged += 1
            continue
        change = BacktestChange(
            comment_id=comment.pk, from_status=comment.status, to_status=to_status, decision=decision,
            categories=categories, score=score, reasons=reasons, human_decided=comment.human_decided,
        )
        if comment.human_decided:
            result.disagreements.append(change)
            continue
        result.changes.append(change)
        result._count(change)
    return result

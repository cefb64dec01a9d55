"""Preview of a word-list change: what the edited lists would decide on the last decided comments. Pure read."""
from __future__ import annotations

from collections import Counter

from django.conf import settings

from comments.models import Comment
from moderation.backtest import backtest
from moderation.models import Term


def _decisions(result, comments) -> dict[int, str]:
    """comment id -> status the engine would give it (unchanged ones keep their status)."""
    moved = {c.comment_id: c.to_status for c in list(result.changes) + list(result.disagreements)}
    return {c.pk: moved.get(c.pk, c.status) for c in comments}


def recent_decided_comments(*, size: int | None = None) -> list[Comment]:
    size = size or settings.MODERATION_BACKTEST_SIZE
    return list(
        Comment.objects.filter(decided_at__isnull=False).exclude(status=Comment.Status.PENDING)
        .select_related("article").order_by("-decided_at", "-id")[:size]
    )


def term_change_preview(*, candidate: Term, size: int | None = None, comments: list[Comment] | None = None) -> dict:
    """Compare the current engine with one whose lists include `candidate` (added, edited or disabled).

    Returns {"size", "moved": [(comment, from, to)], "rejected", "held", "released", "spammed"} where the
    counts are comments whose outcome the change itself would move. Changes nothing.
    """
    from moderation.runtime import build_engine, get_engine
    from moderation.terms import default_term_specs, term_specs_from_rows

    rows = Term.objects.filter(enabled=True)
    if candidate.pk:
        rows = rows.exclude(pk=candidate.pk)
    rows = list(rows.order_by("pk"))
    specs = term_specs_from_rows(rows) if rows or Term.objects.exists() else list(default_term_specs() or [])
    if candidate.enabled:
        specs += term_specs_from_rows([candidate])
    comments = recent_decided_comments(size=size) if comments is None else comments
    before = _decisions(backtest(engine=get_engine(), comments=comments), comments)
    after = _decisions(backtest(engine=build_engine(specs), comments=comments), comments)
    moved = [(c, before[c.pk], after[c.pk]) for c in comments if before[c.pk] != after[c.pk]]
    counts = Counter(to for _, _, to in moved)
    return {
        "size": len(comments),
        "moved": moved[:50],
        "moved_count": len(moved),
        "rejected": counts[Comment.Status.REJECTED],
        "held": counts[Comment.Status.HELD],
        "released": counts[Comment.Status.APPROVED],
        "spammed": counts[Comment.Status.SPAM],
    }

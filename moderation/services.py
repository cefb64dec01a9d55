"""State changes of moderation: the engine's verdicts and moderators' decisions, each audited."""
import logging

from django.db import transaction
from django.utils import timezone

from comments.models import Comment
from moderation.models import ModerationDecision
from webhooks import events as webhook_events

logger = logging.getLogger(__name__)

STATUS_FOR_DECISION = {
    "approve": Comment.Status.APPROVED,
    "hold": Comment.Status.HELD,
    "reject": Comment.Status.REJECTED,
    "spam": Comment.Status.SPAM,
}


class ModerationError(Exception):
    pass


def _apply(comment: Comment, *, decision: str, source: str, actor=None, note: str = "", verdict=None, reasons=()):
    """Move the (locked) comment to the decision's status and write one audit row."""
    to_status = STATUS_FOR_DECISION[decision]
    row = ModerationDecision(
        comment=comment, source=source, actor=actor, decision=decision,
        from_status=comment.status, to_status=to_status, note=note, reasons=list(reasons),
    )
    fields = ["status", "decided_at", "decided_by", "human_decided"]
    if verdict is not None:
        row.categories, row.score, row.reasons = list(verdict.categories), verdict.score, list(verdict.reasons)
        row.spans = [{"start": h.start, "end": h.end, "text": h.original, "category": h.category} for h in verdict.hits]
        row.engine_version = verdict.version
        comment.categories, comment.score, comment.reasons = row.categories, row.score, row.reasons
        comment.spans, comment.engine_version = row.spans, row.engine_version
        fields += ["categories", "score", "reasons", "spans", "engine_version"]
    elif reasons:  # a system decision (ban, trust) explains itself on the comment too
        comment.reasons = list(reasons)
        fields.append("reasons")
    comment.status, comment.decided_at = to_status, timezone.now()
    comment.decided_by = actor
    comment.human_decided = source == ModerationDecision.Source.MODERATOR
    comment.save(update_fields=fields)
    row.save()
    webhook_events.emit_decision(comment, row)  # comment.held / comment.decided, sent after the commit
    from moderation.reports import decision_applied  # surge watch, optional author email (after commit)

    decision_applied(row)
    return row


def _held_by_reports(comment: Comment) -> bool:
    latest = comment.decisions.order_by("-created_at", "-id").first()
    return latest is not None and latest.source == ModerationDecision.Source.SYSTEM and latest.to_status == Comment.Status.HELD


def comment_auto_moderate(*, comment_id: int, remoderate: bool = False) -> ModerationDecision | None:
    """Run the engine on a comment and apply its verdict; a no-op if a human decided or this version already did.

    Safe to call any number of times, concurrently too (redelivered or duplicated tasks): the engine
    runs outside the lock (it is pure), then the row is locked and re-checked before anything is written.
    Every run is counted before the engine starts and the count cleared when the run ends; a comment
    whose runs keep dying with the worker is held for a moderator after MODERATION_MAX_ATTEMPTS.
    """
    if not _attempt_started(comment_id):
        return None  # erased before the task ran
    try:
        return _auto_moderate(comment_id, remoderate)
    finally:
        _attempt_finished(comment_id)


def _attempt_started(comment_id: int) -> bool:
    from django.db.models import F

    with transaction.atomic():  # committed at once: it must survive the death of this process
        return bool(Comment.objects.filter(pk=comment_id).update(moderation_attempts=F("moderation_attempts") + 1))


def _attempt_finished(comment_id: int) -> None:
    try:
        Comment.objects.filter(pk=comment_id, moderation_attempts__gt=0).update(moderation_attempts=0)
    except Exception:  # noqa: BLE001 - the database is gone; the original error (if any) is what matters
        logger.warning("could not clear the moderation attempt count of comment %s", comment_id)


def _auto_moderate(comment_id: int, remoderate: bool) -> ModerationDecision | None:
    from django.conf import settings

    from moderation.runtime import engine_context, get_engine

    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:  # erased meanwhile
        return None
    from moderation import gatekeeping

    gate = gatekeeping.before_engine(comment)
    if gate is None and comment.moderation_attempts > settings.MODERATION_MAX_ATTEMPTS:
        if remoderate and comment.status != Comment.Status.PENDING:
            logger.error("comment %s: re-moderation never finished in %s runs; left as it is",
                         comment_id, comment.moderation_attempts - 1)
            return None
        gate = gatekeeping.GateOutcome("hold", (
            f"system: moderation did not finish in {comment.moderation_attempts - 1} earlier attempts "
            "(the worker stopped each time); held for a moderator",))
        logger.error("comment %s: %s earlier moderation runs never finished; held for a moderator",
                     comment_id, comment.moderation_attempts - 1)
    verdict = None
    if gate is None:
        verdict = get_engine().evaluate(comment.body, engine_context(comment))  # pure: computed outside the lock
        verdict = gatekeeping.after_engine(comment, verdict)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment_id)
        if comment.human_decided:
            return None
        if comment.status != Comment.Status.PENDING and not remoderate:
            return None
        if remoderate and comment.report_count and comment.status == Comment.Status.HELD and _held_by_reports(comment):
            return None  # readers put it back in the queue: a new engine version must not release it
        if gate is not None:
            if comment.status == STATUS_FOR_DECISION[gate.decision]:
                return None  # a re-moderation reaching the same system decision adds no row
            return _apply(comment, decision=gate.decision, source=ModerationDecision.Source.SYSTEM, reasons=gate.reasons)
        if comment.engine_version == verdict.version and comment.status != Comment.Status.PENDING:
            return None
        # The audit trail is the truth (one engine row per version is also a database constraint):
        # checked under the lock so a duplicate delivery ends here instead of in an IntegrityError.
        if ModerationDecision.objects.filter(
            comment_id=comment_id, source=ModerationDecision.Source.ENGINE, engine_version=verdict.version
        ).exists():
            return None
        return _apply(comment, decision=verdict.decision, source=ModerationDecision.Source.ENGINE, verdict=verdict)


@transaction.atomic
def comment_moderator_decide(*, comment_id: int, action: str, moderator, note: str = "") -> ModerationDecision | None:
    """A moderator's approve/reject/spam (or hold); it always wins, and repeating it is a no-op."""
    if action not in STATUS_FOR_DECISION:
        raise ModerationError(f"unknown action {action!r}")
    comment = Comment.objects.select_for_update().get(pk=comment_id)
    if comment.human_decided and comment.status == STATUS_FOR_DECISION[action]:
        return None
    return _apply(comment, decision=action, source=ModerationDecision.Source.MODERATOR, actor=moderator, note=note)

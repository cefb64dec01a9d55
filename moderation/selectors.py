"""Moderators' reads: the queue, an author's other comments, the audit log and the stats page."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import CharField, Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from comments.models import Comment
from moderation.models import ModerationDecision, RuleChange

QUEUE_STATUSES = (Comment.Status.HELD, Comment.Status.PENDING)


def queue_list(
    *, statuses=QUEUE_STATUSES, category: str | None = None, article_id: int | None = None,
    reported: bool | None = None, decided_by: str | None = None, search: str = "", order: str = "oldest",
) -> QuerySet[Comment]:
    """Comments waiting for a moderator, oldest first (or most reported first with order="reported")."""
    qs = Comment.objects.select_related("article", "decided_by")
    if statuses:
        qs = qs.filter(status__in=list(statuses))
    if category:
        qs = with_category(qs, category)
    if article_id:
        qs = qs.filter(article_id=article_id)
    if reported is not None:
        qs = qs.filter(report_count__gt=0) if reported else qs.filter(report_count=0)
    if decided_by:
        qs = with_decider(qs, decided_by)
    if search:
        qs = qs.filter(Q(body__icontains=search) | Q(author_name__icontains=search))
    if order == "reported":
        return qs.order_by("-report_count", "created_at", "id")
    return qs.order_by("created_at", "id")


def with_category(qs: QuerySet, category: str) -> QuerySet:
    """Comments whose latest decision names `category` (works on SQLite and PostgreSQL alike)."""
    return qs.annotate(_cats=Cast("categories", CharField())).filter(_cats__contains=f'"{category}"')


def with_decider(qs: QuerySet, decided_by: str) -> QuerySet:
    """decided_by: "engine", "system", "undecided" or a moderator's user id (who made the latest decision)."""
    if decided_by == "undecided":
        return qs.filter(decided_at__isnull=True)
    if decided_by in (ModerationDecision.Source.ENGINE, ModerationDecision.Source.SYSTEM):
        latest = ModerationDecision.objects.filter(comment=OuterRef("pk")).order_by("-created_at", "-id")
        return qs.annotate(_latest_source=Subquery(latest.values("source")[:1])).filter(_latest_source=decided_by)
    if str(decided_by).isdigit():
        return qs.filter(decided_by_id=int(decided_by), human_decided=True)
    return qs.none()


def queue_oldest():
    """created_at of the oldest comment waiting (held or pending), or None."""
    return Comment.objects.filter(status__in=QUEUE_STATUSES).aggregate(t=Min("created_at"))["t"]


def comment_decisions(*, comment_id: int) -> QuerySet[ModerationDecision]:
    return ModerationDecision.objects.filter(comment_id=comment_id).select_related("actor").order_by("created_at", "id")


def author_other_comments(*, comment: Comment, limit: int = 20) -> list[Comment]:
    """Other comments by the same author (email hash) or from the same IP, newest first."""
    match = Q(author_key=comment.author_key)
    if comment.ip_address:
        match |= Q(ip_address=comment.ip_address)
    return list(
        Comment.objects.filter(match).exclude(pk=comment.pk).select_related("article").order_by("-created_at")[:limit]
    )


def audit_list(*, source: str | None = None, decision: str | None = None, actor_id: int | None = None,
               comment_id: int | None = None, since=None) -> QuerySet[ModerationDecision]:
    qs = ModerationDecision.objects.select_related("actor", "comment")
    if source:
        qs = qs.filter(source=source)
    if decision:
        qs = qs.filter(decision=decision)
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if comment_id:
        qs = qs.filter(comment_id=comment_id)
    if since:
        qs = qs.filter(created_at__gte=since)
    return qs.order_by("-created_at", "-id")


def rule_change_list() -> QuerySet[RuleChange]:
    return RuleChange.objects.select_related("actor").order_by("-created_at", "-id")


def _decider_label(row) -> str:
    if row["source"] == ModerationDecision.Source.MODERATOR:
        return row["actor__username"] or "moderator"
    return row["source"]


def moderation_stats(*, days: int = 14, now=None) -> dict:
    """Numbers for the stats page and the staff API: per day by category and by decider, queue, agreement."""
    now = now or timezone.now()
    since = now - timedelta(days=days)
    day_list = [(since + timedelta(days=i + 1)).date() for i in range(days)]
    rows = list(
        ModerationDecision.objects.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day", "source", "actor__username", "categories", "decision")
    )
    by_category: dict = defaultdict(Counter)
    by_decider: dict = defaultdict(Counter)
    for row in rows:
        cats = row["categories"] or (["none"] if row["decision"] == "approve" else ["other"])
        for cat in cats:
            by_category[row["day"]][cat] += 1
        by_decider[row["day"]][_decider_label(row)] += 1
    return {
        "days": day_list,
        "by_category": {d: dict(by_category.get(d, {})) for d in day_list},
        "by_decider": {d: dict(by_decider.get(d, {})) for d in day_list},
        "queue": queue_stats(now=now),
        "agreement": engine_agreement(since=since),
        "total_decisions": len(rows),
    }


AGE_BUCKETS = ((60, "< 1 h"), (6 * 60, "1-6 h"), (24 * 60, "6-24 h"), (None, "> 24 h"))


def queue_stats(*, now=None) -> dict:
    now = now or timezone.now()
    waiting = Comment.objects.filter(status__in=QUEUE_STATUSES)
    counts = dict(waiting.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    ages = Counter()
    for created in waiting.values_list("created_at", flat=True):
        minutes = (now - created).total_seconds() / 60
        for limit, label in AGE_BUCKETS:
            if limit is None or minutes < limit:
                ages[label] += 1
                break
    oldest = queue_oldest()
    return {
        "held": counts.get(Comment.Status.HELD, 0),
        "pending": counts.get(Comment.Status.PENDING, 0),
        "ages": {label: ages.get(label, 0) for _, label in AGE_BUCKETS},
        "oldest_minutes": int((now - oldest).total_seconds() // 60) if oldest else None,
    }


def engine_agreement(*, since) -> dict:
    """Per category: comments the engine decided that a moderator later decided, and how many were overturned."""
    engine_rows = (
        ModerationDecision.objects.filter(source=ModerationDecision.Source.ENGINE, created_at__gte=since)
        .order_by("comment_id", "-created_at")
        .values("comment_id", "to_status", "categories")
    )
    latest_engine = {}
    for row in engine_rows:
        latest_engine.setdefault(row["comment_id"], row)
    human = (
        ModerationDecision.objects.filter(source=ModerationDecision.Source.MODERATOR, comment_id__in=list(latest_engine))
        .order_by("comment_id", "-created_at")
        .values("comment_id", "to_status")
    )
    latest_human = {}
    for row in human:
        latest_human.setdefault(row["comment_id"], row["to_status"])
    result: dict = defaultdict(lambda: {"reviewed": 0, "overturned": 0})
    for comment_id, to_status in latest_human.items():
        engine = latest_engine[comment_id]
        for cat in engine["categories"] or ["none"]:
            result[cat]["reviewed"] += 1
            # A held comment is the engine asking; only a flip between published and not counts as overturned.
            if engine["to_status"] != Comment.Status.HELD and to_status != engine["to_status"]:
                result[cat]["overturned"] += 1
    return dict(result)

"""Checks around the engine: bans before it; the author's history and the article's level after it.

Order of the checks after the engine (first match wins):
1. the engine rejected or spammed: kept (nothing below ever loosens an objection);
2. the author's recent rejection rate passes MODERATION_REJECTION_RATE_HOLD: held for a human;
3. a strict article: anything the engine did not approve cleanly (a term matched) is held;
4. a first-time author, if MODERATION_HOLD_FIRST_TIME: held;
5. a trusted author (MODERATION_TRUST_APPROVED_COUNT approved, no recent rejection) whose comment the
   engine held although no term matched and the scorer stayed below MODERATION_TRUST_SCORE_BELOW:
   approved. Safer than WordPress's "previously approved" rule, which skips every check.
"""
from __future__ import annotations

import dataclasses
import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from comments.identity import email_domain


@dataclass(frozen=True)
class GateOutcome:
    decision: str  # approve | hold | reject | spam
    reasons: tuple[str, ...]


def active_bans():
    from moderation.models import Ban

    now = timezone.now()
    return Ban.objects.filter(enabled=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def _domain_matches(domain: str, banned: str) -> bool:
    banned = banned.strip().lower().lstrip("@").lstrip(".")
    return bool(banned) and (domain == banned or domain.endswith("." + banned))


def _ip_matches(ip: str | None, value: str, *, cidr: bool) -> bool:
    if not ip:
        return False
    try:
        address = ipaddress.ip_address(ip)
        if cidr:
            return address in ipaddress.ip_network(value, strict=False)
        return address == ipaddress.ip_address(value)
    except ValueError:
        return False


def matching_ban(*, author_key: str, email: str, ip: str | None):
    """The first active ban that matches this author (email hash, domain incl. subdomains, IP, CIDR), or None."""
    from moderation.models import Ban

    domain = email_domain(email)
    for ban in active_bans().order_by("pk"):
        if ban.kind == Ban.Kind.EMAIL and ban.value == author_key:
            return ban
        if ban.kind == Ban.Kind.DOMAIN and _domain_matches(domain, ban.value):
            return ban
        if ban.kind in (Ban.Kind.IP, Ban.Kind.CIDR) and _ip_matches(ip, ban.value, cidr=ban.kind == Ban.Kind.CIDR):
            return ban
    return None


def before_engine(comment) -> GateOutcome | None:
    """A decision taken without the engine (a banned author), or None to run the engine."""
    ban = matching_ban(author_key=comment.author_key, email=comment.author_email, ip=comment.ip_address)
    if ban is None:
        return None
    decision = "hold" if settings.MODERATION_BAN_ACTION == "hold" else "spam"
    # The reason names the ban's kind and id, never the address it matched.
    return GateOutcome(decision, (f"banned author ({ban.get_kind_display()} ban #{ban.pk})",))


@dataclass(frozen=True)
class AuthorHistory:
    approved: int
    rejected_recent: int
    decided_recent: int

    @property
    def rejection_rate(self) -> float:
        return self.rejected_recent / self.decided_recent if self.decided_recent else 0.0


def author_history(*, author_key: str, exclude_id: int | None = None) -> AuthorHistory:
    """Counts of the author's earlier comments (by email hash): approved ever, rejected/decided recently."""
    from comments.models import Comment

    qs = Comment.objects.filter(author_key=author_key)
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    since = timezone.now() - timedelta(days=settings.MODERATION_HISTORY_DAYS)
    bad = [Comment.Status.REJECTED, Comment.Status.SPAM]
    decided = bad + [Comment.Status.APPROVED]
    recent = Q(created_at__gte=since)
    # One aggregate query: this runs for every comment the engine does not reject outright.
    counts = qs.aggregate(
        approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        rejected_recent=Count("pk", filter=recent & Q(status__in=bad)),
        decided_recent=Count("pk", filter=recent & Q(status__in=decided)),
    )
    return AuthorHistory(**counts)


def _with(verdict, decision: str, reason: str):
    return dataclasses.replace(verdict, decision=decision, reasons=tuple(verdict.reasons) + (reason,))


def _is_strict(comment) -> bool:
    article = comment.article
    return article.moderation_level == article.ModerationLevel.STRICT


def after_engine(comment, verdict):
    """Adjust the engine's verdict for the author's history and the article's level; returns a Verdict."""
    if verdict.decision in ("reject", "spam"):
        return verdict
    history = author_history(author_key=comment.author_key, exclude_id=comment.pk)
    if (
        history.decided_recent >= settings.MODERATION_REJECTION_RATE_MIN_COMMENTS
        and history.rejection_rate >= settings.MODERATION_REJECTION_RATE_HOLD
    ):
        return _with(verdict, "hold", f"author's recent rejection rate is {history.rejection_rate:.0%}")
    term_hit = bool(getattr(verdict, "hits", ()))
    if _is_strict(comment):
        if verdict.decision == "approve" and term_hit:
            return _with(verdict, "hold", "strict article: a listed word needs a moderator")
        return verdict
    if settings.MODERATION_HOLD_FIRST_TIME and history.approved == 0:
        return _with(verdict, "hold", "first comment by this author")
    trust_n = settings.MODERATION_TRUST_APPROVED_COUNT
    if (
        verdict.decision == "hold" and trust_n > 0 and history.approved >= trust_n
        and history.rejected_recent == 0 and not term_hit and not verdict.categories
        and (verdict.score or 0.0) < settings.MODERATION_TRUST_SCORE_BELOW
    ):
        return _with(verdict, "approve", f"trusted author ({history.approved} approved comments, no recent rejection)")
    return verdict

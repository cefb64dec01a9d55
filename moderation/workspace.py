"""Moderators' writes besides single decisions: bulk decisions, bans, word-list edits, article levels.

Every change here is audited: decisions in ModerationDecision (through services), the rest in RuleChange.
All functions take keyword-only arguments and need no request (the admin and the staff API both call them).
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from comments.identity import email_key, normalise_email
from comments.models import Article
from moderation.models import Ban, ModerationDecision, RuleChange, Term


def comments_moderator_decide_bulk(
    *, comment_ids: Iterable[int], action: str, moderator, note: str = ""
) -> list[ModerationDecision]:
    """Apply one moderator action to many comments, each through comment_moderator_decide (one audit row each)."""
    from moderation.services import comment_moderator_decide

    rows = []
    for comment_id in comment_ids:
        row = comment_moderator_decide(comment_id=comment_id, action=action, moderator=moderator, note=note)
        if row is not None:
            rows.append(row)
    return rows


def _log(target: str, object_id, action: str, summary: str, actor) -> RuleChange:
    return RuleChange.objects.create(target=target, object_id=object_id, action=action, summary=summary[:400], actor=actor)


def ban_value_clean(*, kind: str, value: str) -> str:
    """The value to store for a ban: an email is replaced by its keyed hash; IPs and ranges are validated."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Enter a value to ban."))
    if kind == Ban.Kind.EMAIL:
        if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
            return value  # already a hash (e.g. "ban this author" from the queue)
        if "@" not in value:
            raise ValidationError(_("Enter an email address."))
        return email_key(normalise_email(value))
    if kind == Ban.Kind.DOMAIN:
        domain = value.lower().lstrip("@").lstrip(".")
        if "." not in domain or "@" in domain or " " in domain:
            raise ValidationError(_("Enter a domain such as example.com."))
        return domain
    try:
        if kind == Ban.Kind.IP:
            return str(ipaddress.ip_address(value))
        if kind == Ban.Kind.CIDR:
            return str(ipaddress.ip_network(value, strict=False))
    except ValueError:
        raise ValidationError(_("Enter a valid IP address or range."))
    raise ValidationError(_("Unknown kind of ban."))


def _ban_label(ban: Ban) -> str:
    shown = f"{ban.value[:12]}…" if ban.kind == Ban.Kind.EMAIL else ban.value
    return f"{ban.kind} {shown}"


@transaction.atomic
def ban_create(*, kind: str, value: str, actor, reason: str = "", expires_at=None) -> Ban:
    """Ban an email (stored as its hash), a domain (subdomains included), an IP or a CIDR range."""
    ban = Ban.objects.create(
        kind=kind, value=ban_value_clean(kind=kind, value=value), reason=reason, expires_at=expires_at,
        created_by=actor,
    )
    _log(RuleChange.Target.BAN, ban.pk, "create", f"{_ban_label(ban)}: {reason}", actor)
    return ban


@transaction.atomic
def ban_update(*, ban: Ban, actor, changed: Iterable[str] = ()) -> Ban:
    """Save an edited ban (value re-cleaned) and audit which fields changed."""
    ban.value = ban_value_clean(kind=ban.kind, value=ban.value)
    ban.save()
    _log(RuleChange.Target.BAN, ban.pk, "update", f"{_ban_label(ban)}: {', '.join(changed) or '-'}", actor)
    return ban


@transaction.atomic
def ban_lift(*, ban: Ban, actor) -> Ban:
    """Disable a ban (kept for the record); lifting twice is a no-op."""
    ban = Ban.objects.select_for_update().get(pk=ban.pk)
    if ban.enabled:
        ban.enabled = False
        ban.save(update_fields=["enabled"])
        _log(RuleChange.Target.BAN, ban.pk, "lift", _ban_label(ban), actor)
    return ban


@transaction.atomic
def term_save(*, term: Term, actor, changed: Iterable[str] = ()) -> Term:
    """Create or update a word-list term; every process picks the change up within a second."""
    creating = term.pk is None
    if creating:
        term.created_by = actor
    term.updated_by = actor
    term.save()
    action = "create" if creating else "update"
    detail = "" if creating else f" [{', '.join(changed) or '-'}]"
    state = "" if term.enabled else " (disabled)"
    _log(RuleChange.Target.TERM, term.pk, action, f"{term.term} {term.category}/{term.action}{state}{detail}", actor)
    return term


@transaction.atomic
def terms_set_enabled(*, term_ids: Iterable[int], enabled: bool, actor) -> int:
    """Enable or disable terms (one audit row each); returns how many changed."""
    changed = 0
    for term in Term.objects.select_for_update().filter(pk__in=list(term_ids), enabled=not enabled):
        term.enabled = enabled
        term_save(term=term, actor=actor, changed=["enabled"])
        changed += 1
    return changed


@transaction.atomic
def article_set_level(*, article_id: int, level: str, actor, reason: str = "") -> Article:
    """Set an article's moderation level (normal or strict); a no-op when unchanged."""
    if level not in Article.ModerationLevel.values:
        raise ValidationError(_("Unknown moderation level."))
    article = Article.objects.select_for_update().get(pk=article_id)
    if article.moderation_level == level and article.strict_reason == reason[:200]:
        return article
    article.moderation_level, article.strict_reason = level, reason[:200]
    article.save(update_fields=["moderation_level", "strict_reason", "updated_at"])
    _log(RuleChange.Target.ARTICLE, article.pk, level, f"{article.slug}: {reason}", actor)
    return article


@transaction.atomic
def term_delete(*, term: Term, actor) -> None:
    """Delete a term (superusers only; moderators disable instead) and audit it."""
    _log(RuleChange.Target.TERM, term.pk, "delete", f"{term.term} {term.category}/{term.action}", actor)
    term.delete()

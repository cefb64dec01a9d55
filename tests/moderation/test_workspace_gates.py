"""Bans before the engine; trust, rejection rate, first-time and strict articles after it."""
from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from moderation import gatekeeping, services, workspace
from moderation.engine.types import Hit, Verdict
from moderation.models import ModerationDecision, RuleChange
from tests.conftest import make_article, make_comment
from tests.moderation.workspace_support import moderator  # noqa: F401

pytestmark = pytest.mark.django_db
CLEAN = "شكراً على هذا الخبر المفيد، أتمنى المزيد من التفاصيل."


def pending(**kw):
    kw.setdefault("status", Comment.Status.PENDING)
    kw.setdefault("body", CLEAN)
    return make_comment(**kw)


class EngineNotCalled:
    def evaluate(self, *args, **kwargs):
        raise AssertionError("a banned author's comment must not reach the engine")


@pytest.fixture
def no_engine(monkeypatch):
    monkeypatch.setattr("moderation.runtime.get_engine", lambda: EngineNotCalled())


@pytest.mark.parametrize("kind,value,email,ip", [
    ("email", "Troll@Example.com", "troll@example.com", None),
    ("domain", "spam.example", "x@spam.example", None),
    ("domain", "spam.example", "x@mail.eu.spam.example", None),  # subdomains included
    ("ip", "198.51.100.7", "a@example.com", "198.51.100.7"),
    ("cidr", "198.51.100.0/24", "a@example.com", "198.51.100.200"),
    ("cidr", "2001:db8::/32", "a@example.com", "2001:db8::1"),
])
def test_banned_author_is_spammed_without_the_engine(no_engine, moderator, kind, value, email, ip):
    workspace.ban_create(kind=kind, value=value, actor=moderator, reason="abuse")
    comment = pending(author_email=email, ip_address=ip)
    row = services.comment_auto_moderate(comment_id=comment.pk)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert row.source == ModerationDecision.Source.SYSTEM and "ban" in row.reasons[0]
    assert email not in " ".join(row.reasons) and (ip or "-") not in " ".join(row.reasons)


@pytest.mark.parametrize("kind,value,email,ip", [
    ("domain", "spam.example", "x@notspam.example", None),  # a suffix that is not a subdomain
    ("domain", "spam.example", "x@spam.example.org", None),
    ("ip", "198.51.100.7", "a@example.com", "198.51.100.8"),
    ("cidr", "198.51.100.0/24", "a@example.com", "198.51.101.1"),
    ("email", "troll@example.com", "troll2@example.com", None),
])
def test_bans_do_not_catch_others(moderator, kind, value, email, ip):
    workspace.ban_create(kind=kind, value=value, actor=moderator)
    assert gatekeeping.before_engine(pending(author_email=email, ip_address=ip)) is None


def test_expired_and_lifted_bans_no_longer_apply_and_are_audited(moderator):
    expired = workspace.ban_create(kind="email", value="a@example.com", actor=moderator,
                                   expires_at=timezone.now() - timedelta(minutes=1))
    assert "@" not in expired.value
    assert gatekeeping.before_engine(pending(author_email="a@example.com")) is None
    ban = workspace.ban_create(kind="email", value="b@example.com", actor=moderator)
    assert gatekeeping.before_engine(pending(author_email="b@example.com")).decision == "spam"
    workspace.ban_lift(ban=ban, actor=moderator)
    assert gatekeeping.before_engine(pending(author_email="b@example.com")) is None
    assert list(RuleChange.objects.filter(target="ban").values_list("action", flat=True).order_by("id")) == [
        "create", "create", "lift"]
    assert "b@example.com" not in " ".join(RuleChange.objects.values_list("summary", flat=True))


def test_ban_action_hold_setting(settings, moderator):
    settings.MODERATION_BAN_ACTION = "hold"
    workspace.ban_create(kind="domain", value="example.net", actor=moderator)
    assert gatekeeping.before_engine(pending(author_email="z@example.net")).decision == "hold"


# --- after the engine ------------------------------------------------------------------------------
def verdict(decision, *, hits=(), categories=(), score=0.1):
    return Verdict(decision, tuple(categories), score, ("engine says so",), tuple(hits), version="t")


def history(email, *, approved=0, rejected=0, days_ago=1):
    when = timezone.now() - timedelta(days=days_ago)
    for _ in range(approved):
        make_comment(author_email=email, status=Comment.Status.APPROVED, created_at=when)
    for _ in range(rejected):
        make_comment(author_email=email, status=Comment.Status.REJECTED, created_at=when)


HIT = Hit(0, 3, "غبي", "غبي", "abuse_person", "suspect")


def test_trusted_author_is_approved_when_nothing_objects(settings):
    settings.MODERATION_TRUST_APPROVED_COUNT = 3
    history("loyal@example.com", approved=3)
    comment = pending(author_email="loyal@example.com")
    result = gatekeeping.after_engine(comment, verdict("hold", score=0.3))
    assert result.decision == "approve" and "trusted author" in result.reasons[-1]


@pytest.mark.parametrize("engine_verdict", [
    verdict("hold", hits=[HIT]),  # a term objects
    verdict("hold", score=0.6),  # the scorer objects
    verdict("hold", categories=["spam"]),
    verdict("reject", categories=["profanity"], score=0.95),  # a rejection is never loosened
])
def test_trust_never_overrides_an_objection(settings, engine_verdict):
    settings.MODERATION_TRUST_APPROVED_COUNT = 3
    history("loyal@example.com", approved=5)
    assert gatekeeping.after_engine(pending(author_email="loyal@example.com"), engine_verdict).decision == \
        engine_verdict.decision


def test_trust_needs_enough_approvals_no_recent_rejection_and_can_be_off(settings):
    settings.MODERATION_TRUST_APPROVED_COUNT = 3
    history("new@example.com", approved=2)
    assert gatekeeping.after_engine(pending(author_email="new@example.com"), verdict("hold")).decision == "hold"
    history("mixed@example.com", approved=5, rejected=1)
    assert gatekeeping.after_engine(pending(author_email="mixed@example.com"), verdict("hold")).decision == "hold"
    history("old@example.com", approved=5, rejected=1, days_ago=400)  # an old rejection is forgiven
    assert gatekeeping.after_engine(pending(author_email="old@example.com"), verdict("hold")).decision == "approve"
    settings.MODERATION_TRUST_APPROVED_COUNT = 0
    assert gatekeeping.after_engine(pending(author_email="old@example.com"), verdict("hold")).decision == "hold"


def test_high_recent_rejection_rate_is_held_whatever_the_engine_says(settings):
    settings.MODERATION_REJECTION_RATE_HOLD = 0.5
    settings.MODERATION_REJECTION_RATE_MIN_COMMENTS = 3
    history("rough@example.com", approved=1, rejected=2)
    result = gatekeeping.after_engine(pending(author_email="rough@example.com"), verdict("approve", score=0.01))
    assert result.decision == "hold" and "rejection rate" in result.reasons[-1]


def test_first_time_author_held_only_when_the_setting_is_on(settings):
    comment = pending(author_email="first@example.com")
    assert gatekeeping.after_engine(comment, verdict("approve")).decision == "approve"
    settings.MODERATION_HOLD_FIRST_TIME = True
    assert gatekeeping.after_engine(comment, verdict("approve")).decision == "hold"
    history("first@example.com", approved=1)
    assert gatekeeping.after_engine(comment, verdict("approve")).decision == "approve"


def test_strict_article_holds_anything_with_a_listed_word_and_ignores_trust(settings):
    settings.MODERATION_TRUST_APPROVED_COUNT = 1
    history("loyal@example.com", approved=3)
    article = make_article(moderation_level="strict")
    comment = pending(article=article, author_email="loyal@example.com")
    assert gatekeeping.after_engine(comment, verdict("approve", hits=[HIT])).decision == "hold"
    assert gatekeeping.after_engine(comment, verdict("hold")).decision == "hold"  # no trust bypass
    assert gatekeeping.after_engine(comment, verdict("approve")).decision == "approve"


def test_trust_through_the_real_pipeline(settings):
    """End to end with the real engine: a clean comment from a trusted author stays approved, an insult does not."""
    settings.MODERATION_TRUST_APPROVED_COUNT = 2
    history("loyal@example.com", approved=2)
    clean = pending(author_email="loyal@example.com")
    rude = pending(author_email="loyal@example.com", body="أنت غبي وحمار ولا تفهم شيئاً")
    services.comment_auto_moderate(comment_id=clean.pk)
    services.comment_auto_moderate(comment_id=rude.pk)
    clean.refresh_from_db()
    rude.refresh_from_db()
    assert clean.status == Comment.Status.APPROVED
    assert rude.status in (Comment.Status.REJECTED, Comment.Status.HELD)

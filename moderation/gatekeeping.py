"""Checks around the engine: bans before it, author trust and article strictness after it.

Placeholders until the moderator-workspace work lands; comment_auto_moderate already calls them.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class GateOutcome:
    decision: str  # approve | hold | reject | spam
    reasons: tuple[str, ...]


def before_engine(comment) -> GateOutcome | None:
    """A decision taken without the engine (e.g. a banned author), or None to run the engine."""
    return None


def after_engine(comment, verdict):
    """Adjust the engine's verdict for the author's history and the article's level; returns a Verdict."""
    return verdict

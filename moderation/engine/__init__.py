"""Comment moderation engine: pure Python, no Django.

    from moderation.engine import evaluate, default_engine, Engine, EngineConfig, Context
    verdict = evaluate("نص التعليق", Context(article_writer="..."))
    verdict.decision      # approve | hold | reject | spam
    verdict.categories    # rule codes, e.g. ("profanity",)
    verdict.reasons       # human-readable, name the rule and quote the words
"""
from __future__ import annotations

import threading

from .policy import ENGINE_VERSION, Engine, EngineConfig, context_signals, terms_digest
from .types import (APPROVE, CATEGORIES, DECISIONS, HOLD, REJECT, SPAM_DECISION, Context, Hit,
                    TermSpec, Verdict)

__all__ = [
    "APPROVE", "CATEGORIES", "DECISIONS", "ENGINE_VERSION", "HOLD", "REJECT", "SPAM_DECISION",
    "Context", "Engine", "EngineConfig", "Hit", "TermSpec", "Verdict", "context_signals",
    "default_engine", "evaluate", "reset_default_engine", "terms_digest",
]

_engine: Engine | None = None
_lock = threading.Lock()


def default_engine() -> Engine:
    """The process-wide engine with the default word lists, shipped scorer and config (cached)."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = Engine()
    return _engine


def reset_default_engine(engine: Engine | None = None) -> None:
    """Replace (or drop, to rebuild lazily) the cached engine, e.g. after word lists change."""
    global _engine
    with _lock:
        _engine = engine


def evaluate(text: str, context: Context | None = None) -> Verdict:
    """Evaluate one comment with :func:`default_engine`."""
    return default_engine().evaluate(text, context)

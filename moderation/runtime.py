"""Builds the pure engine from settings and the database's word lists, once per process and per list version.

Web and worker processes each keep one engine. At most once per MODERATION_TERMS_CHECK_SECONDS a
process asks the database for the word-list version (one cheap aggregate query); when a moderator
has changed a term since, the engine is rebuilt from the enabled rows, so no restart is needed.
"""
from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_state: dict = {"key": None, "engine": None, "checked": 0.0}


def engine_config():
    from moderation.engine import EngineConfig

    return EngineConfig.from_mapping(settings.MODERATION_ENGINE)


def build_engine(term_specs=None):
    """An engine over `term_specs` (None: the engine's built-in lists); also used by backtest previews.

    The engine's version names a digest of its word lists, so every audited decision records
    which lists decided it.
    """
    from moderation.engine import Engine

    if term_specs is None:
        return Engine(config=engine_config())
    return Engine(lexicon=list(term_specs), config=engine_config())


def _current_key():
    from moderation.terms import term_list_version

    return (term_list_version(), engine_config())


def get_engine():
    """The process-wide engine; rebuilt when the word lists in the database (or the settings) change."""
    now = time.monotonic()
    if _state["engine"] is not None and now - _state["checked"] < settings.MODERATION_TERMS_CHECK_SECONDS:
        return _state["engine"]
    key = _current_key()
    with _lock:
        _state["checked"] = now
        if key != _state["key"] or _state["engine"] is None:
            from moderation.terms import enabled_term_specs

            list_version = key[0]
            # An empty table (never seeded, or wiped) means the engine's built-in lists, never no lists.
            specs = None if list_version == "default" else enabled_term_specs()
            _state["engine"] = build_engine(specs)
            _state["key"] = key
            logger.info("moderation engine built (word lists %s)", list_version)
        return _state["engine"]


def reset_engine() -> None:
    """Forget the cached engine (tests, and after a bulk import in this process)."""
    with _lock:
        _state.update(key=None, engine=None, checked=0.0)


def engine_context(comment):
    """The engine's Context for a comment (author name, article title and writer, reply, strictness)."""
    from moderation.engine.types import Context

    article = comment.article
    return Context(
        author_name=comment.author_name,
        article_title=article.title,
        article_writer=article.writer_name,
        is_reply=comment.parent_id is not None,
        strict=article.moderation_level == article.ModerationLevel.STRICT,
    )

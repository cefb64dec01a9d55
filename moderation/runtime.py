"""Builds the pure engine from settings and the database's word lists, once per process and per list version."""
import logging

from django.conf import settings

logger = logging.getLogger(__name__)
_cache: dict = {}


def get_engine():
    """The process-wide engine; rebuilt when the word lists in the database change."""
    from moderation.engine import Engine, EngineConfig

    config = EngineConfig(
        approve_below=settings.MODERATION_APPROVE_BELOW,
        reject_above=settings.MODERATION_REJECT_ABOVE,
        max_links=settings.MODERATION_MAX_LINKS,
    )
    key = ("default", config)
    if key not in _cache:
        _cache.clear()
        _cache[key] = Engine(config=config)
    return _cache[key]

"""A Redis cache that degrades instead of failing: when Redis is down or hung, reads miss and writes are
dropped (logged), so every cache user (the posting guards' rate limits, DRF's throttles, the admin login
lockout, the article page cache) lets requests through rather than answering 500. Limits are not enforced
while Redis is away; readers can still read and post (README "Security and privacy")."""
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _degrade(name, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except (RedisError, OSError) as exc:
            logger.warning("cache %s skipped: Redis unavailable (%s)", name, type(exc).__name__)
            return fallback(args, kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


class ResilientRedisCache(RedisCache):
    get = _degrade("get", lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None))
    get_many = _degrade("get_many", {})
    has_key = _degrade("has_key", False)
    add = _degrade("add", False)
    set = _degrade("set", None)
    set_many = _degrade("set_many", lambda args, kwargs: [])
    touch = _degrade("touch", False)
    delete = _degrade("delete", False)
    delete_many = _degrade("delete_many", None)
    # As if this were the first hit of the window: counters don't count while Redis is away.
    incr = _degrade("incr", lambda args, kwargs: kwargs.get("delta", args[1] if len(args) > 1 else 1))

"""Per-IP rate limits for anonymous writes; rates are settings (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])."""
import hashlib
import hmac
import logging

from django.conf import settings

from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)


class IPRateThrottle(SimpleRateThrottle):
    """Counts per client address (REMOTE_ADDR, or X-Forwarded-For behind NUM_PROXIES proxies)."""

    def get_cache_key(self, request, view):
        # A keyed hash of the address, so the cache never holds the address itself.
        ident = hmac.new(settings.SECRET_KEY.encode(), self.get_ident(request).encode(), hashlib.sha256)
        return self.cache_format % {"scope": self.scope, "ident": ident.hexdigest()[:32]}

    def allow_request(self, request, view):
        # The counters live in the shared cache (Redis). If it is down, posting must still work (the comment is
        # saved pending and the sweep moderates it later): fail open rather than answer 500.
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # redis/connection errors come in many types
            logger.warning("rate limit %s not checked: cache unavailable (%s)", self.scope, type(exc).__name__)
            return True


class CommentPostThrottle(IPRateThrottle):
    scope = "comment_post"


class CommentReportThrottle(IPRateThrottle):
    scope = "comment_report"


class CommentCheckThrottle(IPRateThrottle):
    scope = "comment_check"


class AuthTokenThrottle(IPRateThrottle):
    scope = "auth_token"

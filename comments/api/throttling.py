"""Per-IP rate limits for anonymous writes; rates are settings (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])."""
from rest_framework.throttling import SimpleRateThrottle


class IPRateThrottle(SimpleRateThrottle):
    """Counts per client address (REMOTE_ADDR, or X-Forwarded-For behind NUM_PROXIES proxies)."""

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class CommentPostThrottle(IPRateThrottle):
    scope = "comment_post"


class CommentReportThrottle(IPRateThrottle):
    scope = "comment_report"


class CommentCheckThrottle(IPRateThrottle):
    scope = "comment_check"


class AuthTokenThrottle(IPRateThrottle):
    scope = "auth_token"

"""Cheap synchronous checks before a comment is saved (DESIGN.md "Flow"), run by comments.services.comment_create
for the form and the API alike: text hygiene, honeypot, flood (rate limits) and duplicates.

Each refusal is a CommentRefused naming the field it belongs to, so the form shows it beside the field and the API
answers 400 with that field. A filled honeypot is different: the post is dropped silently (CommentDropped) and the
poster gets the normal answer, so a bot learns nothing and nothing is stored.
"""
import hashlib
import hmac
import logging
import re
import unicodedata
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Characters that draw nothing but can reorder or hide text: bidi controls (U+202A-E, U+2066-9), zero-width
# characters, BOM and the other format (Cf) characters, plus blank "letters" used to fake empty names.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
WHITESPACE_RE = re.compile(r"\s+")
UNREADABLE = "\ufffd"  # the replacement character: what invalid UTF-8 decodes to


class CommentRefused(Exception):
    """A post that can't be accepted; `field` names the form/API field it belongs to (None: the whole form)."""

    def __init__(self, message, *, field: str | None = None, code: str = "refused", retry_after: int | None = None):
        super().__init__(str(message))
        self.message, self.field, self.code, self.retry_after = message, field, code, retry_after


class CommentDropped(Exception):
    """A bot's post (filled honeypot): answer as if it was accepted, store nothing."""


def is_invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Cc") or char in BLANK_LETTERS


def strip_invisible(text: str) -> str:
    """Remove format/control characters and blank letters; keeps ordinary whitespace (tabs, newlines)."""
    return "".join(c for c in text if c in "\t\n\r" or not is_invisible(c))


def clean_name(name: str) -> str:
    """The name as stored: no bidi or zero-width characters (they let a name pass for another), single spaces."""
    cleaned = WHITESPACE_RE.sub(" ", strip_invisible(name or "")).strip()
    if UNREADABLE in cleaned:
        raise CommentRefused(_("The name contains characters that could not be read."), field="name", code="encoding")
    if not cleaned:
        raise CommentRefused(_("Please enter your name."), field="name", code="required")
    if len(cleaned) > settings.COMMENTS_NAME_MAX_LENGTH:
        raise CommentRefused(
            _("The name can be at most %(limit)d characters.") % {"limit": settings.COMMENTS_NAME_MAX_LENGTH},
            field="name", code="max_length",
        )
    return cleaned


def check_body(body: str) -> None:
    """Refuse NUL bytes, a body with nothing visible in it, and one over COMMENTS_BODY_MAX_LENGTH."""
    if "\x00" in (body or ""):
        raise CommentRefused(_("The comment contains characters that are not allowed."), field="body", code="null")
    if not strip_invisible(body or "").strip():
        raise CommentRefused(_("Please write your comment."), field="body", code="required")
    if UNREADABLE in body:  # what invalid UTF-8 decodes to: the text was damaged on the way
        raise CommentRefused(_("The comment contains characters that could not be read; please check its encoding."),
                             field="body", code="encoding")
    if len(body) > settings.COMMENTS_BODY_MAX_LENGTH:
        raise CommentRefused(
            _("The comment can be at most %(limit)d characters.") % {"limit": settings.COMMENTS_BODY_MAX_LENGTH},
            field="body", code="max_length",
        )


def check_website(website: str) -> None:
    """Only http and https links (no javascript:, data:, ftp: ...), and nothing invisible inside them."""
    if not website:
        return
    scheme = urlsplit(website).scheme.lower()
    if scheme not in ("http", "https") or strip_invisible(website) != website or " " in website:
        raise CommentRefused(_("Please enter a valid web address (http or https)."), field="website", code="invalid")


def check_email(email: str) -> None:
    if not email or "\x00" in email or any(is_invisible(c) for c in email):
        raise CommentRefused(_("Please enter a valid email address."), field="email", code="invalid")


def check_honeypot(value: str | None) -> None:
    if value:
        raise CommentDropped()


def normalise_body(body: str) -> str:
    """What counts as "the same text": invisible characters, case and spacing don't matter."""
    return WHITESPACE_RE.sub(" ", strip_invisible(unicodedata.normalize("NFKC", body))).strip().casefold()


def check_duplicate(*, article, author_key: str, body: str) -> None:
    """Refuse the same text from the same author on the same article within COMMENTS_DUPLICATE_WINDOW_SECONDS."""
    from comments.models import Comment

    since = timezone.now() - timedelta(seconds=settings.COMMENTS_DUPLICATE_WINDOW_SECONDS)
    recent = (
        Comment.objects.filter(article=article, author_key=author_key, created_at__gte=since)
        .order_by("-created_at").values_list("body", flat=True)[:50]
    )
    wanted = normalise_body(body)
    if any(normalise_body(other) == wanted for other in recent):
        raise CommentRefused(
            _("You have already posted this comment here; it looks like it was sent twice."),
            field="body", code="duplicate",
        )


def parse_limits(spec: str) -> list[tuple[int, int]]:
    """"10/60,60/3600" -> [(10, 60), (60, 3600)]: at most 10 posts a minute and 60 an hour."""
    limits = []
    for part in (spec or "").split(","):
        if part.strip():
            count, _sep, seconds = part.strip().partition("/")
            limits.append((int(count), int(seconds)))
    return limits


def _hit(scope: str, who: str, limits: list[tuple[int, int]]) -> int | None:
    """Count one post in each window; return seconds to wait if any window is over its limit."""
    now = int(timezone.now().timestamp())
    for count, seconds in limits:
        window = now // seconds
        key = f"guards:{scope}:{who}:{seconds}:{window}"
        try:
            cache.add(key, 0, timeout=seconds + 5)
            used = cache.incr(key)
        except Exception as exc:  # a cache outage must not stop readers from posting
            logger.warning("rate limit check skipped: cache unavailable (%s)", type(exc).__name__)
            return None
        if used > count:
            return (window + 1) * seconds - now
    return None


def check_rate(*, ip: str | None, author_key: str) -> None:
    """Refuse a flood from one IP address or one author (keyed email hash), per the COMMENTS_RATE_LIMIT_* windows."""
    wait = None
    if ip:
        # The cache key holds a keyed hash of the address, not the address.
        who = hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()[:32]
        wait = _hit("ip", who, parse_limits(settings.COMMENTS_RATE_LIMIT_IP))
    if wait is None:
        wait = _hit("author", author_key, parse_limits(settings.COMMENTS_RATE_LIMIT_AUTHOR))
    if wait is not None:
        raise CommentRefused(
            _("You are posting too fast. Please wait a little and try again."), code="rate_limited", retry_after=wait
        )

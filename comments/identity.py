"""Privacy-preserving identity: keyed hashes instead of emails, signed tokens instead of accounts."""
import hashlib
import hmac

from django.conf import settings
from django.core import signing

STATUS_TOKEN_SALT = "comments.status-token"


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def email_key(email: str) -> str:
    """Keyed HMAC of the normalised email: stable per author, useless without the server's key."""
    key = settings.COMMENTS_EMAIL_HASH_KEY.encode()
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def email_domain(email: str) -> str:
    return normalise_email(email).rpartition("@")[2]


def status_token(comment_id: int) -> str:
    """A token that lets the poster, and only the poster, read the status of their comment."""
    return signing.dumps(comment_id, salt=STATUS_TOKEN_SALT, compress=True)


def status_token_matches(token: str, comment_id: int) -> bool:
    try:
        return signing.loads(token or "", salt=STATUS_TOKEN_SALT) == comment_id
    except signing.BadSignature:
        return False

"""The log scrubber: no email or IP address in a log line (installed in settings.LOGGING).

Imported while logging is configured, before the apps load: keep it free of model imports.
"""
import ipaddress
import logging
import re

# An address-like token: user@host.tld. Deliberately broad (a log line has no business holding one).
EMAIL_RE = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
IPV4_RE = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
# IPv6 candidates (hex groups and colons, optionally ending in a dotted IPv4); each is confirmed by ipaddress.
IPV6_CANDIDATE_RE = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])")


def _ipv6_or_same(match: re.Match) -> str:
    try:
        ipaddress.IPv6Address(match.group(0))
    except ValueError:
        return match.group(0)
    return "[ip]"


def scrub(text: str) -> str:
    """Replace email addresses and IP addresses in a string with placeholders."""
    text = EMAIL_RE.sub("[email]", text)
    text = IPV4_RE.sub("[ip]", text)
    return IPV6_CANDIDATE_RE.sub(_ipv6_or_same, text)


class ScrubPersonalDataFilter(logging.Filter):
    """Logging filter: no email or IP address leaves the process in a log line (README, Security and privacy)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is still logged, just unformatted
            message = str(record.msg)
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True

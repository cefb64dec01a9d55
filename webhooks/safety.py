"""Where webhooks may be sent: a URL typed in the admin must not turn the server into a proxy into its own
network (cloud metadata at 169.254.169.254, a database on 10.0.0.5, an admin port on localhost).

Checked when an endpoint is saved (literal addresses and localhost) and again before every delivery, after
resolving the host name, so a name that later points inside the network is refused too.  Operators whose
receivers live on a private network set WEBHOOKS_ALLOW_PRIVATE_HOSTS=1.
"""
import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


def _address_refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    if ip.is_multicast or not ip.is_global:
        return f"{ip} is not a public address"
    return ""


def url_refusal(url: str, *, resolve: bool = True) -> str:
    """Why ``url`` may not receive webhooks, or "" when it may."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "not a valid URL"
    if parts.scheme not in ("http", "https"):
        return "only http and https URLs"
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return "the URL has no host"
    if settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS:
        return ""
    if host == "localhost" or host.endswith(".localhost"):
        return f"{host} is this machine"
    try:
        return _address_refusal(ipaddress.ip_address(host))
    except ValueError:
        pass  # a name, not an address
    if not resolve:
        return ""
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except OSError:
        return ""  # cannot resolve now: the delivery itself fails and is retried
    for info in infos:
        refusal = _address_refusal(ipaddress.ip_address(info[4][0].split("%", 1)[0]))
        if refusal:
            return f"{host} resolves to {refusal.split(' ', 1)[0]}, which is not a public address"
    return ""

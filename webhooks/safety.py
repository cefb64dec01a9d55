"""Where webhooks may be sent: a URL typed in the admin must not turn the server into a proxy into its own
network (cloud metadata at 169.254.169.254, a database on 10.0.0.5, an admin port on localhost).

Checked when an endpoint is saved (literal addresses and localhost) and again before every delivery, after
resolving the host name, so a name that later points inside the network is refused too; the delivery then
connects to the address that was checked (see webhooks.services), not to a fresh lookup.  Operators whose
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
    return checked_destination(url, resolve=resolve)[0]


def checked_destination(url: str, *, resolve: bool = True) -> tuple[str, list[str]]:
    """(refusal, addresses): why ``url`` may not receive webhooks ("" when it may) and the addresses its
    host resolved to when they were checked.  A delivery connects to one of these addresses, never to a
    second lookup of the name, so a name that changes its answer between check and connect (DNS
    rebinding) cannot reach inside the network."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "not a valid URL", []
    if parts.scheme not in ("http", "https"):
        return "only http and https URLs", []
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return "the URL has no host", []
    allow_private = settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS
    if not allow_private and (host == "localhost" or host.endswith(".localhost")):
        return f"{host} is this machine", []
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None  # a name, not an address
    if literal is not None:
        return ("" if allow_private else _address_refusal(literal)), [str(literal)]
    if not resolve:
        return "", []
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except OSError:
        return "", []  # cannot resolve now: the delivery itself fails and is retried
    addresses = list(dict.fromkeys(info[4][0].split("%", 1)[0] for info in infos))
    if not allow_private:
        for address in addresses:
            refusal = _address_refusal(ipaddress.ip_address(address))
            if refusal:
                return f"{host} resolves to {refusal.split(' ', 1)[0]}, which is not a public address", addresses
    return "", addresses

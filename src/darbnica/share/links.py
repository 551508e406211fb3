"""The links a summary is found at: this machine on the local network, or the facilitator's public web site."""

from __future__ import annotations

import base64
import ipaddress
import secrets
import socket
from urllib.parse import quote, urlsplit

LOOPBACK = "127.0.0.1"

DEFAULT_PORT = 8765
"""Tried first so the link stays the same from one meeting to the next; any free port if it is taken."""


def lan_address() -> str:
    """This machine's address on the local network, or the loopback address when it has no network.

    Connecting a UDP socket sends nothing; it only asks the system which of its addresses it would use to reach
    another machine. A hall with a router but no internet still has such a route; a laptop that is itself the
    hotspot may not, and then the addresses its name resolves to are tried.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # an address reserved for documentation: never a real machine
            address: str = probe.getsockname()[0]
            return address
        except OSError:
            pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return LOOPBACK
    found = [str(info[4][0]) for info in infos if not str(info[4][0]).startswith("127.")]
    return found[0] if found else LOOPBACK


def new_token() -> str:
    """A random path segment (128 bits) that only people in the room see, on the projector: it lets a phone
    write notes, so it must not be guessed. In capitals and digits (base32, 26 characters) because a QR code
    holds those in fewer modules: a LAN link with it stays at 37 × 19 cells, as a 64-bit token in mixed case did,
    where the same bits in base64 need a larger code that no longer fits an 80 × 24 screen."""
    return base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=")


def share_url(host: str, port: int, token: str) -> str:
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/{token}"


def this_computer_only(link: str) -> bool:
    """Whether ``link`` names this computer itself (a loopback address, or a name for one): no phone can open it."""
    try:
        host = (urlsplit(link).hostname or "").rstrip(".")
        if host == "localhost" or host.endswith(".localhost"):
            return True
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None  # ::ffff:127.0.0.1
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


def served_here(link: str) -> bool:
    """Whether ``link`` is an address share mode serves (plain http to an IP address of a private, loopback or
    link-local network): it answers only while this laptop shares, on the hall's network. A public link names a
    web site; one on a private address is taken for a meeting-only link too."""
    try:
        parts = urlsplit(link)
        address = ipaddress.ip_address(parts.hostname or "")
    except ValueError:
        return False
    return parts.scheme == "http" and (address.is_private or address.is_loopback or address.is_link_local)


def public_url(template: str, workshop_id: str) -> str:
    """The template from the settings (``https://example.lv/darbnicas/{id}.html``) with the workshop's id."""
    return template.replace("{id}", quote(workshop_id, safe=""))


def summary_link(public_template: str | None, workshop_id: str, served: str | None = None) -> str | None:
    """The link participants are given: the public one when the settings have a template (summaries published
    after the meeting), else the address this machine serves it at, if it does."""
    if public_template:
        return public_url(public_template, workshop_id)
    return served

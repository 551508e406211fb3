"""The hall's Wi-Fi as a QR code, so a phone joins the network with one scan before it opens the workshop.

Phone cameras (Android and iOS alike) read the ``WIFI:`` form: ``WIFI:T:WPA;S:<name>;P:<password>;;``. In the
name and the password a backslash, ``;``, ``,``, ``:`` and ``"`` are escaped with a backslash; a network without
a password is ``T:nopass``.
"""

from __future__ import annotations

_SPECIAL = frozenset('\\;,:"')


def _escaped(text: str) -> str:
    return "".join("\\" + char if char in _SPECIAL else char for char in text)


def wifi_payload(name: str, password: str | None = None) -> str:
    """What the Wi-Fi QR code holds for the network ``name`` (WPA/WPA2 with ``password``, else an open one)."""
    if password:
        return f"WIFI:T:WPA;S:{_escaped(name)};P:{_escaped(password)};;"
    return f"WIFI:T:nopass;S:{_escaped(name)};;"

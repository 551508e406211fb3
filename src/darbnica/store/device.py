"""This laptop's name in a shared archive: which laptop made a workshop (its owner), who committed a sync.

Made once per data folder as ``<host>-<4 hex>`` (two laptops both called "laptop" still differ) and kept in
``<data>/device.txt``, outside what a sync shares, so each laptop keeps its own.
"""

from __future__ import annotations

import re
import secrets
import socket

from darbnica.paths import Paths
from darbnica.store.storage import atomic_write, ensure_folder

DEVICE_PATTERN = re.compile(r"^[a-z0-9-]{1,40}$")


def _host() -> str:
    host = re.sub(r"[^a-z0-9]+", "-", (socket.gethostname() or "").lower().split(".")[0]).strip("-")
    return host[:16].strip("-") or "laptop"


def device_id(paths: Paths) -> str:
    """This data folder's laptop name, made the first time it is asked for."""
    path = paths.data / "device.txt"
    try:
        known = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        known = ""
    if DEVICE_PATTERN.match(known):
        return known
    made = f"{_host()}-{secrets.token_hex(2)}"
    ensure_folder(paths.data)
    atomic_write(path, f"{made}\n".encode("ascii"))
    return made

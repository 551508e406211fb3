"""Where each workshop is served to phones, kept across runs of the app for a while.

A crash, a flat battery or a restart in the middle of a workshop must not change the link: the room scanned the code
on the projector, the phones have the page open, and with JavaScript a phone sends a note it could not send again,
to the same address, with the form token its page was given. So each workshop's token, the scribe's token, the port
and the key of the phones' form tokens are written to one small file in the data folder (not among the workshops,
which are shared through git) and used again when the same workshop is shared again within :data:`KEEP`. After
that, or after "New link for phones", the workshop gets a new address.

The file is state, not data: unreadable or damaged, it is as if it were not there (new links are made); a disk that
refuses it only means the link would change at the next restart.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from darbnica.errors import DarbnicaError
from darbnica.share.links import new_token
from darbnica.store.storage import atomic_write

log = logging.getLogger(__name__)

KEEP = timedelta(hours=12)
"""How long a workshop's address is used again: a workshop and a restart in it, not a meeting a month later."""


@dataclass(frozen=True)
class Address:
    token: str
    scribe: str
    """The scribe's token: a second link, shown only on the laptop."""
    port: int
    secret: str
    """The key of the phones' form tokens, in hex."""
    made: str
    """When the address was made (ISO 8601, UTC)."""

    @property
    def key(self) -> bytes:
        return bytes.fromhex(self.secret)


class Addresses:
    """The addresses of ``path`` (``share-links.json`` in the data folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, workshop_id: str, port: int, now: datetime | None = None) -> Address:
        """The workshop's address if it was made within :data:`KEEP`; else a new one on ``port``, written down."""
        now = now or datetime.now(UTC)
        kept = self._read()
        found = kept.get(workshop_id)
        if found is not None and now - datetime.fromisoformat(found.made) <= KEEP:
            return found
        address = Address(new_token(), new_token(), port, secrets.token_bytes(32).hex(), now.isoformat())
        self.keep(workshop_id, address, now)
        return address

    def keep(self, workshop_id: str, address: Address, now: datetime | None = None) -> None:
        """Write ``address`` down for the workshop (its port may have changed: another program had the old one)."""
        now = now or datetime.now(UTC)
        fresh = {key: a for key, a in self._read().items() if now - datetime.fromisoformat(a.made) <= KEEP}
        fresh[workshop_id] = address
        self._write(fresh)

    def served_on(self, workshop_id: str, address: Address, port: int) -> None:
        """The server listens on ``port``: written down if it is not the address's (another program had that one)."""
        if port != address.port:
            self.keep(workshop_id, replace(address, port=port))

    def forget(self, workshop_id: str) -> None:
        """A new link for the workshop next time ("New link for phones"): the old one leads nowhere."""
        kept = self._read()
        if kept.pop(workshop_id, None) is not None:
            self._write(kept)

    def _read(self) -> dict[str, Address]:
        self._make_private()
        try:
            tables = json.loads(self.path.read_bytes())
            return {key: Address(**value) for key, value in tables["workshops"].items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            log.warning("%s could not be read (%s): new links are made", self.path, error)
            return {}

    def _make_private(self) -> None:
        """A file left readable by others (an earlier darbnica wrote it so) is made the owner's alone: its tokens may
        still be live, and a kept address is used without the file being written again."""
        if os.name == "nt":
            return  # Windows keeps only a file's read-only bit
        try:
            if self.path.stat().st_mode & 0o077:
                self.path.chmod(0o600)
        except OSError as error:  # not there yet, or another user's: reading it says what is wrong, if anything
            if not isinstance(error, FileNotFoundError):
                log.warning("%s could not be made private (%s)", self.path, error)

    def _write(self, kept: dict[str, Address]) -> None:
        payload = json.dumps({"workshops": {key: asdict(a) for key, a in kept.items()}}, indent=1).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, payload, private=True)  # its tokens let anyone post to the wall
        except (OSError, DarbnicaError) as error:
            log.warning("%s could not be written (%s): the link changes if the app starts again", self.path, error)

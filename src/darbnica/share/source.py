"""The workshop ``darbnica share`` serves: read from its file again only when the file has changed.

Another process (the app, ``darbnica add``) writes the file while it is served. Every write replaces the whole file
(a new inode, usually a new size and time), so its ``stat`` says whether there is anything new to read; reading and
checking a 1,000-note file for every phone that reloads was most of what a request cost.
"""

from __future__ import annotations

import os

from darbnica.errors import DarbnicaError, NotFound
from darbnica.model import Workshop
from darbnica.store import Library


class WorkshopOnDisk:
    """Call it for the workshop as its file holds it now. The same object while the file is unchanged, so the
    server's page cache knows it has that page already; a file that cannot be read raises the same error until
    it changes."""

    def __init__(self, library: Library, workshop_id: str) -> None:
        self.library = library
        self.workshop_id = workshop_id
        self.path = library.path_of(workshop_id)
        self._seen: tuple[int, int, int] | None = None
        self._read: Workshop | DarbnicaError | None = None

    def __call__(self) -> Workshop:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            self._seen = None
            raise NotFound("error.no_workshop", ref=self.workshop_id) from None
        seen = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if seen != self._seen:
            # Seen before reading: a write between the two makes the next call read again, never miss it.
            self._seen = seen
            try:
                self._read = self.library.read_path(self.path)
            except DarbnicaError as error:
                self._read = error
        read = self._read
        if isinstance(read, DarbnicaError):
            raise read.with_traceback(None)  # the same error again, without piling up tracebacks
        assert read is not None
        return read

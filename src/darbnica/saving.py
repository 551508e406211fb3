"""How an editor's changes reach the disk: at once (the command line, tests) or on a writer thread (the app).

In the app a key must never wait for the disk: on a USB stick an fsync can take a third of a second, and keys
typed meanwhile would queue up behind it. :class:`SaveInBackground` therefore hands each new state of the workshop
to one writer thread. Each write is the whole file, so the writer always writes the newest state it has been given
(everything before it is in it); states that arrive while it writes are not lost, only folded into the next write.
It reports every finished or refused write back to the editor on the app's own thread, so the screens can show
what is on disk and what is still saving. A refused write (a full disk) is tried again every few seconds and at
every new change, and the state stays in memory meanwhile; closing waits for the last write.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial

from darbnica.errors import DarbnicaError, WriteFailed
from darbnica.model import Workshop
from darbnica.store.workshop import ForeignChange, WorkshopFile

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
"""How often a write the disk refused is tried again, besides at every new change."""
INDEX_AFTER_SECONDS = 0.1
"""How long the writer waits, idle, before it puts what it wrote in the search index."""


class SaveNow:
    """Write each state before the editor keeps it: a refused write raises, and the change is not made."""

    def __init__(self, file: WorkshopFile) -> None:
        self.file = file

    @property
    def saved(self) -> Workshop:
        return self.file.workshop

    @property
    def error(self) -> DarbnicaError | None:
        return None

    def attach(self, reported: Callable[[], None], adopt: Callable[[Workshop, Workshop], None]) -> None:
        pass  # nothing happens later: every write is done, or refused, before save returns

    def save(self, workshop: Workshop) -> None:
        self.file.save(workshop)

    def flush(self, timeout: float) -> bool:
        return True

    def close(self) -> None:
        pass


Deliver = Callable[[Callable[[], None]], None]
"""Runs a function on the editor's own thread (the app passes its event loop's ``call_soon_threadsafe``)."""


class SaveInBackground:
    """One writer thread for one open workshop; what happens to each write is told on the editor's thread.

    The editor attaches two functions: one called after each write that succeeded or was refused, and one called
    when another program replaced the file (see :class:`~darbnica.store.workshop.ForeignChange`), which keeps what
    that program wrote in the editor's state; the next state is then written.
    """

    def __init__(
        self,
        file: WorkshopFile,
        deliver: Deliver,
        *,
        retry_seconds: float | None = None,
    ) -> None:
        self.file = file
        self._deliver = deliver
        self.retry_seconds = RETRY_SECONDS if retry_seconds is None else retry_seconds
        self._reported: Callable[[], None] = lambda: None
        self._adopt: Callable[[Workshop, Workshop], None] = lambda theirs, base: None
        self._saved = file.workshop
        self._error: DarbnicaError | None = None
        self._wake = threading.Condition()
        self._newest: tuple[int, Workshop] | None = None
        """The newest state given to :meth:`save`, with its number."""
        self._given = 0
        self._written = 0
        """The number of the newest state on disk."""
        self._tries = 0
        """Writes finished so far, refused or not (:meth:`flush` waits for the next one)."""
        self._skip = 0
        """States up to this number are not to be written (made before another program's change was seen)."""
        self._failed = False
        self._hurry = False
        self._closing = False
        self._thread = threading.Thread(target=self._run, name=f"save {file.id}", daemon=True)
        self._thread.start()

    # -- on the editor's thread ------------------------------------------------------------------------------

    @property
    def saved(self) -> Workshop:
        """The workshop as the file holds it, as far as the editor's thread has been told."""
        return self._saved

    @property
    def error(self) -> DarbnicaError | None:
        return self._error

    @property
    def pending(self) -> bool:
        """Whether some change is not on disk yet."""
        with self._wake:
            return self._written < self._given

    def attach(self, reported: Callable[[], None], adopt: Callable[[Workshop, Workshop], None]) -> None:
        self._reported, self._adopt = reported, adopt

    def save(self, workshop: Workshop) -> None:
        with self._wake:
            self._given += 1
            self._newest = (self._given, workshop)
            self._hurry = True  # a refused write is tried again at once: the disk may take it now
            self._wake.notify_all()

    def flush(self, timeout: float) -> bool:
        """Wait until the newest state is on disk; ``False`` if the disk refused it (or ``timeout`` passed)."""
        deadline = time.monotonic() + timeout
        with self._wake:
            wanted, tries = self._given, self._tries
            self._hurry = True
            self._wake.notify_all()
            while self._written < wanted:
                if self._tries > tries and (self._failed or self._skip >= wanted):
                    return False  # tried again since the flush began: refused, or another program wrote first
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._wake.wait(left)
        return True

    def close(self) -> None:
        """Stop the writer thread once it has written what it can (a refused state is not tried again)."""
        with self._wake:
            self._closing = True
            self._wake.notify_all()
        self._thread.join()

    def _report(self, workshop: Workshop | None, error: DarbnicaError | None) -> None:
        if workshop is not None:
            self._saved = workshop
        self._error = error
        self._reported()

    # -- on the writer thread --------------------------------------------------------------------------------

    def _next(self) -> tuple[int, Workshop] | None:
        """Wait for a state to write (newer than what is on disk, and after a refusal only when it is time to try
        again); ``None`` once closing with nothing more that can be written."""
        with self._wake:
            while True:
                newer = self._newest is not None and self._newest[0] > max(self._written, self._skip)
                if newer and (not self._failed or self._hurry):
                    self._hurry = False
                    assert self._newest is not None
                    return self._newest
                if self._closing:
                    return None
                if not self._wake.wait(self.retry_seconds if newer else None):
                    self._hurry = True  # the retry interval passed

    def _run(self) -> None:
        while (newest := self._next()) is not None:
            number, workshop = newest
            try:
                self.file.write(workshop)
            except ForeignChange as change:
                # Nothing was written. Writing this state again would throw away what the other program wrote:
                # only a newer state, made by the editor with that program's notes kept, is written.
                self._finish(skip=number)
                self._deliver(partial(self._adopt, change.theirs, change.base))
            except DarbnicaError as error:
                self._finish(failed=True)
                self._deliver(partial(self._report, None, error))
            except Exception as error:  # a bug must not end saving silently: it is said as a refused write
                log.exception("saving %s failed", self.file.path)
                refused = WriteFailed("error.write_failed", path=str(self.file.path), reason=repr(error))
                self._finish(failed=True)
                self._deliver(partial(self._report, None, refused))
            else:
                self._finish(written=number)
                self._deliver(partial(self._report, workshop, None))
                # The search index once the writer has been idle a moment: the note is safe once the file has it,
                # the frame that shows it saved need not share the interpreter with the index, and notes that
                # come in a burst (a room of phones) are indexed once. Until then the workshop is stale in the
                # index, and a search reads its file.
                if not self._newer_within(INDEX_AFTER_SECONDS):
                    self._index()
        self._index()  # closing: the last state written is in the index too

    def _newer_within(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for a newer state to write (or for closing); whether one came."""
        with self._wake:
            self._wake.wait_for(lambda: self._closing or self._newer(), seconds)
            return self._newer()

    def _newer(self) -> bool:
        """Whether a state waits that is newer than what is on disk (called holding ``_wake``)."""
        return self._newest is not None and self._newest[0] > self._written

    def _index(self) -> None:
        try:
            self.file.index()
        except Exception:  # the index is derived: a failure leaves the workshop stale there, and is no refusal
            log.exception("indexing %s failed", self.file.path)

    def _finish(self, *, written: int = 0, failed: bool = False, skip: int = 0) -> None:
        with self._wake:
            self._written = max(self._written, written)
            self._skip = max(self._skip, skip)
            self._failed = failed
            self._tries += 1
            self._wake.notify_all()
